import { POLICY_KINDS, type PolicyFilters, STAGES } from "./filters";

interface Props {
  readonly filters: PolicyFilters;
  readonly namespaces: readonly string[];
  readonly onChange: (next: PolicyFilters) => void;
}

/** The table's filters; the page writes every change into the URL. */
export function PolicyFiltersBar({ filters, namespaces, onChange }: Props) {
  return (
    <search className="toolbar" aria-label="Filter policies">
      <label className="field grow">
        <span>Search</span>
        <input
          type="search"
          placeholder="name, selector, tier…"
          value={filters.text}
          onChange={(e) => onChange({ ...filters, text: e.target.value })}
        />
      </label>
      <label className="field">
        <span>Kind</span>
        <select
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
        <select value={filters.namespace} onChange={(e) => onChange({ ...filters, namespace: e.target.value })}>
          <option value="">all</option>
          {namespaces.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Stage</span>
        <select
          value={filters.stage}
          onChange={(e) => onChange({ ...filters, stage: STAGES.find((s) => s === e.target.value) ?? "" })}
        >
          <option value="">any</option>
          {STAGES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Applies to endpoint</span>
        <input
          type="text"
          placeholder="host endpoint name"
          value={filters.endpoint}
          onChange={(e) => onChange({ ...filters, endpoint: e.target.value })}
        />
      </label>
    </search>
  );
}
