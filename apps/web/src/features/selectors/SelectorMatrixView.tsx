import { Link } from "react-router";
import { policyPath } from "../policies/policyKey";
import type { SelectorMatrix } from "./matrix";

/** The matrix as a table: a row per selector, a column per host endpoint, a dot where it matches. */
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
              </th>
              <td className="matrix-policies">
                {r.policies.map((p, i) => (
                  <span key={p.key}>
                    {i > 0 && ", "}
                    <Link to={policyPath(cluster, p)}>{p.name}</Link>
                  </span>
                ))}
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
