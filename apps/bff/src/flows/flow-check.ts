/**
 * A flow beside Palisade's explain of the same packet. The reporter says whose policy acted: the destination's ingress
 * (`Dst`) or the source's egress (`Src`); the flow's names are resolved as Felix writes them (pods aggregated by
 * generate-name, `x-*`; a host endpoint by its node) to an endpoint of the model with the flow's labels, and the other
 * end is the peer: an endpoint, or addresses. Felix keeps no address for an end that is no endpoint (`pub`/`pvt`, or
 * a network set's name), so Palisade walks one address of each range the reporting endpoint's policies tell apart.
 */
import {
  type AddressInterval,
  addressIntervals,
  type Endpoint,
  ipInNets,
  type MatchIndex,
  parseEndpointId,
  parseIp,
  workloadEndpointId,
} from "@palisade/calico";
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

const hasLabels = (index: MatchIndex, ep: Endpoint, labels: Readonly<Record<string, string>>) => {
  const own = index.effectiveLabels(ep.id) ?? ep.ownLabels;
  return Object.entries(labels).every(([k, v]) => own.get(k) === v);
};

/**
 * The model's endpoint a flow's end stands for, or why there is none. Felix names a host endpoint by its node
 * (collector endpoint.go: the key's hostname), so the flow's labels tell a node's host endpoints apart; a pod by its
 * generate-name and `*`, the first pod (by id) with that prefix and the flow's labels.
 */
export function endpointOf(cluster: Cluster, end: FlowEndpoint): Endpoint | string {
  const index = cluster.model.index;
  if (end.type === "hep") {
    const onNode = index.hostEndpointsOn(end.name);
    if (onNode.length === 0) return `no host endpoint of the cluster is on node ${end.name}`;
    const fits = onNode.filter((ep) => hasLabels(index, ep, end.labels));
    const names = (eps: readonly Endpoint[]) => eps.map((ep) => ep.name).join(", ");
    if (fits.length === 1 && fits[0] !== undefined) return fits[0];
    return fits.length === 0
      ? `none of node ${end.name}'s host endpoints (${names(onNode)}) has the flow's labels`
      : `node ${end.name} has ${fits.length} host endpoints with the flow's labels (${names(fits)}), and Goldmane names a host endpoint only by its node`;
  }
  const what = `${end.type} ${end.namespace === undefined ? "" : `${end.namespace}/`}${end.name}`;
  if (end.type !== "wep" || end.namespace === undefined) return `${what} is not an endpoint`;
  const exact = index.endpoint(workloadEndpointId(end.namespace, end.name));
  if (exact !== undefined) return exact;
  const unknown = `${what} is not an endpoint of the cluster Palisade knows`;
  if (!end.name.endsWith("*")) return unknown;
  const prefix = end.name.slice(0, -1);
  let found: Endpoint | undefined;
  for (const ep of index.endpoints()) {
    const ref = parseEndpointId(ep.id);
    if (ref?.kind !== "wep" || ref.namespace !== end.namespace || !ref.name.startsWith(prefix)) continue;
    if (!hasLabels(index, ep, end.labels)) continue;
    if (found === undefined || ep.id < found.id) found = ep;
  }
  return found ?? unknown;
}

/** Felix's private ranges: an address outside them is `pvt`'s opposite, `pub` (collector endpoint.go getSubnetType). */
const PRIVATE_NETS = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];
/** Most address ranges walked for one flow. */
export const MAX_ADDRESS_RANGES = 256;

/** Every net the rules of the policies on `endpoint` name (any stage, direction or side). */
function policyNets(index: MatchIndex, endpoint: string): string[] {
  const nets = new Set<string>();
  for (const byDirection of Object.values(index.policiesForEndpoint(endpoint))) {
    for (const tiers of Object.values(byDirection)) {
      for (const { policies } of tiers) {
        for (const p of policies) {
          for (const r of [...p.ingress, ...p.egress]) {
            for (const side of [r.rule.source, r.rule.destination]) {
              for (const n of [...(side?.nets ?? []), ...(side?.notNets ?? [])]) nets.add(n);
            }
          }
        }
      }
    }
  }
  return [...nets];
}

