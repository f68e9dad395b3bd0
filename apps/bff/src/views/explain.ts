import {
  type TraceStep as EngineStep,
  type ExplainOptions,
  type ExplainQuery,
  type Explanation,
  explain,
  isAdminPolicyKind,
  type Masquerade,
  parseIp,
  type ServiceIndex,
  sameIp,
  workloadEndpointId,
} from "@palisade/calico";
import type { ExplainDnat, ExplainRequest, ExplainResult, TraceStep } from "@palisade/contract";
import type { ClusterModel } from "../cluster-model/cluster-model";
import { whatIf } from "../cluster-model/what-if";
import type { Cluster } from "../clusters/cluster";
import { loadDocuments } from "../documents/load";
import { planDocuments, plannedChanges } from "../documents/plan";
import { HttpError } from "../errors";
import { clusterIpTarget } from "./cluster-ip";
import { serviceDnat } from "./dnat";
import { PodRoutes } from "./pod-routes";
import { adminEnforcementOf } from "./policies";

type WalkedStep = Exclude<EngineStep, { kind: "peer" }>;

const FIELDS: Record<string, string> = { endpointId: "endpoint", "peer.endpointId": "peer.endpoint" };

/**
 * Walks Felix's chains for the packet with the calico explainer (docs/calico-semantics.md section 4), on the live match
 * index or, with `proposedYaml`, with those documents applied to it for the while (`whatIf`). A packet arriving at a
 * host endpoint for a Service (NodePort, LoadBalancer or external IP) is translated to a backing pod as kube-proxy
 * does, between the preDNAT stage and the later ones (mangle PREROUTING, then nat PREROUTING, then FORWARD).
 */
export async function explainPacket(cluster: Cluster, req: ExplainRequest): Promise<ExplainResult> {
  if (req.proposedYaml === undefined) return explainOn(cluster, cluster.model, req);
  const planned = planDocuments(cluster, await loadDocuments(req.proposedYaml, cluster.validationTarget));
  return whatIf(cluster, plannedChanges(planned), (after) => explainOn(cluster, after, req));
}

/** The packet walked on a given model of the cluster (the live one, or one inside `whatIf`). */
export function explainOn(cluster: Cluster, model: ClusterModel, req: ExplainRequest): ExplainResult {
  return toClusterIp(cluster, model, req) ?? walk(cluster, model, req);
}

/** More endpoints than this behind one ClusterIP are not each walked: the answer is undetermined. */
const MAX_CLUSTER_IP_ENDPOINTS = 64;

/**
 * A pod's or host's packet to a Service's ClusterIP (cluster-ip.ts): walked once per ready endpoint kube-proxy may
 * pick. One verdict for all is the answer, shown for the first endpoint after a `dnat` step; differing verdicts are
 * undetermined, naming each endpoint's. No ready endpoint: kube-proxy rejects the packet. Undefined when the packet
 * is not to a ClusterIP, or the endpoints are not known (then the walk says undetermined, see `clusterIpOf`).
 */
