import type { HistoryOutcome } from "@palisade/contract";
import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { historyQuery } from "../../api/queries";
import { HistoryList, OUTCOME_LABEL } from "../../components/HistoryList";
import { EmptyState, ErrorState, LoadingState } from "../../components/States";
import { useCluster } from "../../shared/cluster";
import { useUrlText } from "../../shared/useUrlText";

const OUTCOMES = Object.keys(OUTCOME_LABEL) as HistoryOutcome[];
const LIMIT = 200;

/** Who changed what, when, on this cluster, and how it ended; filtered by object, user and outcome (in the URL). */
export function HistoryPage() {
  const cluster = useCluster();
  const [object, setObject] = useUrlText("object");
  const [user, setUser] = useUrlText("user");
  const [search, setSearch] = useSearchParams();
  const outcome = OUTCOMES.find((o) => o === search.get("outcome"));
  // The URL holds the text filters once typing pauses (useUrlText): query by those, not by every keystroke.
  const query = {
    limit: LIMIT,
    object: (search.get("object") ?? "").trim(),
    user: (search.get("user") ?? "").trim(),
    ...(outcome === undefined ? {} : { outcome }),
  };
  const { data, error, isPending, refetch } = useQuery(historyQuery(cluster, query));
  const setOutcome = (value: string) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === "") next.delete("outcome");
        else next.set("outcome", value);
        return next;
      },
      { replace: true },
    );
  return (
    <section className="page" aria-labelledby="history-title">
      <header className="page-head">
        <h1 id="history-title">History</h1>
        {data !== undefined && (
          <span className="count" role="status">
            {data.total === data.items.length
              ? `${data.total} change${data.total === 1 ? "" : "s"}`
              : `newest ${data.items.length} of ${data.total} changes`}
          </span>
        )}
      </header>
      <p className="muted">
        Every apply and delete made through Palisade on {cluster}, newest first, with refusals and rollbacks.
      </p>
      <search className="toolbar" aria-label="Filter the history">
        <label className="field grow">
          <span>Object</span>
          <input
            type="search"
            placeholder="part of a name"
            value={object}
            onChange={(e) => setObject(e.target.value)}
          />
        </label>
        <label className="field">
          <span>User</span>
          <input type="search" placeholder="who" value={user} onChange={(e) => setUser(e.target.value)} />
        </label>
        <label className="field">
          <span>Outcome</span>
          <select value={outcome ?? ""} onChange={(e) => setOutcome(e.target.value)}>
            <option value="">any</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {OUTCOME_LABEL[o]}
              </option>
            ))}
          </select>
        </label>
      </search>
      {isPending ? (
        <LoadingState what="history" />
      ) : error !== null ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : data.items.length === 0 ? (
        <EmptyState>
          {query.object === "" && query.user === "" && outcome === undefined
            ? "No changes recorded yet: applies and deletes made through Palisade appear here."
            : "No change matches these filters."}
        </EmptyState>
      ) : (
        <HistoryList cluster={cluster} entries={data.items} />
      )}
    </section>
  );
}
