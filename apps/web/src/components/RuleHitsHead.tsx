/** The head of a table of rule hit counts (rule, action, flows, packets), with the table's own columns around them. */
export function RuleHitsHead({ before = [], after = [] }: { before?: readonly string[]; after?: readonly string[] }) {
  const own = (columns: readonly string[]) =>
    columns.map((c) => (
      <th key={c} scope="col">
        {c}
      </th>
    ));
  return (
    <thead>
      <tr>
        {own(before)}
        <th scope="col">Rule</th>
        <th scope="col">Action</th>
        <th scope="col" className="num">
          Flows
        </th>
        <th scope="col" className="num">
          Packets
        </th>
        {own(after)}
      </tr>
    </thead>
  );
}
