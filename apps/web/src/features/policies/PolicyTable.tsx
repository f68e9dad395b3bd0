import type { PolicySummary } from "@palisade/contract";

/** The policies in Calico's evaluation order; rows arrive already sorted by the BFF. */
export function PolicyTable({ policies }: { policies: readonly PolicySummary[] }) {
  return (
    <table className="policy-table">
      <caption>Policies in evaluation order: tier, then order (unset last), then name</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Name</th>
          <th scope="col">Kind</th>
          <th scope="col">Namespace</th>
          <th scope="col">Tier</th>
          <th scope="col">Order</th>
          <th scope="col">Selector</th>
        </tr>
      </thead>
      <tbody>
        {policies.map((p, i) => (
          <tr key={`${p.kind}/${p.namespace ?? ""}/${p.name}`} data-testid="policy-row">
            <td className="num">{i + 1}</td>
            <td className="name">{p.name}</td>
            <td>{p.kind}</td>
            <td>{p.namespace ?? <span className="muted">(global)</span>}</td>
            <td>{p.tier}</td>
            <td className="num">{p.order ?? <span className="muted">unset</span>}</td>
            <td>
              <code>{p.selector === "" ? "all()" : p.selector}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
