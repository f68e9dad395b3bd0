/**
 * How Palisade names objects and endpoints in strings, built and read back here only: resource keys
 * (`Kind/namespace/name`), endpoint ids (`hep/<name>`, `wep/<namespace>/<pod>`) and the labels people read.
 */

/** One object: its Palisade kind, name, and namespace for namespaced kinds. */
export interface ObjectRef {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string | undefined;
}

/**
 * The key of an object: `Kind/namespace/name`, with an empty namespace for cluster-scoped kinds
 * (`GlobalNetworkPolicy//allow-icmp`). Policies in the match index, the wire's policy keys and cache lookups use it.
 */
export function resourceKey(ref: ObjectRef): string {
  return `${ref.kind}/${ref.namespace ?? ""}/${ref.name}`;
}

/**
 * Reads a key back into a ref: `Kind/namespace/name`, where an empty namespace (`Kind//name`) means a
 * cluster-scoped object; `Kind/name` is read as cluster-scoped too. Undefined if malformed.
 */
export function parseResourceKey(key: string): ObjectRef | undefined {
  const parts = key.split("/");
  const kind = parts[0];
  if (!kind) return undefined;
  if (parts.length === 2 && parts[1]) return { kind, name: parts[1] };
  if (parts.length === 3 && parts[2])
    return parts[1] ? { kind, namespace: parts[1], name: parts[2] } : { kind, name: parts[2] };
  return undefined;
}

/** How an object is named to a person: `GlobalNetworkPolicy allow-icmp`, `NetworkPolicy shop/web`. */
export function refLabel(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ""}${ref.name}`;
}

/** The label of the object a key names (the key itself when it is not one). */
export function keyLabel(key: string): string {
  const ref = parseResourceKey(key);
  return ref === undefined ? key : refLabel(ref);
}

export function hostEndpointId(name: string): string {
  return `hep/${name}`;
}

export function workloadEndpointId(namespace: string, pod: string): string {
  return `wep/${namespace}/${pod}`;
}

export type ParsedEndpointId = { kind: "hep"; name: string } | { kind: "wep"; namespace: string; name: string };

/** Reads an endpoint id back; undefined for anything that is not `hep/<name>` or `wep/<namespace>/<pod>`. */
export function parseEndpointId(id: string): ParsedEndpointId | undefined {
  const [kind, a, b, ...rest] = id.split("/");
  if (rest.length > 0) return undefined;
  if (kind === "hep" && a && b === undefined) return { kind, name: a };
  if (kind === "wep" && a && b) return { kind, namespace: a, name: b };
  return undefined;
}

/** `hep/<name>` -> `host endpoint <name>`; `wep/<ns>/<pod>` -> `pod <ns>/<pod>`; anything else as it is. */
export function endpointIdLabel(id: string): string {
  const ref = parseEndpointId(id);
  if (ref === undefined) return id;
  return ref.kind === "hep" ? `host endpoint ${ref.name}` : `pod ${ref.namespace}/${ref.name}`;
}
