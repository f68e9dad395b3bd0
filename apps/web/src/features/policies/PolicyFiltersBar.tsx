import { POLICY_KINDS } from "@palisade/calico";
import { stageLabel } from "../../components/StageBadges";
import { type PolicyFilters, STAGE_FILTERS } from "./filters";

interface Props {
  readonly filters: PolicyFilters;
  readonly namespaces: readonly string[];
  /** Endpoint ids offered for "applies to endpoint". */
  readonly endpointIds: readonly string[];
  readonly onChange: (next: PolicyFilters) => void;
}

/** The table's filters; the page writes every change into the URL. */
export function PolicyFiltersBar({ filters, namespaces, endpointIds, onChange }: Props) {
  return (
    <search className="toolbar" aria-label="Filter policies">
      <label className="field grow">
        <span>Search</span>
        <input
          aria-label="Search policies"
          type="search"
          placeholder="name, selector, tier…"
          value={filters.text}
          onChange={(e) => onChange({ ...filters, text: e.target.value })}
        />
      </label>
      <label className="field">
        <span>Kind</span>
        <select
          aria-label="Kind"
          value={filters.kinds[0] ?? ""}
          onChange={(e) => onChange({ ...filters, kinds: POLICY_KINDS.filter((k) => k === e.target.value) })}
        >
          <option value="">all kinds</option>
          {POLICY_KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Namespace</span>
        <select
          aria-label="Namespace"
          value={filters.namespace}
          onChange={(e) => onChange({ ...filters, namespace: e.target.value })}
        >
          <option value="">all</option>
          {namespaces.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Stage</span>
        <select
          aria-label="Stage"
          value={filters.stage}
          onChange={(e) => onChange({ ...filters, stage: STAGE_FILTERS.find((s) => s === e.target.value) ?? "" })}
        >
          <option value="">any</option>
          {STAGE_FILTERS.map((s) => (
            <option key={s} value={s}>
              {stageLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <label className="field endpoint-filter">
        <span>Applies to endpoint</span>
        <input
          aria-label="Applies to endpoint"
          type="text"
          list="endpoint-ids"
          placeholder="hep/<name> or wep/<ns>/<pod>"
          value={filters.endpoint}
          onChange={(e) => onChange({ ...filters, endpoint: e.target.value })}
        />
        <datalist id="endpoint-ids">
          {endpointIds.map((id) => (
            <option key={id} value={id} />
          ))}
        </datalist>
      </label>
    </search>
  );
}
