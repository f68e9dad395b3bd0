import cytoscape, { type Core, type ElementDefinition } from "cytoscape";
import { useEffect, useRef } from "react";
import type { Theme } from "../../shared/theme";
import { graphStyle } from "./graphStyle";

interface Props {
  readonly elements: readonly ElementDefinition[];
  readonly theme: Theme;
  /** Called with the id of a tapped interface or pod, or undefined when the background is tapped. */
  readonly onPick: (id: string | undefined) => void;
  readonly selected?: string | undefined;
}

function inView(instance: Core, node: cytoscape.CollectionReturnValue): boolean {
  const box = node.renderedBoundingBox();
  return box.x1 >= 0 && box.y1 >= 0 && box.x2 <= instance.width() && box.y2 <= instance.height();
}

/** The only file that touches Cytoscape: renders elements (positions precomputed) and reports taps. */
export function CytoscapeGraph({ elements, theme, onPick, selected }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const instance = cytoscape({
      container: container.current,
      layout: { name: "preset" },
      minZoom: 0.05,
      maxZoom: 3,
      wheelSensitivity: 0.3,
      autoungrabify: true,
      boxSelectionEnabled: false,
    });
    instance.on("tap", (e) => {
      if (e.target === instance) pick.current(undefined);
    });
    instance.on("tap", "node.interface, node.pod", (e) => {
      pick.current((e.target as cytoscape.NodeSingular).id());
    });
    cy.current = instance;
    return () => {
      instance.destroy();
      cy.current = null;
    };
  }, []);

  useEffect(() => {
    cy.current?.style(graphStyle(theme));
  }, [theme]);

  useEffect(() => {
    const instance = cy.current;
    if (instance === null) return;
    const firstDraw = instance.elements().length === 0;
    instance.batch(() => {
      instance.elements().remove();
      instance.add([...elements]);
    });
    const matches = instance.$("node.match");
    if (matches.length > 0) instance.animate({ fit: { eles: matches, padding: 80 } }, { duration: 250 });
    else if (firstDraw) instance.fit(undefined, 30);
  }, [elements]);

  // Runs after the element effect on every render, so the selection survives element replacement.
  const shown = useRef<string | undefined>(undefined);
  useEffect(() => {
    const instance = cy.current;
    if (instance === null) return;
    instance.$(":selected").unselect();
    if (selected === undefined) return;
    const node = instance.getElementById(selected).select();
    // A pick from the list (not a click) may be out of view: bring it in.
    if (shown.current !== selected && node.nonempty() && !inView(instance, node))
      instance.animate({ center: { eles: node } }, { duration: 250 });
    shown.current = selected;
  });

  const zoom = (factor: number) => {
    const instance = cy.current;
    if (instance === null) return;
    instance.zoom({
      level: instance.zoom() * factor,
      renderedPosition: { x: instance.width() / 2, y: instance.height() / 2 },
    });
  };
  return (
    <div className="graph-canvas-wrap">
      <div
        ref={container}
        className="graph-canvas"
        data-testid="graph-canvas"
        role="img"
        aria-label="Cluster graph: worker nodes with their interfaces and pods"
      />
      <div className="graph-controls">
        <button type="button" className="btn" onClick={() => zoom(1.25)} aria-label="Zoom in">
          +
        </button>
        <button type="button" className="btn" onClick={() => zoom(0.8)} aria-label="Zoom out">
          −
        </button>
        <button type="button" className="btn" onClick={() => cy.current?.fit(undefined, 30)}>
          Fit
        </button>
      </div>
    </div>
  );
}
