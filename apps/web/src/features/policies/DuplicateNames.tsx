import type { DuplicateName, ResourceRef } from "@palisade/contract";
import { useQuery } from "@tanstack/react-query";
import { duplicatesQuery } from "../../api/queries";
import { DeletePolicy } from "../../components/DeletePolicy";

/**
 * Names stored more than once (`x` and `default.x`): Calico enforces every copy, while the list, calicoctl and the
 * editor see one. Each copy is shown, and keeping one is a reviewed delete of the others. `only`: just that policy's
 * copies (its own page).
 */
export function DuplicateNames({ cluster, only }: { cluster: string; only?: ResourceRef }) {
  const { data } = useQuery(duplicatesQuery(cluster));
  const items = only === undefined ? data?.items : data?.items.filter((d) => sameRef(d.ref, only));
  if (items === undefined || items.length === 0) return null;
  return (
    <section className="panel duplicates" aria-labelledby="duplicates-title" data-testid="duplicates">
      <h2 id="duplicates-title" className="state error">
        {only !== undefined
          ? `This policy is stored ${items[0]?.copies.length ?? 0} times`
          : `${items.length} ${items.length === 1 ? "policy is" : "policies are"} stored more than once`}
      </h2>
      {items.map((d) => (
        <Duplicate key={`${d.ref.kind}/${d.ref.namespace ?? ""}/${d.ref.name}`} cluster={cluster} duplicate={d} />
      ))}
    </section>
  );
}

function sameRef(a: ResourceRef, b: ResourceRef): boolean {
  return a.kind === b.kind && a.name === b.name && a.namespace === b.namespace;
}

function Duplicate({ cluster, duplicate }: { cluster: string; duplicate: DuplicateName }) {
  const { ref, copies } = duplicate;
  return (
    <div className="duplicate">
      <p>{duplicate.explanation}</p>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Stored as</th>
            <th scope="col">Version</th>
            <th scope="col">Created</th>
            <th scope="col">Content</th>
            <th scope="col">
              <span className="sr-only">Fix</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {copies.map((c) => (
            <tr key={c.storedName}>
              <td>
                <code>{c.storedName}</code>
                {c.addressed && <span className="badge">calicoctl&apos;s copy</span>}
              </td>
              <td>{c.resourceVersion}</td>
              <td>{c.creationTimestamp ?? "—"}</td>
              <td>
                <details>
                  <summary>YAML</summary>
                  <pre className="code">{c.yaml}</pre>
                </details>
              </td>
              <td>
                {copies
                  .filter((other) => other.storedName !== c.storedName)
                  .map((other) => (
                    <DeletePolicy
                      key={other.storedName}
                      cluster={cluster}
                      target={ref}
                      resourceVersion={other.resourceVersion}
                      storedName={other.storedName}
                      label={copies.length === 2 ? "Keep this one…" : `Delete ${other.storedName}…`}
                      onDeleted={() => undefined}
                    />
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
