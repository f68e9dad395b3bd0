import type { Diagnostic } from "../../components/monaco/diagnostics";

/** The Problems list beside the editor. */
export function Problems({ diagnostics }: { diagnostics: readonly Diagnostic[] }) {
  return (
    <section aria-labelledby="problems-title" className="problems">
      <h2 id="problems-title">Problems</h2>
      {diagnostics.length === 0 ? (
        <p className="muted small">None: the YAML parses and passes Calico's validation.</p>
      ) : (
        <ul data-testid="problems">
          {diagnostics.map((d) => (
            <li key={`${d.line}:${d.column}:${d.message}`} className={`problem problem-${d.severity}`}>
              <span className="mono muted">
                {d.line}:{d.column}
              </span>{" "}
              {d.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
