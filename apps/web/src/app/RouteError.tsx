import { isRouteErrorResponse, Link, useParams, useRouteError } from "react-router";
import { clusterPath } from "../shared/cluster";
import { isStaleChunkError } from "./staleChunk";

/**
 * What a view shows instead of React Router's developer page when it cannot load or render. The commonest case
 * after an upgrade: a tab opened on the old release asks for a view's script by its old name, which the server no
 * longer has; reloading fetches the new release.
 */
export function RouteError() {
  const error = useRouteError();
  const cluster = useParams().cluster ?? "";
  const reload = (
    <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
      Reload
    </button>
  );
  if (isStaleChunkError(error)) {
    return (
      <section className="page" aria-labelledby="route-error-title">
        <h1 id="route-error-title">Palisade has been updated</h1>
        <div className="state warn" role="alert" data-testid="route-error">
          This page was opened on an earlier release, and this view's code is no longer on the server. Reload to use the
          new release. {reload}
        </div>
      </section>
    );
  }
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);
  return (
    <section className="page" aria-labelledby="route-error-title">
      <h1 id="route-error-title">This view failed</h1>
      <div className="state error" role="alert" data-testid="route-error">
        <strong>Something went wrong.</strong> <span>{message}</span> {reload}{" "}
        <Link to={clusterPath(cluster, "policies")}>Back to the policies</Link>
      </div>
    </section>
  );
}
