/**
 * IBM's isolation sets planned against a cluster: parameters detected from it, the private host endpoints its
 * workers need, the generated files, and what the set would do (probes explained before and after, and the
 * lock-out check), all on a what-if copy of the match index.
 */
import {
  DEFAULT_POD_SUBNET,
  type Endpoint,
  fieldChanges,
  type GeneratedIsolationSet,
  generateIsolationSet,
  ISOLATION_CATALOG,
  ISOLATION_REGION_IDS,
  ISOLATION_REGIONS,
  ISOLATION_SETS,
  type IsolationObject,
  type IsolationRegion,
  type IsolationSetId,
  markedObjects,
  objectsYaml,
  type PrivateWorker,
  regionNote,
  TIER_LABEL,
} from "@palisade/calico";
import type {
  ExplainRequest,
  PolicySetParams,
  PolicySetPlan,
  PolicySetWorker,
  SourcedValue,
  Warning,
} from "@palisade/contract";
import type { ClusterModel } from "../cluster-model/cluster-model";
import { whatIf } from "../cluster-model/what-if";
import type { Cluster } from "../clusters/cluster";
import { loadDocuments } from "../documents/load";
import { type PlannedDocument, planDocuments, plannedChanges } from "../documents/plan";
import { editable } from "../documents/render";
import { HttpError } from "../errors";
import { explainOn } from "./explain";
import { hostProtection, lockOutWarnings } from "./impact";
import { detectPodSubnet, detectRegion, privateWorkers } from "./policy-set-cluster";
import { comparableSpec, storedSpec } from "./policy-set-drift";
import { endpointMatches } from "./refs";

/** An internet address for probes (TEST-NET-3, RFC 5737). */
const INTERNET_PEER = "203.0.113.200";
const PUBLIC_DNS = "8.8.8.8";

/** Generates the set for the cluster; a bad parameter is a 400 naming it. */
export function generateForCluster(cluster: Cluster, setId: IsolationSetId, params: PolicySetParams) {
  const detected = detectRegion(cluster);
  const region: SourcedValue = params.region === undefined ? detected : { value: params.region, source: "chosen" };
  if (region.value === null) {
    throw new HttpError("BadRequest", `region: ${region.source}`, [{ path: "region", message: region.source }]);
  }
  const podSubnet: SourcedValue =
    params.podSubnet === undefined
      ? detectPodSubnet(cluster.objects("IPPool"))
      : { value: params.podSubnet, source: "chosen" };
  const workers = privateWorkers(cluster);
  const missing: PrivateWorker[] = workers.flatMap((w) =>
    w.hostEndpoint === null && w.privateIp !== null ? [{ node: w.node, privateIp: w.privateIp }] : [],
  );
  const result = generateIsolationSet(setId, {
    region: region.value,
    podSubnet: podSubnet.value ?? DEFAULT_POD_SUBNET,
    ...(params.masterProxy === undefined ? {} : { masterProxy: params.masterProxy }),
    ...(params.with === undefined ? {} : { with: params.with }),
    ...(setId === "private-isolation" && missing.length > 0 ? { workers: missing } : {}),
  });
  if (!result.ok) {
    const details = result.error.map((e) => ({ path: e.field, message: e.message }));
    throw new HttpError("BadRequest", details.map((d) => `${d.path}: ${d.message}`).join("; "), details);
  }
  const planWorkers: PolicySetWorker[] = workers.map((w) => ({
    ...w,
    ...(w.hostEndpoint === null && w.privateIp !== null && setId === "private-isolation"
      ? { hostEndpoint: `${w.node}-worker-private`, status: "created" as const }
      : { status: w.hostEndpoint === null ? ("missing" as const) : ("exists" as const) }),
  }));
  return { generated: result.value, region, podSubnet, workers: planWorkers };
}

/** The set's documents planned against the cache (create, update or unchanged), as the apply route plans them. */
export async function planSetDocuments(cluster: Cluster, generated: GeneratedIsolationSet) {
  const objects = markedObjects(generated);
  const yaml = objectsYaml(objects);
  return { objects, yaml, planned: planDocuments(cluster, await loadDocuments(yaml, cluster.validationTarget)) };
}