function toClusterIp(cluster: Cluster, model: ClusterModel, req: ExplainRequest): ExplainResult | undefined {
  const ip = req.peer.ip;
  if (req.direction !== "Egress" || req.forwarded === true || req.peer.endpoint !== undefined) return undefined;
  if (ip === undefined || req.port === undefined) return undefined;
  const target = clusterIpTarget(cluster, ip, req.port, req.protocol);
  if (target?.endpoints === undefined) return undefined;
  const from = `${ip}:${req.port}`;
  const whatIf = req.proposedYaml !== undefined;
  const step = (
    kind: "dnat" | "undetermined" | "default",
    message: string,
    result: TraceStep["result"],
  ): TraceStep => ({
    kind,
    stage: "normal",
    endpoint: req.endpoint,
    message,
    result,
  });
  const what = `${from} is the ClusterIP of Service ${target.service}`;
  const endpoints = target.endpoints;
  if (endpoints.length === 0) {
    const message = `${what}, which has no ready endpoint for this port: kube-proxy rejects the packet`;
    return {
      verdict: "deny",
      summary: `Denied: ${message}`,
      decidedBy: 0,
      trace: [step("default", message, "deny")],
      whatIf,
    };
  }
  const list = endpoints.map((e) => `${e.ip}:${e.port}`).join(", ");
  if (endpoints.length > MAX_CLUSTER_IP_ENDPOINTS) {
    const message = `${what}, which has ${endpoints.length} ready endpoints, more than explain walks (${MAX_CLUSTER_IP_ENDPOINTS}); ask about an endpoint's address`;
    return {
      verdict: "undetermined",
      summary: `Undetermined: ${message}`,
      decidedBy: 0,
      trace: [step("undetermined", message, "undetermined")],
      whatIf,
    };
  }
  const walks = endpoints.map((e) => ({
    at: `${e.ip}:${e.port}`,
    result: walk(cluster, model, { ...req, peer: { ...req.peer, ip: e.ip }, port: e.port }),
  }));
  const [first] = walks;
  if (first === undefined) throw new Error("a ClusterIP with endpoints walked none");
  const dnat = (to: string) =>
    step(
      "dnat",
      `kube-proxy DNAT: ${from}, the ClusterIP of Service ${target.service}, -> ${to}; from here on rules see the endpoint as the destination`,
      "next",
    );
  if (walks.every((w) => w.result.verdict === first.result.verdict)) {
    const how =
      walks.length === 1
        ? `${first.at}, its only ready endpoint`
        : `${first.at}, one of its ${walks.length} ready endpoints chosen at random (${list}); each gives the same verdict, walked here for the first`;
    return { ...first.result, decidedBy: first.result.decidedBy + 1, trace: [dnat(how), ...first.result.trace] };
  }
  const per = walks.map((w) => `${w.at} ${w.result.verdict}`).join(", ");
  const message = `${what}: kube-proxy sends the packet to one of its ready endpoints, chosen at random, and the verdict depends on which (${per}); ask about an endpoint's address`;
  return {
    verdict: "undetermined",
    summary: `Undetermined: ${message}`,
    decidedBy: 1,
    trace: [dnat(`one of ${list}`), step("undetermined", message, "undetermined")],
    whatIf,
    ...(first.result.peer === undefined ? {} : { peer: first.result.peer }),
  };
}

function walk(cluster: Cluster, model: ClusterModel, req: ExplainRequest): ExplainResult {
  checkAddresses(model, req);
  const dnat = kubeProxyDnat(cluster, model, req);
  const routes = new PodRoutes(cluster);
  const answer = explain(
    model.index,
    packetQuery(cluster, model, req, dnat, routes),
    explainOptions(cluster, model, routes),
  );
  if (!answer.ok) {
    const path = FIELDS[answer.error.field] ?? answer.error.field;
    const code = path === "endpoint" ? "NotFound" : "BadRequest";
    throw new HttpError(code, `${path}: ${answer.error.message}`, [{ path, message: answer.error.message }]);
  }
  const result = withEnforcementNotes(cluster, model, toResult(answer.value, req.proposedYaml !== undefined));
  return { ...result, ...(dnat === undefined ? {} : { dnat }) };
}

/** What the explainer needs beside the index: Calico's routes between nodes, the Services' endpoints. */
export function explainOptions(
  cluster: Cluster,
  model: ClusterModel,
  routes: PodRoutes = new PodRoutes(cluster),
): ExplainOptions {
  return {
    fabric: (leg) => routes.fabric(leg),
    routeClass: (ip) => routes.routeClass(ip),
    peerClass: (node) => routes.peerClass(node),
    services: serviceEndpoints(cluster, model),
  };
}

/**
 * The Services' endpoints from the cached EndpointSlices, kept by the cluster model (Felix reads the same slices;
 * felix/serviceindex). Undefined when the cluster does not serve EndpointSlices or Palisade may not read them: such
 * a rule is then undetermined rather than taken as matching nothing.
 */
function serviceEndpoints(cluster: Cluster, model: ClusterModel): ServiceIndex | undefined {
  return cluster.servedType("EndpointSlice") === undefined ? undefined : model.services.index;
}

const badField = (path: string, message: string) =>
  new HttpError("BadRequest", `${path}: ${message}`, [{ path, message }]);

/**
 * The addresses the request names, checked under their own field names: the walk carries `preDnatDestination.ip` as
 * the packet's local address, and takes any `localIp` as given, even one another endpoint owns.
 */
