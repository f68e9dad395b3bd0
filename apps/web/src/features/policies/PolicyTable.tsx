import type { PolicyKind, PolicySummary } from "@palisade/contract";
import { useVirtualizer } from "@tanstack/react-virtual";
import { type CSSProperties, memo, useRef, useState } from "react";
import { Link } from "react-router";
import { EnforcementBadge } from "../../components/EnforcementBadge";
import { StageBadges } from "../../components/StageBadges";
import { clusterPath } from "../../shared/cluster";
import { deniesOnly, flowsOf, type HitsOfPolicy } from "../../shared/hits";
import { policyPath } from "../../shared/policyKey";
import {
  COLUMNS,
  type Column,
  type ColumnWidths,
  clampWidth,
  gridColumns,
  MAX_WIDTH,
  MIN_WIDTH,
  RESIZABLE,
} from "./columns";

const ROW_HEIGHT = 34;
const NUMERIC: ReadonlySet<Column> = new Set(["#", "Order", "Hits"]);
/** How far one arrow key press moves a column edge. */
const KEY_STEP = 24;

export const KIND_SHORT: Record<PolicyKind, string> = {
  GlobalNetworkPolicy: "GNP",
  NetworkPolicy: "NP",
  KubernetesNetworkPolicy: "K8s NP",
  StagedGlobalNetworkPolicy: "Staged GNP",
  StagedNetworkPolicy: "Staged NP",
  StagedKubernetesNetworkPolicy: "Staged K8s NP",
  AdminNetworkPolicy: "ANP",
  BaselineAdminNetworkPolicy: "BANP",
  ClusterNetworkPolicy: "K8s CNP",
};

export interface PolicyRow {
  readonly policy: PolicySummary;
  /** The row's place in the unfiltered evaluation order. */
  readonly position: number;
}

function MatchedCell({ p }: { p: PolicySummary }) {
  const { hostEndpoints: h, workloadEndpoints: w } = p.matched;
  if (h + w === 0) return <td className="muted">nothing</td>;
  return (
    <td title={`${h} host endpoints, ${w} pods`}>
      {h > 0 && <span className="count-chip">{h} HEP</span>}
      {w > 0 && <span className="count-chip">{w} pod</span>}
    </td>
  );
}

/** Flows the policy acted on among those held; for a staged policy, those it would have denied. */
function HitsCell({ hits }: { hits: HitsOfPolicy | undefined }) {
  const counted = hits?.enforced ?? hits?.pending;
  if (counted === undefined)
    return (
      <td className="num muted" title="No flow held hit this policy">
        0
      </td>
    );
  const n = flowsOf(counted);
  const title = `${hits?.enforced !== undefined && deniesOnly(hits.enforced) ? "Only denies: " : ""}${counted.allowed.flows} allowed, ${counted.denied.flows} denied, ${counted.passed.flows} passed${hits?.enforced === undefined ? " (would have, staged)" : ""}`;
  return (
    <td className="num" title={title} data-testid="policy-hits">
      {n.toLocaleString()}
      {hits?.enforced !== undefined && deniesOnly(hits.enforced) && (
        <span className="count-chip action-Deny">deny</span>
      )}
    </td>
  );
}

interface RowProps {
  readonly cluster: string;
  readonly row: PolicyRow;
  /** The row's tier has no Tier object (Felix evaluates it after every existing tier). */
  readonly tierMissing: boolean;
  /** Index among the table's (filtered) rows. */
  readonly index: number;
  /** Offset from the top of the scrolled body, px. */
  readonly start: number;
  readonly hits: HitsOfPolicy | undefined;
}

/**
 * One table row. Scrolling 400 px inserts a dozen rows per frame and Chromium styles and lays out every new element,
 * so a row is kept to one element per cell where it can (no wrappers around plain text, the selector's monospace
 * font set on its cell); rows that stay in view keep their key and, memoised, do not re-render while the table
 * scrolls.
 */