/** A probe's packet and what it shows. */
interface ProbeSpec {
  readonly id: string;
  readonly description: string;
  readonly request: ExplainRequest;
}

const firstIp = (cidr: string | undefined) => cidr?.split("/")[0];

function hostEndpointOf(model: ClusterModel, role: string): Endpoint | undefined {
  return [...model.index.endpoints()]
    .filter((e) => e.kind === "host" && e.ownLabels.get("ibm.role") === role)
    .sort((a, b) => (a.id < b.id ? -1 : 1))[0];
}

/** A pod to probe from: an application pod if there is one (not kube-system), else any. */
function probePod(model: ClusterModel): Endpoint | undefined {
  const pods = [...model.index.endpoints()].filter((e) => e.kind === "workload").sort((a, b) => (a.id < b.id ? -1 : 1));
  return pods.find((p) => p.namespace !== "kube-system") ?? pods[0];
}

function serviceEntry(cluster: Cluster, type: "NodePort" | "LoadBalancer") {
  for (const svc of cluster.objects("Service")) {
    const spec = svc.spec as { type?: string; ports?: { port?: number; nodePort?: number; protocol?: string }[] };
    if (spec.type !== type) continue;
    const port = spec.ports?.[0];
    const lb = (svc.status as { loadBalancer?: { ingress?: { ip?: string }[] } } | undefined)?.loadBalancer
      ?.ingress?.[0]?.ip;
    if (port === undefined) continue;
    return { name: `${svc.metadata.namespace}/${svc.metadata.name}`, port, lb };
  }
  return undefined;
}

/** The probes the issue names, for whichever endpoints the cluster has. */
function probes(cluster: Cluster, after: ClusterModel, generated: GeneratedIsolationSet): ProbeSpec[] {
  const region = generated.region;
  const isPublic = generated.set.id === "public-isolation";
  const worker = hostEndpointOf(after, isPublic ? "worker_public" : "worker_private");
  const publicWorker = hostEndpointOf(after, "worker_public");
  const pod = probePod(after);
  const dns = [...after.index.endpoints()].find(
    (e) => e.kind === "workload" && e.ownLabels.get("k8s-app") === "kube-dns",
  );
  const controlPlane = firstIp(isPublic ? region.publicControlPlane[0] : region.privateControlPlane[0]);
  const out: ProbeSpec[] = [];
  if (pod !== undefined) {
    const from = { endpoint: pod.id, direction: "Egress" as const };
    out.push(
      {
        id: "pod-internet-443",
        description: `pod ${pod.namespace}/${pod.name} to the internet (${PUBLIC_DNS}) on TCP 443`,
        request: { ...from, peer: { ip: PUBLIC_DNS }, protocol: "TCP", port: 443 },
      },
      {
        id: "pod-internet-80",
        description: `pod ${pod.namespace}/${pod.name} to the internet (${PUBLIC_DNS}) on TCP 80`,
        request: { ...from, peer: { ip: PUBLIC_DNS }, protocol: "TCP", port: 80 },
      },
    );
    if (controlPlane !== undefined) {
      out.push({
        id: "pod-ibm-master",
        description: `pod ${pod.namespace}/${pod.name} to IBM's ${region.id} master (${controlPlane}) on TCP 30000`,
        request: { ...from, peer: { ip: controlPlane }, protocol: "TCP", port: 30000 },
      });
    }
    out.push({
      id: "pod-dns",
      description: `pod ${pod.namespace}/${pod.name} to cluster DNS on UDP 53`,
      request: {
        ...from,
        peer: dns === undefined ? { ip: "172.21.0.10" } : { endpoint: dns.id },
        protocol: "UDP",
        port: 53,
      },
    });
  }
  if (worker !== undefined) {
    const name = `worker ${worker.node ?? worker.name} (${worker.interfaceName ?? "host"})`;
    out.push(
      {
        id: "worker-master-proxy",
        description: `${name} to the master proxy 172.21.0.1 on TCP 443`,
        request: { endpoint: worker.id, direction: "Egress", peer: { ip: "172.21.0.1" }, protocol: "TCP", port: 443 },
      },
      {
        id: "worker-bigfix",
        description: `${name} from IBM BigFix on TCP 52311`,
        request: {
          endpoint: worker.id,
          direction: "Ingress",
          peer: { ip: firstIp(region.sysMgmt[0]) ?? INTERNET_PEER },
          protocol: "TCP",
          port: 52311,
          forwarded: false,
        },
      },
      {
        id: "worker-ssh-failsafe",
        description: `${name}: SSH (failsafe TCP 22) from ${INTERNET_PEER}`,
        request: {
          endpoint: worker.id,
          direction: "Ingress",
          peer: { ip: INTERNET_PEER },
          protocol: "TCP",
          port: 22,
          forwarded: false,
        },
      },
    );
    if (controlPlane !== undefined) {
      out.push({
        id: "worker-service-endpoint",
        description: `${name} to the master's ${isPublic ? "public" : "private"} service endpoint ${controlPlane} on TCP 443`,
        request: { endpoint: worker.id, direction: "Egress", peer: { ip: controlPlane }, protocol: "TCP", port: 443 },
      });
    }
  }
  const nodePort = serviceEntry(cluster, "NodePort");
  const publicIp = publicWorker?.ips[0];
  if (publicWorker !== undefined && nodePort?.port.nodePort !== undefined && publicIp !== undefined) {
    out.push({
      id: "internet-nodeport",
      description: `the internet to NodePort ${nodePort.port.nodePort} (${nodePort.name}) on worker ${publicWorker.node ?? publicWorker.name}`,
      request: {
        endpoint: publicWorker.id,
        direction: "Ingress",
        peer: { ip: INTERNET_PEER },
        protocol: nodePort.port.protocol ?? "TCP",
        preDnatDestination: { ip: publicIp, port: nodePort.port.nodePort },
      },
    });
  }
  const lb = serviceEntry(cluster, "LoadBalancer");
  if (publicWorker !== undefined && lb?.lb !== undefined && lb.port.port !== undefined) {
    out.push({
      id: "internet-loadbalancer",
      description: `the internet to LoadBalancer ${lb.lb}:${lb.port.port} (${lb.name})`,
      request: {
        endpoint: publicWorker.id,
        direction: "Ingress",
        peer: { ip: INTERNET_PEER },
        protocol: lb.port.protocol ?? "TCP",
        preDnatDestination: { ip: lb.lb, port: lb.port.port },
      },
    });
  }
  return out;
}

