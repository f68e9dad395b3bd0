/** The cluster views, in navigation order: the path segment under `/c/:cluster/` and the name people read. */
export const VIEWS = [
  { to: "policies", label: "Policies" },
  { to: "flows", label: "Flows" },
  { to: "graph", label: "Graph" },
  { to: "hostendpoints", label: "Host endpoints" },
  { to: "selectors", label: "Selectors" },
  { to: "editor", label: "Editor" },
  { to: "wizard", label: "Wizard" },
  { to: "policy-sets", label: "Policy sets" },
  { to: "explain", label: "Explain" },
  { to: "history", label: "History" },
] as const;

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * What the page at `pathname` shows, for the document title and the announcement of a route change: the view's
 * name, after the object's name on an object's own page ("allow-vrrp · Policies").
 */
export function viewTitle(pathname: string): string {
  const [, root, , view = "", ...rest] = pathname.split("/");
  const label = root === "c" ? (view === "" ? "Policies" : VIEWS.find((v) => v.to === view)?.label) : undefined;
  if (label === undefined) return "Not found";
  const name = rest.at(-1);
  return name === undefined || name === "" ? label : `${decoded(name)} · ${label}`;
}

/** The document title: view, then cluster, then the product, so tabs and history tell views and clusters apart. */
export function documentTitle(pathname: string, cluster: string): string {
  return `${viewTitle(pathname)} · ${cluster} · Palisade`;
}
