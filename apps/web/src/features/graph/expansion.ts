import type { GraphGroup } from "@palisade/contract";
import { expandToken } from "./toElements";

/**
 * The `GraphQuery.expand` value after the reader opens or closes one group (a namespace or a workload, by its
 * `expandToken`), from what is open now: `*` when everything is, `-` when nothing is.
 */
export function toggleExpansion(groups: readonly GraphGroup[], token: string): string {
  const open = new Map<string, { workloads: GraphGroup[] }>();
  for (const g of groups) {
    if (g.workload === undefined) {
      if (g.expanded) open.set(g.namespace, { workloads: [] });
    } else open.get(g.namespace)?.workloads.push(g);
  }
  const target = groups.find((g) => expandToken(g) === token);
  if (target === undefined) return serialise(groups, open, undefined);
  if (target.workload === undefined) {
    if (target.expanded) open.delete(target.namespace);
    else {
      open.set(target.namespace, { workloads: [] });
      return serialise(groups, open, target.namespace);
    }
  } else {
    const ns = open.get(target.namespace);
    const w = ns?.workloads.find((x) => x === target);
    if (w !== undefined && ns !== undefined) ns.workloads[ns.workloads.indexOf(w)] = { ...w, expanded: !w.expanded };
  }
  return serialise(groups, open, undefined);
}

/** `fresh` is a namespace just opened, whose workloads are not known yet: it lists them, closed. */
function serialise(
  groups: readonly GraphGroup[],
  open: ReadonlyMap<string, { workloads: GraphGroup[] }>,
  fresh: string | undefined,
): string {
  const namespaces = groups.filter((g) => g.workload === undefined).length;
  const tokens: string[] = [];
  let everything = open.size === namespaces;
  for (const [namespace, { workloads }] of open) {
    const shown = workloads.filter((w) => w.expanded);
    if (namespace !== fresh && shown.length === workloads.length) {
      tokens.push(`${namespace}/*`);
      continue;
    }
    everything = false;
    tokens.push(namespace, ...shown.map(expandToken));
  }
  if (everything && namespaces > 0) return "*";
  return tokens.length === 0 ? "-" : tokens.join(",");
}
