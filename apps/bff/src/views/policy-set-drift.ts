/**
 * The isolation sets Palisade applied, recognised by their labels, each held against what the catalog generates
 * for its recorded parameters: edited fields (with their paths), missing members, workers without a private host
 * endpoint, and a catalog newer than the one the set came from.
 */
import {
  applyPolicyDefaults,
  fieldChanges,
  generateIsolationSet,
  ISOLATION_CATALOG,
  type IsolationObject,
  markedObjects,
  POLICY_SET_CATALOG_ANNOTATION,
  POLICY_SET_MEMBER_ANNOTATION,
  POLICY_SET_PARAMETERS_ANNOTATION,
  type PrivateWorker,
  policySetMembership,
} from "@palisade/calico";
import type { PolicySetFound, PolicySetList, PolicySetObjectState, PolicySetParams } from "@palisade/contract";
import type { Cluster } from "../clusters/cluster";
import { typeOfDocument } from "../documents/plan";
import type { KubeObject } from "../kube/resources";
import { privateWorkers } from "./policy-set-cluster";

const MARKED_RESOURCES = ["GlobalNetworkPolicy", "NetworkPolicy", "HostEndpoint"];

/** The parameters a set's objects record (annotation JSON); what cannot be read falls back to the defaults. */
function recordedParams(obj: KubeObject): Omit<PolicySetParams, "region"> {
  try {
    const raw = JSON.parse(obj.metadata.annotations?.[POLICY_SET_PARAMETERS_ANNOTATION] ?? "{}") as Record<
      string,
      unknown
    >;
    const strings = (v: unknown) =>
      Array.isArray(v) && v.every((s) => typeof s === "string") ? (v as string[]) : undefined;
    const podSubnet = typeof raw.podSubnet === "string" ? raw.podSubnet : undefined;
    const masterProxy = strings(raw.masterProxy);
    const withMembers = strings(raw.with);
    return {
      ...(podSubnet === undefined ? {} : { podSubnet }),
      ...(masterProxy === undefined ? {} : { masterProxy }),
      ...(withMembers === undefined ? {} : { with: withMembers }),
    };
  } catch {
    return {};
  }
}

/** The spec as Calico stores it: policies get their defaulted tier and types. */
export function storedSpec(obj: IsolationObject): unknown {
  return obj.kind === "HostEndpoint" ? obj.spec : comparableSpec(applyPolicyDefaults(obj).spec);
}

/** A rule without `source` or `destination` means `{}` there; the classic storage reads them back written out. */
export function comparableSpec(spec: unknown): unknown {
  if (typeof spec !== "object" || spec === null) return spec;
  const s = spec as Record<string, unknown>;
  const rules = (v: unknown) =>
    Array.isArray(v) ? v.map((r: Record<string, unknown>) => ({ source: {}, destination: {}, ...r })) : v;
  return {
    ...s,
    ...(s.ingress === undefined ? {} : { ingress: rules(s.ingress) }),
    ...(s.egress === undefined ? {} : { egress: rules(s.egress) }),
  };
}

function stateOf(cluster: Cluster, expected: IsolationObject): PolicySetObjectState {
  const type = typeOfDocument(expected as unknown as KubeObject);
  const member = expected.metadata.annotations?.[POLICY_SET_MEMBER_ANNOTATION] ?? "";
  const namespace = expected.kind === "NetworkPolicy" ? expected.metadata.namespace : undefined;
  const name = expected.metadata.name ?? "";
  const ref = {
    kind: expected.kind,
    name,
    ...(namespace === undefined ? {} : { namespace }),
  };
  const live = type === undefined ? undefined : cluster.object(type.resource, namespace, name);
  if (live === undefined) return { member, ref, status: "missing", changes: [] };
  const liveSpec = expected.kind === "HostEndpoint" ? live.spec : comparableSpec(live.spec);
  const changes = fieldChanges(storedSpec(expected), liveSpec ?? {}, "spec").map((c) => ({
    path: c.path,
    ...(c.expected === undefined ? {} : { expected: JSON.stringify(c.expected) }),
    ...(c.live === undefined ? {} : { live: JSON.stringify(c.live) }),
  }));
  return { member, ref, status: changes.length === 0 ? "up-to-date" : "edited", changes };
}

function found(cluster: Cluster, objects: readonly KubeObject[]): PolicySetFound | undefined {
  const first = objects[0];
  const membership = first === undefined ? undefined : policySetMembership(first.metadata);
  if (first === undefined || membership === undefined) return undefined;
  const { set, region } = membership;
  const params = recordedParams(first);
  const addresses = new Map(privateWorkers(cluster).map((w) => [w.node, w.privateIp]));
  // The set's own host endpoints, regenerated from their nodes' current private IPs.
  const workers: PrivateWorker[] = objects.flatMap((o) => {
    if (o.kind !== "HostEndpoint") return [];
    const spec = (o.spec ?? {}) as { node?: string; expectedIPs?: string[] };
    const ip = (spec.node === undefined ? undefined : addresses.get(spec.node)) ?? spec.expectedIPs?.[0];
    return spec.node === undefined || ip === undefined ? [] : [{ node: spec.node, privateIp: ip }];
  });
  const generated = generateIsolationSet(set, {
    region,
    ...params,
    ...(set === "private-isolation" && workers.length > 0 ? { workers } : {}),
  });
  if (!generated.ok) return undefined;
  const catalogVersion = first.metadata.annotations?.[POLICY_SET_CATALOG_ANNOTATION] ?? "";
  const states = markedObjects(generated.value).map((o) => stateOf(cluster, o));
  const workersWithoutHostEndpoint =
    set === "private-isolation"
      ? privateWorkers(cluster).flatMap((w) => (w.hostEndpoint === null ? [w.node] : []))
      : [];
  const newerCatalog = catalogVersion < ISOLATION_CATALOG.version;
  return {
    set,
    region,
    catalogVersion,
    newerCatalog,
    params: { region, ...params },
    objects: states,
    workersWithoutHostEndpoint,
    upToDate:
      !newerCatalog && workersWithoutHostEndpoint.length === 0 && states.every((s) => s.status === "up-to-date"),
  };
}

/** Every set found in the cluster (one per set and region its objects' labels name). */
export function policySetsInCluster(cluster: Cluster): PolicySetList {
  const groups = new Map<string, KubeObject[]>();
  for (const resource of MARKED_RESOURCES) {
    for (const obj of cluster.objects(resource)) {
      const membership = policySetMembership(obj.metadata);
      if (membership === undefined) continue;
      const key = `${membership.set}|${membership.region}`;
      groups.set(key, [...(groups.get(key) ?? []), obj]);
    }
  }
  const sets = [...groups.keys()]
    .sort()
    .map((k) => found(cluster, groups.get(k) ?? []))
    .filter((s): s is PolicySetFound => s !== undefined);
  return { catalogVersion: ISOLATION_CATALOG.version, sets };
}
