/** Labels as compact `key=value` chips. */
export function Labels({ labels }: { labels: Readonly<Record<string, string>> }) {
  const entries = Object.entries(labels);
  if (entries.length === 0) return <span className="muted">no labels</span>;
  return (
    <span className="labels">
      {entries.map(([k, v]) => (
        <span key={k} className="label-chip">
          {k}={v}
        </span>
      ))}
    </span>
  );
}
