import type { PolicySummary } from "@palisade/contract";
import { useVirtualizer } from "@tanstack/react-virtual";
import { type CSSProperties, useRef } from "react";
import { Link } from "react-router";
import { StageBadges } from "../../components/StageBadges";
import { stagesOf } from "./filters";
import { policyKey, policyPath } from "./policyKey";

const ROW_HEIGHT = 34;
const COLUMNS = ["#", "Name", "Kind", "Namespace", "Tier", "Order", "Stages", "Types", "Selector"] as const;

/**
 * The policies in Calico's evaluation order (rows arrive sorted by the BFF; `position` is the row's place in the
 * unfiltered order). Only the rows in view are in the DOM, so thousands of policies scroll smoothly.
 */
export function PolicyTable({ rows }: { rows: readonly { policy: PolicySummary; position: number }[] }) {
  const scrollRef = useRef<HTMLTableSectionElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  return (
    <table className="vtable policy-grid" aria-label="Policies in evaluation order" aria-rowcount={rows.length + 1}>
      <thead className="vtable-head">
        <tr className="vtable-row" aria-rowindex={1}>
          {COLUMNS.map((c) => (
            <th key={c} scope="col" className={c === "#" || c === "Order" ? "num" : undefined}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody
        className="vtable-body"
        ref={scrollRef}
        style={{ "--total": `${virtualizer.getTotalSize()}px` } as CSSProperties}
      >
        {virtualizer.getVirtualItems().map((v) => {
          const row = rows[v.index];
          if (row === undefined) return null;
          const p = row.policy;
          return (
            <tr
              key={policyKey(p)}
              className="vtable-row"
              aria-rowindex={v.index + 2}
              data-testid="policy-row"
              style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}
            >
              <td className="num muted">{row.position + 1}</td>
              <td className="name">
                <Link to={policyPath(p)}>{p.name}</Link>
              </td>
              <td className="kind">{p.kind}</td>
              <td>{p.namespace ?? <span className="muted">global</span>}</td>
              <td>{p.tier}</td>
              <td className="num">{p.order ?? <span className="muted">unset</span>}</td>
              <td>
                <StageBadges stages={stagesOf(p)} />
              </td>
              <td className="types">{p.types.join(", ")}</td>
              <td className="selector" title={p.selector === "" ? "all()" : p.selector}>
                <code>{p.selector === "" ? "all()" : p.selector}</code>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