/**
 * Calico stores policies with their tier and types defaulted (docs/calico-semantics.md section 2), and the classic
 * storage adds the tier label: a set's object that differs from the cluster's only by those is already there.
 */
function unchangedOnceDefaulted(d: PlannedDocument): boolean {
  if (d.action !== "update" || d.live === undefined) return d.action === "unchanged";
  const proposed = d.proposed as unknown as IsolationObject;
  const spec = storedSpec(proposed);
  const meta = (o: { metadata: { labels?: object; annotations?: object } }) => {
    const { [TIER_LABEL]: _tier, ...labels } = (o.metadata.labels ?? {}) as Record<string, string>;
    return { labels, annotations: o.metadata.annotations ?? {} };
  };
  const live = editable(d.live);
  const liveSpec = proposed.kind === "HostEndpoint" ? live.spec : comparableSpec(live.spec);
  return fieldChanges([spec, meta(proposed)], [liveSpec ?? {}, meta(live)]).length === 0;
}

/** Explains a probe on a model; a probe whose endpoint is not there (yet) meets no Calico policy: allowed. */
function verdict(cluster: Cluster, model: ClusterModel, req: ExplainRequest) {
  if (model.index.endpoint(req.endpoint) === undefined) {
    return { verdict: "allow" as const, summary: "the endpoint does not exist: no Calico policy applies" };
  }
  const r = explainOn(cluster, model, req);
  return { verdict: r.verdict, summary: r.summary };
}

/**
 * The region whose master and infrastructure actually manage the workers: the one the nodes' labels name, when known,
 * whatever region the set is generated for (a wrong choice cuts workers off); else the set's.
 */
