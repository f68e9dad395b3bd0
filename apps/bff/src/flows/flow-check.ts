/**
 * A flow beside Palisade's explain of the same packet. The reporter says whose policy acted: the destination's ingress
 * (`Dst`) or the source's egress (`Src`); the flow's names (pods aggregated by generate-name, `x-*`) are resolved to a
 * pod of the model with the flow's labels, and the other end is the peer (an endpoint, or the labels Goldmane kept).
 */
import { type Endpoint, parseEndpointId, workloadEndpointId } from "@palisade/calico";
import type {
  ExplainRequest,
  ExplainResult,
  Flow,
  FlowCheck,
  FlowDetail,
  FlowEndpoint,
  FlowPolicyHit,
} from "@palisade/contract";
import type { Cluster } from "../clusters/cluster";
import { HttpError } from "../errors";
import { explainOn } from "../views/explain";
import { localOutcome, policyKeyOf } from "./policy-hits";

/** How Goldmane names a pod: its generate-name followed by `*` (`nginx-5d9c8f6b7c-*`), else the pod's own name. */
export function aggregatedPodName(name: string, generateName: string | undefined): string {
  return generateName === undefined || generateName === "" ? name : `${generateName}*`;
}

/** The model's endpoint a flow's end stands for, if any: the first (by id) with its name and labels. */
export function endpointOf(cluster: Cluster, end: FlowEndpoint): Endpoint | undefined {
  const index = cluster.model.index;
  if (end.type === "hep") return index.endpoint(`hep/${end.name}`);
  if (end.type !== "wep" || end.namespace === undefined) return undefined;
  const exact = index.endpoint(workloadEndpointId(end.namespace, end.name));
  if (exact !== undefined) return exact;
  if (!end.name.endsWith("*")) return undefined;
  const prefix = end.name.slice(0, -1);
  let found: Endpoint | undefined;
  for (const ep of index.endpoints()) {
    const ref = parseEndpointId(ep.id);
    if (ref?.kind !== "wep" || ref.namespace !== end.namespace || !ref.name.startsWith(prefix)) continue;
    if (Object.entries(end.labels).some(([k, v]) => ep.ownLabels.get(k) !== v)) continue;
    if (found === undefined || ep.id < found.id) found = ep;
  }
  return found;
}

/** The packet Palisade walks for a flow, or why it cannot. */
export function explainRequestOf(cluster: Cluster, flow: Flow): ExplainRequest | string {
  const [own, other] = flow.reporter === "Dst" ? [flow.destination, flow.source] : [flow.source, flow.destination];
  const endpoint = endpointOf(cluster, own);
  if (endpoint === undefined) {
    return `the reporting end (${own.type} ${own.namespace === undefined ? "" : `${own.namespace}/`}${own.name}) is not an endpoint of the cluster Palisade knows`;
  }
  const peer = endpointOf(cluster, other);
  const protocol = flow.protocol === "" ? "TCP" : flow.protocol;
  // A host endpoint's ingress without a Service is to the host itself: Goldmane names the pod as the destination
  // of traffic kube-proxy forwarded.
  const toHost = endpoint.kind === "host" && flow.reporter === "Dst" && flow.service === undefined;
  return {
    endpoint: endpoint.id,
    direction: flow.reporter === "Dst" ? "Ingress" : "Egress",
    peer: peer === undefined ? { labels: other.labels } : { endpoint: peer.id },
    protocol,
    ...(flow.port > 0 ? { port: flow.port } : {}),
    ...(toHost ? { forwarded: false } : {}),
  };
}

/** The hit that decided the flow: the last enforced one. */
function decidingHit(flow: Flow): FlowPolicyHit | undefined {
  return flow.enforced[flow.enforced.length - 1];
}

/** Palisade's deciding step as policy and rule (`rule` -1: a tier's end; undefined policy: a profile or the default). */
function decidingStep(
  result: ExplainResult,
  index: number | undefined,
): { policy?: string; tier?: string; rule: number; kind: string } {
  const step = index === undefined ? undefined : result.trace[index];
  if (step === undefined) return { rule: -1, kind: "none" };
  return {
    kind: step.kind,
    rule: step.kind === "rule" ? (step.rule ?? 0) : -1,
    ...(step.policy === undefined ? {} : { policy: step.policy }),
    ...(step.tier === undefined ? {} : { tier: step.tier }),
  };
}

