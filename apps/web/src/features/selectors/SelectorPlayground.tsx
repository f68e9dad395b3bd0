import { parseSelector, validateSelector } from "@palisade/calico";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { ApiError } from "../../api/client";
import { selectorQuery } from "../../api/queries";
import { endpointPath } from "../../components/EndpointList";
import { Labels } from "../../components/Labels";
import { EmptyState, ErrorState, LoadingState } from "../../components/States";
import { useDebounced } from "../../shared/useDebounced";

interface Props {
  readonly cluster: string;
  readonly selector: string;
  readonly onChange: (selector: string) => void;
}

/** A parse error with the offending position pointed at under the selector text. */
export function ParseError({
  source,
  message,
  offset,
}: {
  source: string;
  message: string;
  offset: number | undefined;
}) {
  return (
    <div className="parse-error" role="alert" data-testid="selector-error">
      <strong>Parse error{offset === undefined ? "" : ` at character ${offset + 1}`}:</strong> {message}
      {offset !== undefined && (
        <pre className="caret" aria-hidden="true">
          {source}
          {"\n"}
          {" ".repeat(Math.min(offset, source.length))}^
        </pre>
      )}
    </div>
  );
}

/** Calico's canonical form in the dashboard's single quotes (Calico's own `String()` uses double quotes). */
function shownCanonical(canonical: string): string {
  const parsed = parseSelector(canonical);
  return parsed.ok ? parsed.value.displayForm() : canonical;
}

/** Type a selector, see what it matches in the cluster right now (and where it fails to parse). */
export function SelectorPlayground({ cluster, selector, onChange }: Props) {
  // Parse errors come from packages/calico right here, keystroke by keystroke; matches come from the BFF.
  const localError = selector.trim() === "" ? undefined : validateSelector(selector);
  const settled = useDebounced(selector, 200);
  const result = useQuery({
    ...selectorQuery(cluster, settled),
    enabled: settled.trim() !== "" && localError === undefined,
  });
  const serverError =
    result.error instanceof ApiError && result.error.code === "InvalidSelector" ? result.error : undefined;
  const parseError =
    localError !== undefined
      ? { source: selector, message: localError.message, offset: localError.offset }
      : serverError !== undefined
        ? {
            source: settled,
            message: serverError.details[0]?.message ?? serverError.message,
            offset: serverError.details[0]?.offset,
          }
        : undefined;
  const data = parseError === undefined ? result.data : undefined;
  return (
    <section className="panel" aria-labelledby="playground-title">
      <h2 id="playground-title">Selector playground</h2>
      <label className="field">
        <span>Selector</span>
        <input
          className="mono selector-input"
          value={selector}
          placeholder="ibm.role == 'worker_public' && has(kubernetes.io/hostname)"
          spellCheck={false}
          aria-invalid={parseError !== undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      </label>
      {parseError !== undefined && <ParseError {...parseError} />}
      {result.error !== null && serverError === undefined && <ErrorState error={result.error} />}
      {settled.trim() === "" ? (
        <p className="muted">Type a selector to see the host endpoints and pods it matches.</p>
      ) : parseError !== undefined ? null : result.isPending ? (
        <LoadingState what="matches" />
      ) : data === undefined ? null : (
        <div className="matches" aria-live="polite">
          <p data-testid="selector-summary">
            <strong>{data.total}</strong> matching endpoint{data.total === 1 ? "" : "s"} ({data.totals.hostEndpoints}{" "}
            host endpoints, {data.totals.workloadEndpoints} pods). Canonical form:{" "}
            <code data-testid="selector-canonical" title={`Calico prints it as ${data.canonical}`}>
              {shownCanonical(data.canonical)}
            </code>
          </p>
          {data.items.length === 0 ? (
            <EmptyState>Nothing matches this selector today.</EmptyState>
          ) : (
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Endpoint</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Node</th>
                  <th scope="col">Labels</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((m) => {
                  const to = endpointPath(cluster, m.endpoint);
                  const name =
                    m.endpoint.namespace === undefined ? m.endpoint.name : `${m.endpoint.namespace}/${m.endpoint.name}`;
                  return (
                    <tr key={m.endpoint.id} data-testid="selector-match">
                      <td>{to === undefined ? name : <Link to={to}>{name}</Link>}</td>
                      <td>{m.endpoint.kind === "HostEndpoint" ? "host endpoint" : "pod"}</td>
                      <td>{m.endpoint.node ?? "–"}</td>
                      <td>
                        <Labels labels={m.labels} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {data.truncated && <p className="muted">Showing the first {data.items.length}.</p>}
        </div>
      )}
    </section>
  );
}
