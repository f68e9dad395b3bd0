import cytoscape, { type Core, type ElementDefinition } from "cytoscape";
import { useEffect, useRef } from "react";
import type { Theme } from "../../shared/theme";
import { graphStyle } from "./graphStyle";

interface Props {
  readonly elements: readonly ElementDefinition[];
  readonly theme: Theme;
  /** Called with the id of a tapped interface or pod, or undefined when the background is tapped. */
  readonly onPick: (id: string | undefined) => void;
  /** Called with the `GraphQuery.expand` token of a tapped group cell (a namespace or a workload). */
  readonly onExpand: (token: string) => void;
  readonly selected?: string | undefined;
  /**
   * Changes when the reader opens or closes a group: the next elements that arrive are brought into view if any are
   * new (a live update adds pods where they belong without moving the view).
   */
  readonly reveal?: string | undefined;
}

function inView(instance: Core, node: cytoscape.CollectionReturnValue): boolean {
  const box = node.renderedBoundingBox();
  return box.x1 >= 0 && box.y1 >= 0 && box.x2 <= instance.width() && box.y2 <= instance.height();
}

/** The only file that touches Cytoscape: renders elements (positions precomputed) and reports taps. */
export function CytoscapeGraph({ elements, theme, onPick, onExpand, selected, reveal }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const revealed = useRef(reveal);
  const revealNow = useRef(reveal);
  revealNow.current = reveal;
  const pick = useRef(onPick);
  pick.current = onPick;
  const expand = useRef(onExpand);
  expand.current = onExpand;

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
    instance.on("tap", "node.group", (e) => {
      expand.current(String((e.target as cytoscape.NodeSingular).data("expand")));
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
    let added = instance.collection();
    instance.batch(() => {
      added = updateElements(instance, elements);
    });
    const matches = instance.$("node.match");
    const revealing = revealed.current !== revealNow.current;
    revealed.current = revealNow.current;
    if (matches.length > 0) instance.animate({ fit: { eles: matches, padding: 80 } }, { duration: 250 });
    else if (firstDraw) fitReadable(instance, instance.elements());
    else if (revealing && added.nonempty()) fitReadable(instance, added.union(added.parents()));
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

/** Below this zoom a cell's 10–11 px labels fall under 9 px; far below it a large picture is a texture, not a graph. */
const READABLE_ZOOM = 0.85;

/**
 * Fits `eles` if they can be read whole; more start at a readable zoom at their top left (the namespace cells come
 * first), and Fit or the wheel show the rest.
 */
function fitReadable(instance: Core, eles: cytoscape.CollectionReturnValue): void {
  instance.fit(eles, 30);
  if (instance.zoom() >= READABLE_ZOOM) return;
  const box = eles.boundingBox({ includeLabels: true });
  instance.zoom(READABLE_ZOOM);
  // Room above for the first box's title, which Cytoscape draws outside the box.
  instance.pan({ x: 30 - box.x1 * READABLE_ZOOM, y: 50 - box.y1 * READABLE_ZOOM });
}

/**
 * Applies only what changed: elements that went away are removed, new ones added (and returned), and the rest get
 * their data, classes and position updated in place, so one pod's change does not redraw or move the whole picture.
 */
function updateElements(instance: Core, elements: readonly ElementDefinition[]): cytoscape.CollectionReturnValue {
  const wanted = new Map(elements.map((e) => [e.data.id, e]));
  instance
    .elements()
    .filter((el) => !wanted.has(el.id()))
    .remove();
  const added: ElementDefinition[] = [];
  for (const def of elements) {
    const id = def.data.id;
    const el = id === undefined ? undefined : instance.getElementById(id);
    if (el === undefined || el.empty() || el.data("parent") !== def.data.parent) {
      el?.remove();
      added.push(def);
      continue;
    }
    el.data(def.data);
    el.classes(def.classes ?? "");
    if (def.position !== undefined) el.position(def.position);
  }
  // Parents before children, as Cytoscape needs them.
  return instance.add(added);
}