function managingRegion(cluster: Cluster, generated: GeneratedIsolationSet): IsolationRegion {
  const detected = detectRegion(cluster).value;
  const id = ISOLATION_REGION_IDS.find((r) => r === detected);
  return id === undefined ? generated.region : ISOLATION_REGIONS[id];
}

/**
 * What IBM needs to manage a worker on the set's interface (READMEs, "Summary of changes"). The master proxy is the
 * `kubernetes` Service's ClusterIP: explain walks it to the endpoints its EndpointSlice names, as kube-proxy sends it.
 */
function managementProbes(generated: GeneratedIsolationSet, region: IsolationRegion, worker: Endpoint): ProbeSpec[] {
  const isPublic = generated.set.id === "public-isolation";
  const cp = firstIp(isPublic ? region.publicControlPlane[0] : region.privateControlPlane[0]);
  const name = `worker ${worker.node ?? worker.name}`;
  const out: ProbeSpec[] = [
    {
      id: "master-proxy",
      description: `${name} could no longer reach the master proxy 172.21.0.1:443`,
      request: { endpoint: worker.id, direction: "Egress", peer: { ip: "172.21.0.1" }, protocol: "TCP", port: 443 },
    },
  ];
  if (cp !== undefined) {
    out.push({
      id: "service-endpoint",
      description: `${name} could no longer reach the master's service endpoint ${cp}:443`,
      request: { endpoint: worker.id, direction: "Egress", peer: { ip: cp }, protocol: "TCP", port: 443 },
    });
  }
  const mgmt = firstIp(region.sysMgmt[0]);
  if (!isPublic && mgmt !== undefined) {
    out.push({
      id: "sys-mgmt",
      description: `${name} could no longer be managed from IBM's infrastructure subnet ${region.sysMgmt[0]}`,
      request: {
        endpoint: worker.id,
        direction: "Ingress",
        peer: { ip: mgmt },
        protocol: "TCP",
        port: 52311,
        forwarded: false,
      },
    });
  }
  return out;
}

type Verdict = ReturnType<typeof verdict>;
type PlannedSet = Awaited<ReturnType<typeof prepare>>;

/**
 * The cluster as it would be with the set (docs/calico-semantics.md section 4), read inside `whatIf`: the probes' and
 * the management probes' verdicts, host endpoints the set creates without policy (their nodes drop to failsafe
 * ports), enforcing host endpoints left without policy, and what each member selects.
 */
function withSet(cluster: Cluster, p: PlannedSet, withProbes: boolean) {
  const role = p.generated.set.id === "public-isolation" ? "worker_public" : "worker_private";
  const existing = new Set([...cluster.model.index.endpoints()].map((e) => e.id));
  const protection = hostProtection(cluster.model);
  return whatIf(cluster, plannedChanges(p.planned), (after) => {
    const management: { spec: ProbeSpec; after: Verdict }[] = [];
    const reasons: string[] = [];
    const region = managingRegion(cluster, p.generated);
    for (const ep of after.index.endpoints()) {
      if (ep.kind !== "host" || ep.ownLabels.get("ibm.role") !== role) continue;
      for (const spec of managementProbes(p.generated, region, ep))
        management.push({ spec, after: verdict(cluster, after, spec.request) });
      if (existing.has(ep.id)) continue;
      const normal = after.index.policiesForEndpoint(ep.id).normal;
      for (const d of ["ingress", "egress"] as const) {
        if (!normal[d].some((t) => t.policies.some((x) => !x.staged))) {
          reasons.push(
            `new host endpoint ${ep.name} would have no ${d} policy: node ${ep.node ?? "?"} drops to failsafe ports`,
          );
        }
      }
    }
    reasons.push(...lockOutWarnings(protection, after).map((w) => w.message));
    const specs = withProbes ? probes(cluster, after, p.generated) : [];
    return {
      management,
      reasons,
      probes: specs.map((spec) => ({ spec, after: verdict(cluster, after, spec.request) })),
      selects: p.ranges.map(([start, end]) => {
        const ids = new Set<string>();
        for (const d of p.planned.slice(start, end)) {
          if (d.type.resource === "HostEndpoint") ids.add(`hep/${d.ref.name}`);
          for (const id of after.index.endpointsForPolicy(`${d.type.resource}/${d.ref.namespace ?? ""}/${d.ref.name}`))
            ids.add(id);
        }
        return endpointMatches(after.index, ids, 50);
      }),
    };
  });
}