/** The addresses a flow's end that is no endpoint may have been, one per range the policies tell apart, or why none. */
function peerAddresses(
  index: MatchIndex,
  endpoint: string,
  end: FlowEndpoint,
): { ranges: AddressInterval[]; what: string } | string {
  const sets = [...index.networkSets()];
  let what: string;
  let inClass: (ip: string) => boolean;
  if (end.type === "networkset") {
    const set = sets.find((s) => s.name === end.name && (s.namespace ?? "") === (end.namespace ?? ""));
    if (set === undefined)
      return `the network set ${end.namespace === undefined ? "" : `${end.namespace}/`}${end.name} is not in the cluster now`;
    what = `an address of network set ${end.name}`;
    inClass = (ip) => inNets(set.nets, ip);
  } else if (end.type === "network" && (end.name === "pub" || end.name === "pvt")) {
    const setNets = sets.flatMap((s) => s.nets);
    const priv = end.name === "pvt";
    what = `a ${priv ? "private" : "public"} address ("${end.name}") outside every network set`;
    // Felix names the network set holding an address; "pub"/"pvt" are the addresses of none.
    inClass = (ip) => inNets(PRIVATE_NETS, ip) === priv && !inNets(setNets, ip);
  } else {
    return `the peer (${end.type} ${end.name}) is neither an endpoint nor a network Palisade can place`;
  }
  const owned = [...index.endpoints()].flatMap((ep) => ep.ips);
  const nets = [...policyNets(index, endpoint), ...sets.flatMap((s) => s.nets), ...PRIVATE_NETS];
  const ranges = addressIntervals(nets, owned).filter((r) => inClass(r.example));
  if (ranges.length === 0) return `no address is ${what}`;
  if (ranges.length > MAX_ADDRESS_RANGES) {
    return `the policies cut ${what} into ${ranges.length} ranges, more than the ${MAX_ADDRESS_RANGES} Palisade walks for one flow`;
  }
  return { ranges, what };
}

function inNets(nets: readonly string[], ip: string): boolean {
  const parsed = parseIp(ip);
  return parsed !== undefined && ipInNets(nets, parsed);
}

/** One packet to walk for a flow, with the address range it stands for when Goldmane kept no address. */
interface Candidate {
  readonly request: ExplainRequest;
  readonly range?: AddressInterval;
}

/**
 * The packets Palisade walks for a flow, or why it cannot: one, or one per address range (`what` says which addresses
 * the peer may have had). A host endpoint that is the reporting end is the packet's own address (a flow to a pod
 * through a NodePort names the pod), so the packet is to or from the host itself, not forwarded.
 */
export function explainRequestsOf(cluster: Cluster, flow: Flow): { candidates: Candidate[]; what?: string } | string {
  const [own, other] = flow.reporter === "Dst" ? [flow.destination, flow.source] : [flow.source, flow.destination];
  const endpoint = endpointOf(cluster, own);
  if (typeof endpoint === "string") return `the reporting end: ${endpoint}`;
  const protocol = flow.protocol === "" ? "TCP" : flow.protocol;
  const base = {
    endpoint: endpoint.id,
    direction: flow.reporter === "Dst" ? "Ingress" : "Egress",
    protocol,
    ...(flow.port > 0 ? { port: flow.port } : {}),
    ...(endpoint.kind === "host" ? { forwarded: false } : {}),
  } as const;
  const peer = endpointOf(cluster, other);
  if (typeof peer !== "string") return { candidates: [{ request: { ...base, peer: { endpoint: peer.id } } }] };
  if (other.type === "wep" || other.type === "hep") {
    // A pod or host the model does not have (gone since): its labels are all Palisade knows.
    return { candidates: [{ request: { ...base, peer: { labels: other.labels } } }] };
  }
  const addresses = peerAddresses(cluster.model.index, endpoint.id, other);
  if (typeof addresses === "string") return `the peer: ${addresses}`;
  return {
    candidates: addresses.ranges.map((range) => ({ request: { ...base, peer: { ip: range.example } }, range })),
    what: addresses.what,
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

/** One packet walked and compared. */
function checkOne(cluster: Cluster, flow: Flow, request: ExplainRequest): Checked {
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
 * The flow checked against Palisade's explain (on the live model), with the walk. Where the peer's address is not
 * known, Calico's record agrees when some address it may have had gets the same verdict and deciding rule (that walk
 * is the one shown), and disagrees when none does.
 */
export function checkFlow(cluster: Cluster, flow: Flow): Checked {
  const requests = explainRequestsOf(cluster, flow);
  if (typeof requests === "string") return { check: { agreement: "unknown", notes: [`No comparison: ${requests}.`] } };
  const { candidates, what } = requests;
  const walked = candidates.map((c) => ({ ...c, checked: checkOne(cluster, flow, c.request) }));
  const first = walked[0];
  if (what === undefined || first === undefined)
    return first?.checked ?? { check: { agreement: "unknown", notes: [] } };
  const of = (agreement: FlowCheck["agreement"]) => walked.filter((w) => w.checked.check.agreement === agreement);
  const agreeing = of("agree");
  const disagreeing = of("disagree");
  const chosen = agreeing[0] ?? disagreeing[0] ?? first;
  const range = chosen.range === undefined ? "" : ` ${chosen.range.example} (${chosen.range.description})`;
  const ranges = `${walked.length} range${walked.length === 1 ? "" : "s"}`;
  const lead = `Goldmane keeps no address for the peer, only that it was ${what}: Palisade walked one address of each of the ${ranges} the policies tell apart`;
  const note =
    agreeing.length > 0
      ? `${lead}; ${agreeing.length === walked.length ? "all" : `${agreeing.length} of the ${walked.length}`} agree with Calico, e.g.${range}.`
      : disagreeing.length > 0
        ? `${lead}; none gets Calico's verdict and deciding rule, e.g.${range}:`
        : `${lead}; none can be decided, e.g.${range}:`;
  return { ...chosen.checked, check: { ...chosen.checked.check, notes: [note, ...chosen.checked.check.notes] } };
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
