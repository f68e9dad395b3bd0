import type { PolicyKind, PolicySummary } from "@palisade/contract";
import { useVirtualizer } from "@tanstack/react-virtual";
import { type CSSProperties, useRef } from "react";
import { Link } from "react-router";
import { StageBadges } from "../../components/StageBadges";
import { policyPath } from "./policyKey";

const ROW_HEIGHT = 34;
const COLUMNS = [
  "#",
  "Name",
  "Kind",
  "Namespace",
  "Tier",
  "Order",
  "Stages",
  "Types",
  "Selector",
  "Applies to",
  "Rules",
];
const NUMERIC = new Set(["#", "Order"]);

export const KIND_SHORT: Record<PolicyKind, string> = {
  GlobalNetworkPolicy: "GNP",
  NetworkPolicy: "NP",
  KubernetesNetworkPolicy: "K8s NP",
  StagedGlobalNetworkPolicy: "Staged GNP",
  StagedNetworkPolicy: "Staged NP",
  StagedKubernetesNetworkPolicy: "Staged K8s NP",
};

export interface PolicyRow {
  readonly policy: PolicySummary;
  /** The row's place in the unfiltered evaluation order. */
  readonly position: number;
}

function Matched({ p }: { p: PolicySummary }) {
  const { hostEndpoints: h, workloadEndpoints: w } = p.matched;
  if (h + w === 0) return <span className="muted">nothing</span>;
  return (
    <span title={`${h} host endpoints, ${w} pods`}>
      {h > 0 && <span className="count-chip">{h} HEP</span>}
      {w > 0 && <span className="count-chip">{w} pod</span>}
    </span>
  );
}

/**
 * The policies in Calico's evaluation order (rows arrive sorted by the BFF). Only the rows in view are in the DOM,
 * so thousands of policies scroll smoothly.
 */
export function PolicyTable({ cluster, rows }: { cluster: string; rows: readonly PolicyRow[] }) {
  const scrollRef = useRef<HTMLTableSectionElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const total = { "--total": `${virtualizer.getTotalSize()}px` } as CSSProperties;
  return (
    <table className="vtable policy-grid" aria-label="Policies in evaluation order" aria-rowcount={rows.length + 1}>
      <thead className="vtable-head">
        <tr className="vtable-row" aria-rowindex={1}>
          {COLUMNS.map((c) => (
            <th key={c} scope="col" className={NUMERIC.has(c) ? "num" : undefined}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="vtable-body" ref={scrollRef} style={total}>
        {virtualizer.getVirtualItems().map((v) => {
          const row = rows[v.index];
          if (row === undefined) return null;
          const p = row.policy;
          const selector = p.selector === "" ? "all()" : p.selector;
          return (
            <tr
              key={p.key}
              className={p.staged ? "vtable-row staged" : "vtable-row"}
              aria-rowindex={v.index + 2}
              data-testid="policy-row"
              style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}
            >
              <td className="num muted">{row.position + 1}</td>
              <td className="name" title={p.calicoName === undefined ? p.name : `Calico name: ${p.calicoName}`}>
                <Link to={policyPath(cluster, p)}>{p.name}</Link>
                {p.calicoName !== undefined && <span className="calico-name"> {p.calicoName}</span>}
              </td>
              <td className="kind" title={p.kind}>
                {KIND_SHORT[p.kind]}
              </td>
              <td>{p.namespace ?? <span className="muted">global</span>}</td>
              <td>{p.tier}</td>
              <td className="num">{p.order ?? <span className="muted">unset</span>}</td>
              <td>
                <StageBadges stages={p.staged ? [...p.stages, "staged"] : p.stages} />
              </td>
              <td className="types">{p.types.join(", ")}</td>
              <td className="selector" title={selector}>
                <code>{selector}</code>
              </td>
              <td>
                <Matched p={p} />
              </td>
              <td className="summary" title={p.summary}>
                {p.summary}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