function checkAddresses(model: ClusterModel, req: ExplainRequest): void {
  const original = req.preDnatDestination?.ip;
  if (original !== undefined && parseIp(original) === undefined) {
    throw badField("preDnatDestination.ip", `not an IP address: ${original}`);
  }
  if (req.localIp === undefined) return;
  const local = parseIp(req.localIp);
  if (local === undefined) throw badField("localIp", `not an IP address: ${req.localIp}`);
  const endpoint = model.index.endpoint(req.endpoint);
  // An unknown endpoint is the walk's 404; one without addresses (a host endpoint by interface only) has none to check.
  if (endpoint === undefined || endpoint.ips.length === 0) return;
  const owned = endpoint.ips.some((text) => {
    const ip = parseIp(text);
    return ip !== undefined && sameIp(ip, local);
  });
  if (!owned) {
    throw badField("localIp", `${req.localIp} is not an address of ${endpoint.id} (it has ${endpoint.ips.join(", ")})`);
  }
}

/**
 * The Service DNAT a packet into a host endpoint gets, if any: its original destination is `preDnatDestination`, or
 * else the endpoint's address and `port`. None when the caller says the packet is not forwarded (it ends on the
 * host), or it leaves the host.
 */
function kubeProxyDnat(cluster: Cluster, model: ClusterModel, req: ExplainRequest): ExplainDnat | undefined {
  const endpoint = model.index.endpoint(req.endpoint);
  if (req.direction !== "Ingress" || req.forwarded === false || endpoint?.kind !== "host") return undefined;
  const ip = req.preDnatDestination?.ip ?? req.localIp ?? endpoint.ips[0];
  const port = req.preDnatDestination?.port ?? req.port;
  if (ip === undefined || port === undefined) return undefined;
  return serviceDnat(
    { protocol: req.protocol, ip, port, node: endpoint.node },
    {
      services: cluster.objects("Service"),
      pods: cluster.objects("Pod"),
      nodeAddresses: nodeAddresses(cluster, model),
    },
  );
}

type Destination = Pick<ExplainQuery, "port" | "localIp" | "preDnat" | "dnat" | "forwarded">;

/**
 * Where a packet goes once kube-proxy translated it (docs/calico-semantics.md section 4): the untracked and preDNAT
 * stages see `dnat.from`, then
 * - to a pod: the host endpoint's forward stage and the pod's own ingress policy see the pod. When the pod runs on
 *   another node, kube-proxy masquerades the packet (externalTrafficPolicy Cluster; with Local the pod is always on
 *   this node) in nat POSTROUTING, after this node's filter FORWARD, to the address of the interface it leaves by
 *   (see `masquerade`): only the pod's node sees that source;
 * - to a hostNetwork pod (no workload endpoint; its address is its node's): on this node the packet is delivered to
 *   the host, so the normal stage sees the translated address and port; on another node the forward stage does.
 */
function translatedDestination(
  cluster: Cluster,
  model: ClusterModel,
  req: ExplainRequest,
  to: Translated,
  routes: PodRoutes,
): Destination {
  const node = model.index.endpoint(req.endpoint)?.node;
  const pod = model.index.endpoint(podEndpointId(to.pod));
  if (pod === undefined) {
    const local = node !== undefined && nodeAddresses(cluster, model, { node }).has(to.ip);
    return { port: to.port, localIp: to.ip, preDnat: to.from, forwarded: !local };
  }
  const remote = node !== undefined && pod.node !== undefined && pod.node !== node ? pod.node : undefined;
  return {
    port: to.from.port,
    preDnat: to.from,
    dnat: {
      endpointId: pod.id,
      ip: to.ip,
      port: to.port,
      masquerade: remote === undefined || node === undefined ? undefined : masquerade(routes, node, remote, to.ip),
    },
  };
}

/**
 * The source a node masquerades to toward a pod on another node: the address of the interface the route leaves by
 * (kube-proxy's MASQUERADE in nat POSTROUTING), the tunnel device's when the route is encapsulated (`PodRoutes`), else
 * the node's InternalIP. Unknown where the route is, or where neither the Node nor its Calico Node records its tunnel
 * address.
 */
