/** Read-only YAML (or any text) with line numbers, copyable as plain text. */
export function CodeBlock({ text, label }: { text: string; label: string }) {
  const lines = text.replace(/\n$/, "").split("\n");
  return (
    <pre className="code-block" title={label}>
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional and never reorder
        <span key={i} className="code-line">
          <span className="ln" aria-hidden="true">
            {i + 1}
          </span>
          {line}
          {"\n"}
        </span>
      ))}
    </pre>
  );
}
