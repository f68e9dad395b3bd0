import type { PolicySummary } from "@palisade/contract";
import { useState } from "react";
import { Link } from "react-router";
import { policyPath } from "../../shared/policyKey";
import type { SelectorMatrix } from "./matrix";

/** Policies named in full up to this many; beyond, the rest wait behind "+N more" so a row stays one line tall. */
const SHOWN_POLICIES = 4;

/** A selector's policies as links: the first few, and the rest on request (large clusters share a selector widely). */
function PolicyLinks({ cluster, policies }: { cluster: string; policies: readonly PolicySummary[] }) {
  const [all, setAll] = useState(false);
  const hidden = policies.length - SHOWN_POLICIES;
  const shown = all || hidden <= 0 ? policies : policies.slice(0, SHOWN_POLICIES);
  return (
    <>
      {shown.map((p, i) => (
        <span key={p.key}>
          {i > 0 && ", "}
          <Link to={policyPath(cluster, p)}>{p.name}</Link>
        </span>
      ))}
      {hidden > 0 && (
        <>
          {" "}
          <button type="button" className="btn-link" aria-expanded={all} onClick={() => setAll(!all)}>
            {all ? "show fewer" : `+${hidden} more`}
          </button>
        </>
      )}
    </>
  );
}

/**
 * The matrix as a table: a row per selector (by Calico's canonical form, with the policies that share it and, when
 * they write it differently, each spelling), a column per host endpoint, a dot where it matches.
 */
export function SelectorMatrixView({
  cluster,
  matrix,
  nodeNames,
  onTry,
}: {
  cluster: string;
  matrix: SelectorMatrix;
  /** Graph node id → node name, for column headers. */
  nodeNames: ReadonlyMap<string, string>;
  onTry: (s: string) => void;
}) {
  return (
    <div className="matrix-wrap">
      <table className="data matrix" data-testid="selector-matrix">
        <thead>
          <tr>
            <th scope="col">Selector</th>
            <th scope="col">Policies</th>
            {matrix.columns.map((c) => (
              <th
                key={c.id}
                scope="col"
                className={`matrix-col role-${c.role ?? "other"}`}
                title={`${c.name} (${c.ips.join(", ")})`}
              >
                <span>
                  {(c.node === undefined ? undefined : nodeNames.get(c.node)) ?? c.node ?? "?"}{" "}
                  {c.interfaceName ?? c.name}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((r) => (
            <tr key={r.selector}>
              <th scope="row" className="matrix-selector">
                <button
                  type="button"
                  className="btn-link mono"
                  onClick={() => onTry(r.selector)}
                  title="Try in the playground"
                >
                  {r.selector}
                </button>
                {r.spellings.length > 0 && (
                  <div className="muted small" data-testid="selector-spellings">
                    one selector, written {r.spellings.length} ways:{" "}
                    {r.spellings.map((s, i) => (
                      <span key={s}>
                        {i > 0 && ", "}
                        <code>{s}</code>
                      </span>
                    ))}
                  </div>
                )}
              </th>
              <td className="matrix-policies" data-testid="matrix-policies">
                {r.policies.length > 1 && <span className="muted">{r.policies.length} share it: </span>}
                <PolicyLinks cluster={cluster} policies={r.policies} />
              </td>
              {r.cells.map((hit, i) => (
                <td key={matrix.columns[i]?.id ?? i} className={hit ? "cell hit" : "cell"}>
                  {hit ? (
                    <>
                      <span aria-hidden="true">●</span>
                      <span className="sr-only">matches</span>
                    </>
                  ) : (
                    <span className="sr-only">no</span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