function masquerade(routes: PodRoutes, node: string, podNode: string, podIp: string): Masquerade {
  const route = routes.route(node, podNode, podIp);
  if (route.kind === "direct") {
    const internal = routes.internalIp(node);
    const via = `node ${node}'s InternalIP: ${route.why}`;
    return internal === undefined ? { via } : { ip: internal, via };
  }
  if (route.kind === "unknown") return { via: `an address not known: ${route.why}` };
  const { tunnel } = route;
  const from = tunnel.source === undefined ? "" : `, from ${tunnel.source}`;
  const via = `node ${node}'s ${tunnel.mode} tunnel address${from} (${route.why}: the route leaves by the tunnel device ${tunnel.device})`;
  return tunnel.address === undefined
    ? { via: `${via}, which ${routes.records.unrecorded}` }
    : { ip: tunnel.address, via };
}

type Translated = NonNullable<ExplainDnat["to"]> & { readonly from: ExplainDnat["from"] };

/**
 * Node addresses kube-proxy and the kernel treat as local: the Node status addresses (only those of `type`, when
 * given) and, without a type, the host endpoints' expected IPs; of one node, or of every node.
 */
function nodeAddresses(
  cluster: Cluster,
  model: ClusterModel | undefined,
  only: { readonly node?: string; readonly type?: string } = {},
): Set<string> {
  const out = new Set<string>();
  for (const n of cluster.objects("Node")) {
    if (only.node !== undefined && n.metadata.name !== only.node) continue;
    const status = n.status as { addresses?: readonly { type?: string; address?: string }[] } | undefined;
    for (const a of status?.addresses ?? []) {
      if (a.address !== undefined && (only.type === undefined || a.type === only.type)) out.add(a.address);
    }
  }
  if (only.type !== undefined || model === undefined) return out;
  for (const ep of model.index.endpoints()) {
    if (ep.kind === "host" && (only.node === undefined || ep.node === only.node)) for (const ip of ep.ips) out.add(ip);
  }
  return out;
}

/**
 * The packet as the engine takes it: translated by kube-proxy when `dnat` has a pod (see `translatedDestination`);
 * otherwise `preDnatDestination` (when given) is the destination at every stage.
 */
function packetQuery(
  cluster: Cluster,
  model: ClusterModel,
  req: ExplainRequest,
  dnat: ExplainDnat | undefined,
  routes: PodRoutes,
): ExplainQuery {
  const common = {
    endpointId: req.endpoint,
    direction: req.direction === "Ingress" ? "ingress" : "egress",
    peer: {
      endpointId: req.peer.endpoint,
      ip: req.peer.ip,
      labels: req.peer.labels,
      localHost: req.peer.localHost,
      // A pod's or the host's own packet to a ClusterIP whose endpoints are not known (toClusterIp walks them when
      // they are): its egress chain sees whichever endpoint kube-proxy picked.
      unknown: req.direction === "Egress" && req.forwarded !== true ? clusterIpOf(cluster, req.peer.ip) : undefined,
    },
    protocol: req.protocol,
    sourcePort: req.sourcePort,
    icmp: req.icmp,
    established: req.established,
  } as const;
  if (dnat?.to !== undefined)
    return { ...common, ...translatedDestination(cluster, model, req, { ...dnat.to, from: dnat.from }, routes) };
  const original = req.preDnatDestination;
  return {
    ...common,
    port: original?.port ?? req.port,
    localIp: original?.ip ?? req.localIp,
    forwarded: req.forwarded ?? (original === undefined ? undefined : true),
  };
}

/**
 * When the peer address is a Service's ClusterIP, why policy never sees it: kube-proxy DNATs it to one endpoint,
 * chosen at random, before a pod's egress chain (filter FORWARD) or the host's (filter OUTPUT) runs.
 */
function clusterIpOf(cluster: Cluster, ip: string | undefined): string | undefined {
  if (ip === undefined) return undefined;
  for (const svc of cluster.objects("Service")) {
    const spec = (svc.spec ?? {}) as { clusterIP?: string; clusterIPs?: readonly string[] };
    const ips = [...(spec.clusterIPs ?? []), ...(spec.clusterIP === undefined ? [] : [spec.clusterIP])];
    if (ips.some((a) => a !== "None" && a.toLowerCase() === ip.toLowerCase())) {
      return `${ip} is the ClusterIP of Service ${svc.metadata.namespace ?? ""}/${svc.metadata.name}: kube-proxy translates it to one of its endpoints, chosen at random, before egress policy sees the packet, and Palisade cannot read the Service's EndpointSlices; ask about an endpoint's address`;
    }
  }
  return undefined;
}