const ruleLabel = (rule: number) => (rule < 0 ? "the end of its tier" : `rule ${rule}`);

/** Calico's verdict and deciding hit against what Palisade's explain of the same packet says `endpoint`'s chain did. */
export function compareFlow(
  cluster: Cluster,
  flow: Flow,
  palisade: ExplainResult,
  endpoint: string,
): Pick<FlowCheck, "agreement" | "notes"> {
  const notes: string[] = [];
  const local = localOutcome(palisade, endpoint);
  if (local.verdict === "undetermined") {
    return { agreement: "unknown", notes: [`Palisade cannot decide this packet: ${palisade.summary}`] };
  }
  const calico = flow.action === "Allow" ? "allow" : flow.action === "Deny" ? "deny" : undefined;
  if (calico !== undefined && calico !== local.verdict) {
    notes.push(`Calico ${calico === "allow" ? "allowed" : "denied"} it; Palisade's explain says ${palisade.summary}`);
    return { agreement: "disagree", notes };
  }
  const hit = decidingHit(flow);
  if (hit === undefined) return { agreement: "agree", notes };
  const mine = decidingStep(palisade, local.step);
  if (hit.kind === "EndOfTier") {
    if (mine.kind !== "end-of-tier" || mine.tier !== hit.tier) {
      notes.push(`Calico: the end of tier ${hit.tier} decided; Palisade: ${palisade.summary}`);
      return { agreement: "disagree", notes };
    }
    return { agreement: "agree", notes };
  }
  if (hit.kind === "Profile") {
    if (mine.kind !== "profile") {
      notes.push(`Calico: profile ${hit.name} decided; Palisade: ${palisade.summary}`);
      return { agreement: "disagree", notes };
    }
    return { agreement: "agree", notes };
  }
  const key = policyKeyOf(cluster.model.index, hit);
  if (key === undefined) {
    notes.push(
      `Calico's deciding policy ${hit.kind} ${hit.namespace === undefined ? "" : `${hit.namespace}/`}${hit.name} is not in the cluster now (deleted or renamed since the flow)`,
    );
    return { agreement: "disagree", notes };
  }
  if (mine.policy !== key || mine.rule !== hit.ruleIndex) {
    notes.push(
      `Calico: ${key} ${ruleLabel(hit.ruleIndex)} decided; Palisade: ${mine.policy ?? mine.kind} ${ruleLabel(mine.rule)} (${palisade.summary})`,
    );
    return { agreement: "disagree", notes };
  }
  return { agreement: "agree", notes };
}

type Checked = Omit<FlowDetail, "flow">;

/** The flow checked against Palisade's explain (on the live model), with the walk. */
export function checkFlow(cluster: Cluster, flow: Flow): Checked {
  const request = explainRequestOf(cluster, flow);
  if (typeof request === "string") return { check: { agreement: "unknown", notes: [`No comparison: ${request}.`] } };
  let palisade: ExplainResult;
  try {
    palisade = explainOn(cluster, cluster.model, request);
  } catch (e) {
    if (e instanceof HttpError)
      return { check: { agreement: "unknown", notes: [`No comparison: ${e.message}`] }, request };
    throw e;
  }
  const { verdict } = localOutcome(palisade, request.endpoint);
  const check: FlowCheck = {
    ...compareFlow(cluster, flow, palisade, request.endpoint),
    verdict,
    summary: palisade.summary,
  };
  return { check, request, palisade };
}

/**
 * Checks flows, remembering each answer until the model changes: flows repeat their key every interval, and a key's
 * check depends only on the key (ends, port, protocol, reporter, verdict, trace) and the policies.
 */
export class FlowChecker {
  private generation = -1;
  private readonly byKey = new Map<string, Checked>();

  constructor(private readonly cluster: Cluster) {}

  check(flow: Flow): FlowCheck {
    return this.detail(flow).check;
  }

  detail(flow: Flow): Checked {
    if (this.generation !== this.cluster.generation) {
      this.generation = this.cluster.generation;
      this.byKey.clear();
    }
    const { source, destination, protocol, port, reporter, action, enforced } = flow;
    const key = JSON.stringify([source, destination, protocol, port, reporter, action, enforced]);
    let found = this.byKey.get(key);
    if (found === undefined) {
      found = checkFlow(this.cluster, flow);
      this.byKey.set(key, found);
    }
    return found;
  }
}