/**
 * Reasons to refuse the set: a worker on the set's interface loses what IBM needs to manage it (allowed now, denied
 * or no longer known to be allowed after), or a host endpoint is left without policy in a direction.
 */
function lockOutReasons(cluster: Cluster, after: ReturnType<typeof withSet>): string[] {
  const lost = after.management.flatMap(({ spec, after: now }) => {
    if (verdict(cluster, cluster.model, spec.request).verdict !== "allow" || now.verdict === "allow") return [];
    return now.verdict === "deny"
      ? [`${spec.description} (${now.summary})`]
      : [`${spec.description}, perhaps: explain cannot tell (${now.summary})`];
  });
  return [...lost, ...after.reasons];
}

/** The set generated for the cluster and planned against the cache. */
async function prepare(cluster: Cluster, setId: IsolationSetId, params: PolicySetParams) {
  const forCluster = generateForCluster(cluster, setId, params);
  // Each catalog member's documents, as [start, end) in the planned documents (IBM's README order).
  const counts = new Map(forCluster.generated.members.map((m) => [m.member.id, m.objects.length]));
  let offset = 0;
  const ranges = ISOLATION_SETS[setId].members.map((m): [number, number] => {
    const start = offset;
    offset += counts.get(m.id) ?? 0;
    return [start, offset];
  });
  return { ...forCluster, ranges, ...(await planSetDocuments(cluster, forCluster.generated)) };
}

/** What the apply route needs: the documents and the lock-out check, without the probes. */
export async function lockOutCheck(cluster: Cluster, setId: IsolationSetId, params: PolicySetParams) {
  const p = await prepare(cluster, setId, params);
  return { yaml: p.yaml, lockOut: lockOutReasons(cluster, withSet(cluster, p, false)) };
}

/** The whole plan: what the page shows before apply, and what the apply route checks again. */
export async function planPolicySet(
  cluster: Cluster,
  setId: IsolationSetId,
  params: PolicySetParams,
): Promise<PolicySetPlan> {
  const p = await prepare(cluster, setId, params);
  const { generated, region, podSubnet, workers, yaml, planned, objects } = p;
  const after = withSet(cluster, p, true);
  const set = ISOLATION_SETS[setId];
  const included = new Set(generated.members.map((m) => m.member.id));
  const members = set.members.map((member, i) => {
    const [start, end] = p.ranges[i] ?? [0, 0];
    const docs = planned.slice(start, end);
    return {
      member: member.id,
      file: `${member.id}.yaml`,
      optional: member.optional,
      included: included.has(member.id),
      summary: member.summary,
      yaml: docs.length === 0 ? "" : objectsYaml(objects.slice(start, end)),
      objects: docs.map((d) => ({ ref: d.ref, action: unchangedOnceDefaulted(d) ? "unchanged" : d.action })),
      selects: after.selects[i] ?? endpointMatches(cluster.model.index, []),
    };
  });
  const warnings: Warning[] = [];
  for (const w of setId === "private-isolation" ? workers : []) {
    if (w.status === "missing") {
      warnings.push({
        message: `worker ${w.node} has no private host endpoint and no InternalIP to make one from: the private policies do not protect its eth0`,
      });
    }
  }
  const note = regionNote(generated.region.id);
  return {
    set: setId,
    title: set.title,
    catalogVersion: ISOLATION_CATALOG.version,
    region,
    ...(note === undefined ? {} : { regionNote: note }),
    podSubnet,
    masterProxy: [...generated.params.masterProxy],
    with: [...generated.params.with],
    members,
    yaml,
    workers,
    probes: after.probes.map(({ spec, after: now }) => {
      const before = verdict(cluster, cluster.model, spec.request);
      return {
        ...spec,
        before: before.verdict,
        after: now.verdict,
        beforeSummary: before.summary,
        afterSummary: now.summary,
      };
    }),
    lockOut: lockOutReasons(cluster, after),
    warnings,
  };
}