const PolicyTableRow = memo(function PolicyTableRow({ cluster, row, tierMissing, index, start, hits }: RowProps) {
  const p = row.policy;
  const selector = p.selector === "" ? "all()" : p.selector;
  const stages = p.staged ? [...p.stages, "staged" as const] : p.stages;
  return (
    <tr
      className={
        p.staged
          ? "vtable-row staged"
          : p.enforcement?.state === "not-enforced"
            ? "vtable-row unenforced"
            : "vtable-row"
      }
      aria-rowindex={index + 2}
      data-testid="policy-row"
      style={{ transform: `translateY(${start}px)` }}
    >
      <td className="num muted">{row.position + 1}</td>
      <td className="name" title={p.calicoName === undefined ? p.name : `Calico name: ${p.calicoName}`}>
        {/* Before the name, so a long name's ellipsis never hides it. */}
        {p.policySet !== undefined && (
          <Link
            className="badge set-badge"
            to={clusterPath(cluster, "policy-sets")}
            title={`Part of IBM's ${p.policySet.set} set for ${p.policySet.region}, applied by Palisade`}
            aria-label={`set ${p.policySet.set} ${p.policySet.region}`}
          >
            set
          </Link>
        )}
        <Link to={policyPath(cluster, p)}>{p.name}</Link>
        {p.calicoName !== undefined && <span className="calico-name"> {p.calicoName}</span>}
      </td>
      <td className="kind" title={p.kind}>
        {KIND_SHORT[p.kind]}
      </td>
      <td className={p.namespace === undefined ? "muted" : undefined} title={p.namespace ?? "global"}>
        {p.namespace ?? "global"}
      </td>
      {tierMissing ? (
        // The badge first: the narrow column cuts the name, never the mark.
        <td title={`Tier ${p.tier} has no Tier object: Felix evaluates it after every existing tier`}>
          <span className="badge tier-missing">no Tier</span> {p.tier}
        </td>
      ) : (
        // Tier names such as baselineadminnetworkpolicy outgrow the column; the title keeps them whole.
        <td title={p.tier}>{p.tier}</td>
      )}
      <td className={p.order === undefined ? "num muted" : "num"}>{p.order ?? "unset"}</td>
      {/* Most policies are only "normal", which the table does not badge: no badge list for them at all. */}
      <td>
        <EnforcementBadge enforcement={p.enforcement} />
        {stages.some((s) => s !== "normal") && <StageBadges stages={stages} />}
      </td>
      <td className="types" title={p.types.join(", ")}>
        {p.types.join(", ")}
      </td>
      <td className="selector" title={selector}>
        {selector}
      </td>
      <MatchedCell p={p} />
      <HitsCell hits={hits} />
      <td className="summary" title={p.summary}>
        {p.summary}
      </td>
    </tr>
  );
});

/**
 * The edge of a long-text column: drag it (or focus it and use the arrow keys) to widen the column when names,
 * selectors or rules are cut; double-click or Escape gives the column back its share of the width.
 */
function ResizeHandle({
  column,
  width,
  onResize,
  onReset,
}: {
  column: Column;
  width: number | undefined;
  onResize: (px: number) => void;
  onReset: () => void;
}) {
  const drag = useRef<{ x: number; width: number } | undefined>(undefined);
  const current = (el: HTMLElement) => width ?? el.parentElement?.getBoundingClientRect().width ?? MIN_WIDTH;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a focusable column separator (WAI-ARIA window splitter); <hr> cannot take focus or a value
    <span
      className="col-resize"
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize the ${column} column`}
      aria-valuenow={width ?? 0}
      aria-valuemin={MIN_WIDTH}
      aria-valuemax={MAX_WIDTH}
      tabIndex={0}
      title="Drag to resize; double-click to reset"
      data-testid={`resize-${column}`}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { x: e.clientX, width: current(e.currentTarget) };
      }}
      onPointerMove={(e) => {
        if (drag.current !== undefined) onResize(clampWidth(drag.current.width + e.clientX - drag.current.x));
      }}
      onPointerUp={() => {
        drag.current = undefined;
      }}
      onDoubleClick={onReset}
      onKeyDown={(e) => {
        const step = e.key === "ArrowRight" ? KEY_STEP : e.key === "ArrowLeft" ? -KEY_STEP : 0;
        if (step !== 0) {
          e.preventDefault();
          onResize(clampWidth(current(e.currentTarget) + step));
        } else if (e.key === "Escape") onReset();
      }}
    />
  );
}

/**
 * The policies in Calico's evaluation order (rows arrive sorted by the BFF). Only the rows in view are in the DOM,
 * so thousands of policies scroll smoothly.
 */
export function PolicyTable({
  cluster,
  rows,
  hits,
  missingTiers,
}: {
  cluster: string;
  rows: readonly PolicyRow[];
  /** Hit counts over the flows held, by policy key (the Hits column). */
  hits: ReadonlyMap<string, HitsOfPolicy>;
  /** Tiers that policies name but that have no Tier object. */
  missingTiers: ReadonlySet<string>;
}) {
  const scrollRef = useRef<HTMLTableSectionElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const total = { "--total": `${virtualizer.getTotalSize()}px` } as CSSProperties;
  const items = virtualizer.getVirtualItems();
  // On the table, not the rows: resizing restyles the grid without re-rendering a memoised row.
  const [widths, setWidths] = useState<ColumnWidths>({});
  const cols = { "--cols": gridColumns(widths) } as CSSProperties;
  return (
    <table
      className="vtable policy-grid"
      aria-label="Policies in evaluation order"
      aria-rowcount={rows.length + 1}
      style={cols}
    >
      <thead className="vtable-head">
        <tr className="vtable-row" aria-rowindex={1}>
          {COLUMNS.map((c) => (
            <th key={c} scope="col" className={NUMERIC.has(c) ? "num" : RESIZABLE.has(c) ? "resizable" : undefined}>
              {c}
              {RESIZABLE.has(c) && (
                <ResizeHandle
                  column={c}
                  width={widths[c]}
                  onResize={(w) => setWidths((prev) => ({ ...prev, [c]: w }))}
                  onReset={() => setWidths(({ [c]: _, ...rest }) => rest)}
                />
              )}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="vtable-body" ref={scrollRef} style={total}>
        {items.map((v) => {
          const row = rows[v.index];
          return row === undefined ? null : (
            <PolicyTableRow
              key={row.policy.key}
              cluster={cluster}
              row={row}
              tierMissing={missingTiers.has(row.policy.tier)}
              index={v.index}
              start={v.start}
              hits={hits.get(row.policy.key)}
            />
          );
        })}
      </tbody>
    </table>
  );
}