/** `namespace/name` of the pod kube-proxy chose -> its workload endpoint's id. */
function podEndpointId(pod: string): string {
  const [namespace = "", ...name] = pod.split("/");
  return workloadEndpointId(namespace, name.join("/"));
}

function toResult(e: Explanation, whatIf: boolean): ExplainResult {
  // The engine opens its trace with how it resolved the peer; the wire result carries that as `peer`, so every
  // trace step belongs to a stage.
  const peer = e.trace.find((s) => s.kind === "peer")?.message;
  const walked = e.trace.filter((s): s is WalkedStep => s.kind !== "peer");
  const walkedSteps: readonly EngineStep[] = walked;
  const trace = walked.map((s) => ({ ...toStep(s), result: s === e.decidedBy ? e.verdict : resultOf(s) }));
  return {
    verdict: e.verdict,
    summary: e.summary,
    decidedBy: Math.max(0, walkedSteps.indexOf(e.decidedBy)),
    trace,
    ...(peer === undefined ? {} : { peer }),
    whatIf,
  };
}

/**
 * After each admin policy whose kind the cluster's Calico may not enforce (its release is not known), a note saying
 * so: the walk treats it as enforced (docs/calico-semantics.md §8). Kinds it does not enforce are not in the index.
 */
function withEnforcementNotes(cluster: Cluster, model: ClusterModel, result: ExplainResult): ExplainResult {
  const trace: TraceStep[] = [];
  let decidedBy = result.decidedBy;
  result.trace.forEach((step, i) => {
    trace.push(step);
    if (i === result.decidedBy) decidedBy = trace.length - 1;
    const kind = step.policy?.split("/")[0] ?? "";
    if (step.kind !== "policy" || !isAdminPolicyKind(kind) || model.adminEnforcement(kind) !== "unknown") return;
    const { note } = adminEnforcementOf(cluster, kind);
    trace.push({
      kind: "note",
      stage: step.stage,
      endpoint: step.endpoint,
      policy: step.policy,
      message: note,
      result: "skip",
    });
  });
  return { ...result, trace, decidedBy };
}

/** A step's effect when it is not the deciding one. */
function resultOf(s: WalkedStep): TraceStep["result"] {
  switch (s.kind) {
    case "rule":
      if (!s.matched) return "no-match";
      if (s.staged) return "skip";
      return s.action === "Allow" ? "allow" : s.action === "Deny" ? "deny" : s.action === "Pass" ? "pass" : "next";
    case "end-of-tier":
      return s.action === "Deny" ? "deny" : "pass";
    case "note":
      return "skip";
    case "undetermined":
      return "undetermined";
    default:
      return "next";
  }
}

function toStep(s: WalkedStep): Omit<TraceStep, "result"> {
  switch (s.kind) {
    case "rule":
      return {
        kind: "rule",
        stage: s.stage,
        endpoint: s.endpoint,
        tier: s.tier,
        policy: s.policy,
        rule: s.ruleIndex,
        action: s.action,
        matched: s.matched,
        staged: s.staged,
        message: s.message,
      };
    case "policy":
      return {
        kind: "policy",
        stage: s.stage,
        endpoint: s.endpoint,
        tier: s.tier,
        policy: s.policy,
        staged: s.staged,
        message: s.message,
      };
    case "end-of-tier":
      return {
        kind: "end-of-tier",
        stage: s.stage,
        endpoint: s.endpoint,
        tier: s.tier,
        action: s.action,
        message: s.message,
      };
    case "profile":
      return {
        kind: "profile",
        stage: s.stage,
        endpoint: s.endpoint,
        profile: s.profile,
        ...(s.ruleIndex === undefined ? {} : { rule: s.ruleIndex }),
        message: s.message,
      };
    default:
      return { kind: s.kind, stage: s.stage, endpoint: s.endpoint, message: s.message };
  }
}
