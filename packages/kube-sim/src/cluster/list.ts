import type { KubeObject } from "../api/object";
import { badRequest, expired } from "../api/status";
import { apiVersionOf, type ResourceType } from "../registry/resource-type";
import { type FieldRequirement, matchesFields, parseFieldSelector } from "../store/field-selector";
import { etcdKey } from "../store/key-order";
import { type LabelSelector, matchesLabels, parseLabelSelector, SelectorParseError } from "../store/label-selector";
import type { Store, StoreEvent } from "../store/store";
import { type ListScope, listScope } from "./list-scope";

export interface ListOptions {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly limit?: number;
  readonly continue?: string;
}

export interface Filter {
  readonly labels: LabelSelector;
  readonly fields: readonly FieldRequirement[];
  readonly namespace: string | undefined;
}

export function filterOf(type: ResourceType, namespace: string | undefined, opts: ListOptions): Filter {
  let labels: LabelSelector;
  try {
    labels = parseLabelSelector(opts.labelSelector ?? "");
  } catch (e) {
    if (e instanceof SelectorParseError) throw badRequest(e.message);
    throw e;
  }
  return { labels, fields: parseFieldSelector(opts.fieldSelector ?? "", type.kind), namespace };
}

export function matches(filter: Filter, obj: KubeObject): boolean {
  if (filter.namespace !== undefined && obj.metadata.namespace !== filter.namespace) return false;
  return matchesLabels(filter.labels, obj.metadata.labels) && matchesFields(filter.fields, obj);
}

interface ContinueToken {
  readonly rv: number;
  readonly start: string;
}

function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: "meta.k8s.io/v1", rv: token.rv, start: token.start })).toString("base64url");
}

function decodeContinue(raw: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as { rv?: unknown; start?: unknown };
    if (typeof parsed.rv === "number" && typeof parsed.start === "string")
      return { rv: parsed.rv, start: parsed.start };
  } catch {
    // fall through to the API server's message for a malformed token
  }
  throw badRequest("continue key is not valid: illegal base64 data");
}

const keyOf = (o: KubeObject) => etcdKey(o.metadata.namespace, o.metadata.name ?? "");

/**
 * A list as the API server returns it: filtered, in etcd's key order (`compareKeys`), paginated with
 * `limit`/`continue` (an opaque token naming the revision and the last key returned; a token older than the retained
 * history gets 410 Expired). `limit` counts matching objects; a page resumes by binary search after the token's key
 * (within the scope `listScope` narrows it to), so paging through a whole collection reads each object once (and
 * one more per page, to know whether to continue).
 */
export function listObjects(store: Store, type: ResourceType, namespace: string | undefined, opts: ListOptions) {
  const filter = filterOf(type, namespace, opts);
  let revision = store.revision;
  let startAfter = "";
  if (opts.continue !== undefined && opts.continue !== "") {
    const token = decodeContinue(opts.continue);
    if (token.rv < store.oldestResumable) {
      throw expired(
        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.",
      );
    }
    revision = token.rv;
    startAfter = token.start;
  }
  const limit = opts.limit !== undefined && opts.limit > 0 ? opts.limit : undefined;
  const scope = listScope(type, namespace, filter.fields, startAfter !== "");
  const { items, more } = readPage(store, type, scope, filter, startAfter, limit);
  const last = items[items.length - 1];
  const unfiltered = filter.labels.length === 0 && filter.fields.length === 0;
  return {
    apiVersion: apiVersionOf(type),
    kind: `${type.kind}List`,
    metadata: {
      resourceVersion: String(revision),
      ...(more && last !== undefined ? { continue: encodeContinue({ rv: revision, start: keyOf(last) }) } : {}),
      ...(more && last !== undefined && unfiltered
        ? { remainingItemCount: store.countAfter(type, scope.namespace, keyOf(last)) }
        : {}),
    },
    items,
  };
}

/**
 * One page: the matching objects of the scope after `startAfter`, up to `limit`. As the API server's etcd and cache
 * readers do, once `limit` objects match, any object after the last one, matching or not, means more (so with a
 * selector the last page can be empty), and the rest is not read.
 */
function readPage(
  store: Store,
  type: ResourceType,
  scope: ListScope,
  filter: Filter,
  startAfter: string,
  limit: number | undefined,
): { items: KubeObject[]; more: boolean } {
  if (scope.name !== undefined) {
    const obj = store.get(type, scope.namespace, scope.name);
    return { items: obj !== undefined && matches(filter, obj) ? [obj] : [], more: false };
  }
  const items: KubeObject[] = [];
  for (const obj of store.after(type, scope.namespace, startAfter)) {
    if (items.length === limit) return { items, more: true };
    if (matches(filter, obj)) items.push(obj);
  }
  return { items, more: false };
}

export type WatchEvent =
  | { readonly type: "ADDED" | "MODIFIED" | "DELETED"; readonly object: KubeObject }
  | { readonly type: "BOOKMARK"; readonly object: KubeObject }
  | { readonly type: "ERROR"; readonly object: Record<string, unknown> };

export interface WatchOptions extends ListOptions {
  readonly resourceVersion?: string;
  readonly allowWatchBookmarks?: boolean;
  readonly sendInitialEvents?: boolean;
}

/**
 * Starts a watch: the initial state when no resourceVersion (or "0") is given, then every change after it. A
 * resourceVersion older than the retained history yields one ERROR event carrying a 410 Expired Status, which is
 * how the API server's watch cache answers ("too old resource version").
 */
export function startWatch(
  store: Store,
  type: ResourceType,
  namespace: string | undefined,
  opts: WatchOptions,
  send: (e: WatchEvent) => void,
): () => void {
  const filter = filterOf(type, namespace, opts);
  const rvParam = opts.resourceVersion ?? "";
  const fromState = rvParam === "" || rvParam === "0" || opts.sendInitialEvents === true;
  let since: number;
  if (fromState) {
    for (const obj of store.list(type, namespace)) if (matches(filter, obj)) send({ type: "ADDED", object: obj });
    since = store.revision;
    if (opts.sendInitialEvents === true) send(bookmark(type, since, true));
  } else {
    since = Number(rvParam);
    if (!Number.isInteger(since) || since < 0) throw badRequest(`invalid resource version: ${rvParam}`);
    const backlog = store.eventsSince(type, since);
    if (backlog === undefined) {
      const err = expired(`too old resource version: ${since} (${store.oldestResumable})`);
      send({ type: "ERROR", object: err.toStatus() });
      return () => {};
    }
    for (const e of backlog) deliver(filter, e, send);
  }
  const id = `${type.group}/${type.plural}`;
  return store.subscribe((e) => {
    if (e.resource === id && e.revision > since) deliver(filter, e, send);
  });
}

export function bookmark(type: ResourceType, revision: number, initialEventsEnd = false): WatchEvent {
  return {
    type: "BOOKMARK",
    object: {
      apiVersion: apiVersionOf(type),
      kind: type.kind,
      metadata: {
        resourceVersion: String(revision),
        ...(initialEventsEnd ? { annotations: { "k8s.io/initial-events-end": "true" } } : {}),
      },
    },
  };
}

/** A change as a filtered watch sees it: entering the selection is ADDED, leaving it is DELETED. */
function deliver(filter: Filter, e: StoreEvent, send: (e: WatchEvent) => void): void {
  const now = matches(filter, e.object);
  if (e.type !== "MODIFIED" || e.previous === undefined) {
    if (now) send({ type: e.type, object: e.object });
    return;
  }
  const before = matches(filter, e.previous);
  if (now && before) send({ type: "MODIFIED", object: e.object });
  else if (now) send({ type: "ADDED", object: e.object });
  // Leaving the selection: the object as the watcher last saw it, at the change's resourceVersion (the cacher's
  // convertToWatchEvent does the same).
  else if (before) {
    const rv = e.object.metadata.resourceVersion;
    send({ type: "DELETED", object: { ...e.previous, metadata: { ...e.previous.metadata, resourceVersion: rv } } });
  }
}
