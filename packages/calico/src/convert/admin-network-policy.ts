/**
 * Kubernetes admin policies as the GlobalNetworkPolicies Felix evaluates (docs/calico-semantics.md §8), following
 * libcalico-go's conversion: `K8sAdminNetworkPolicyToCalico` and `K8sBaselineAdminNetworkPolicyToCalico` (v3.31,
 * conversion.go) and `K8sClusterNetworkPolicyToCalico` (v3.32, clusternetworkpolicy.go). A rule Calico cannot
 * convert is dropped when it allows, and replaced by a bare Deny ("fail closed") when it denies or passes.
 */
import type { PolicyLike } from "../endpoints/inputs";
import type {
  AdminNetworkPolicySpec,
  AdminPolicyEgressPeer,
  AdminPolicyIngressPeer,
  AdminPolicyPort,
  BaselineAdminNetworkPolicySpec,
  ClusterNetworkPolicySpec,
  ClusterPolicyEgressPeer,
  ClusterPolicyIngressPeer,
  ClusterPolicyProtocol,
} from "../model/admin-network-policy";
import { type AdminPolicyKind, CALICO_API_VERSION } from "../model/kinds";
import type { LabelSelector } from "../model/kubernetes-network-policy";
import type { GlobalNetworkPolicy } from "../model/resources";
import type { Action, EntityRule, Port, Rule } from "../model/rule";
import {
  ADMIN_NETWORK_POLICY_TIER,
  BASELINE_ADMIN_NETWORK_POLICY_TIER,
  calicoIdentity,
  KUBE_ADMIN_TIER,
  KUBE_BASELINE_TIER,
} from "../policy/order";
import type { FieldError } from "../validate/issues";
import { formatNetwork, parseCidr } from "../validate/net";
import { parsePort } from "../validate/port";
import { k8sSelectorToCalico } from "./k8s-selector";
import { simplifyPorts } from "./ports";

/** The order of the (single) BaselineAdminNetworkPolicy in its tier. */
export const BASELINE_ADMIN_POLICY_ORDER = 1000;
/** The rule annotation that keeps an admin rule's `name` (conversion/constants.go). */
export const ADMIN_RULE_NAME_ANNOTATION = "name";

interface AdminObject {
  readonly metadata: { readonly name?: string | undefined };
  readonly spec?: unknown;
}

export interface AdminPolicyConversion {
  /**
   * The GlobalNetworkPolicy Felix evaluates, or undefined when Calico ignores the object altogether (a
   * ClusterNetworkPolicy without a valid tier or subject).
   */
  readonly policy: GlobalNetworkPolicy | undefined;
  /** The name and kind Calico orders it by (the `name/namespace/kind` tie-break, docs/calico-semantics.md §2). */
  readonly identity: { readonly kind: string; readonly name: string };
  /** Rules Calico could not convert (dropped or failed closed), or why the whole object is ignored. */
  readonly errors: readonly FieldError[];
}

interface PortGroup {
  readonly protocol: string | undefined;
  readonly ports: Port[] | undefined;
}

/**
 * One (protocol, ports) group per protocol, in Go's sorted order: `unpackANPPorts` / `unpackCNPProtocols`. A protocol
 * entry without a port means every port of that protocol.
 */
function groupPorts(entries: readonly { protocol?: string; port?: Port }[]): PortGroup[] {
  const byProtocol = new Map<string, Port[] | undefined>();
  for (const e of entries) {
    const key = e.protocol ?? "";
    if (e.port === undefined) byProtocol.set(key, undefined);
    else if (!byProtocol.has(key)) byProtocol.set(key, [e.port]);
    else byProtocol.get(key)?.push(e.port);
  }
  return [...byProtocol.keys()].sort().map((key) => {
    const ports = byProtocol.get(key);
    return { protocol: key === "" ? undefined : key, ports: ports === undefined ? undefined : simplifyPorts(ports) };
  });
}

function protocolName(p: string | undefined): string {
  // numorstring.ProtocolFromString folds the case of the protocols it knows; TCP when unset (`ensureProtocol`).
  const upper = (p ?? "TCP").toUpperCase();
  return ["TCP", "UDP", "SCTP"].includes(upper) ? upper : (p ?? "TCP");
}

/** What an entry with neither protocol nor port means: every port of every protocol (Go stops scanning there). */
const ANY_PORT: PortGroup[] = [{ protocol: undefined, ports: undefined }];

function range(start: number, end: number): { port: Port } | { error: string } {
  if (start > end) return { error: `port range ${start}-${end} has its start after its end` };
  return { port: start === end ? start : `${start}:${end}` };
}

/** v1alpha1 ports: portNumber, portRange, or namedPort, which Calico 3.31 does not support and reads as "any port". */
function adminPorts(ports: readonly AdminPolicyPort[] | undefined): PortGroup[] | string {
  const entries: { protocol?: string; port?: Port }[] = [];
  for (const p of ports === undefined || ports.length === 0 ? [{}] : ports) {
    if ("portNumber" in p && p.portNumber !== undefined) {
      entries.push({ protocol: protocolName(p.portNumber.protocol), port: p.portNumber.port });
    } else if ("portRange" in p && p.portRange !== undefined) {
      const r = range(p.portRange.start, p.portRange.end);
      if ("error" in r) return r.error;
      entries.push({ protocol: protocolName(p.portRange.protocol), port: r.port });
    } else return ANY_PORT;
  }
  return groupPorts(entries);
}

/** v1alpha2 protocols: tcp/udp/sctp with an optional destination port, or a destination named port. */
function clusterProtocols(protocols: readonly ClusterPolicyProtocol[] | undefined): PortGroup[] | string {
  const entries: { protocol?: string; port?: Port }[] = [];
  for (const p of protocols === undefined || protocols.length === 0 ? [{}] : protocols) {
    const named = p.destinationNamedPort;
    const proto = p.tcp !== undefined ? "TCP" : p.udp !== undefined ? "UDP" : p.sctp !== undefined ? "SCTP" : undefined;
    if (proto !== undefined) {
      const dst = (p.tcp ?? p.udp ?? p.sctp)?.destinationPort;
      if (dst?.number !== undefined && dst.number !== 0) entries.push({ protocol: proto, port: dst.number });
      else if (dst?.range !== undefined) {
        const r = range(dst.range.start, dst.range.end);
        if ("error" in r) return r.error;
        entries.push({ protocol: proto, port: r.port });
      } else entries.push({ protocol: proto });
    } else if (named !== undefined && named !== "") {
      const parsed = parsePort(named);
      if (typeof parsed === "string" || parsed.kind !== "name") return `invalid named port ${JSON.stringify(named)}`;
      entries.push({ port: named });
    } else return ANY_PORT;
  }
  return groupPorts(entries);
}

type Peer = Partial<
  AdminPolicyIngressPeer & AdminPolicyEgressPeer & ClusterPolicyIngressPeer & ClusterPolicyEgressPeer
> & {
  readonly pods?: { readonly namespaceSelector?: LabelSelector; readonly podSelector: LabelSelector };
};

/** The selectors (and networks) of one peer; Calico supports namespaces, pods and networks, not nodes. */
function peerFields(peer: Peer, egress: boolean): EntityRule | string {
  const out: EntityRule = {};
  let found = false;
  if (peer.namespaces != null) {
    out.namespaceSelector = k8sSelectorToCalico(peer.namespaces, "namespace");
    found = true;
  }
  if (peer.pods != null) {
    out.selector = k8sSelectorToCalico(peer.pods.podSelector, "pod");
    out.namespaceSelector = k8sSelectorToCalico(peer.pods.namespaceSelector ?? {}, "namespace");
    found = true;
  }
  if (egress && peer.networks !== undefined && peer.networks.length > 0) {
    const nets: string[] = [];
    for (const n of peer.networks) {
      const cidr = parseCidr(n);
      if (cidr === undefined) return `invalid CIDR ${JSON.stringify(n)}`;
      nets.push(formatNetwork(cidr));
    }
    out.nets = nets;
    found = true;
  }
  if (!found) {
    return egress
      ? "Calico supports only namespaces, pods and networks peers in 'to'"
      : "Calico supports only namespaces and pods peers in 'from'";
  }
  return out;
}

interface AnyRule {
  readonly action: string;
  readonly name?: string | undefined;
  readonly peers: readonly Peer[];
  readonly ports: PortGroup[] | string;
}

function convertRule(rule: AnyRule, action: Action, egress: boolean): Rule[] | string {
  if (typeof rule.ports === "string") return rule.ports;
  const out: Rule[] = [];
  for (const group of rule.ports) {
    for (const peer of rule.peers) {
      const fields = peerFields(peer, egress);
      if (typeof fields === "string") return fields;
      const r: Rule = { action };
      if (rule.name !== undefined && rule.name !== "") {
        r.metadata = { annotations: { [ADMIN_RULE_NAME_ANNOTATION]: rule.name } };
      }
      if (group.protocol !== undefined) r.protocol = group.protocol;
      const ports = group.ports === undefined || group.ports.length === 0 ? {} : { ports: group.ports };
      if (egress) {
        const destination = { ...fields, ...ports };
        if (Object.keys(destination).length > 0) r.destination = destination;
      } else {
        if (Object.keys(fields).length > 0) r.source = fields;
        if (group.ports !== undefined && group.ports.length > 0) r.destination = ports;
      }
      out.push(r);
    }
  }
  return out;
}

function calicoAction(kind: AdminPolicyKind, action: string): Action | undefined {
  if (kind === "ClusterNetworkPolicy") {
    return action === "Accept" ? "Allow" : action === "Deny" || action === "Pass" ? action : undefined;
  }
  const allowed = kind === "AdminNetworkPolicy" ? ["Allow", "Deny", "Pass"] : ["Allow", "Deny"];
  return allowed.includes(action) ? (action as Action) : undefined;
}

function convertRules(kind: AdminPolicyKind, list: readonly AnyRule[], path: string, errors: FieldError[]): Rule[] {
  const egress = path.endsWith("egress");
  const out: Rule[] = [];
  list.forEach((rule, i) => {
    const action = calicoAction(kind, rule.action);
    const converted =
      action === undefined ? `unsupported action ${JSON.stringify(rule.action)}` : convertRule(rule, action, egress);
    if (typeof converted !== "string") {
      out.push(...converted);
      return;
    }
    // Deny and Pass rules fail closed (a baseline policy has no Pass); Allow (Accept) rules are dropped.
    const failClosed = rule.action === "Deny" || (rule.action === "Pass" && kind !== "BaselineAdminNetworkPolicy");
    if (failClosed) out.push({ action: "Deny" });
    const outcome = failClosed ? "replaced by a Deny of all traffic" : "dropped";
    errors.push({ path: `${path}[${i}]`, message: `rule ${outcome}: ${converted}` });
  });
  return out;
}

type AnySpec = Partial<AdminNetworkPolicySpec & BaselineAdminNetworkPolicySpec & ClusterNetworkPolicySpec>;

function rulesOf(spec: AnySpec, kind: AdminPolicyKind, egress: boolean): AnyRule[] {
  const cluster = kind === "ClusterNetworkPolicy";
  if (egress) {
    return (spec.egress ?? []).map((r) => ({
      action: r.action,
      name: r.name,
      peers: r.to as Peer[],
      ports: cluster ? clusterProtocols((r as { protocols?: ClusterPolicyProtocol[] }).protocols) : adminPorts(r.ports),
    }));
  }
  return (spec.ingress ?? []).map((r) => ({
    action: r.action,
    name: r.name,
    peers: r.from as Peer[],
    ports: cluster ? clusterProtocols((r as { protocols?: ClusterPolicyProtocol[] }).protocols) : adminPorts(r.ports),
  }));
}

function tierOf(kind: AdminPolicyKind, spec: AnySpec): string | undefined {
  // v3.31's tiers: the kinds are gone from v3.32, whose ClusterNetworkPolicy uses kube-admin and kube-baseline.
  if (kind === "AdminNetworkPolicy") return ADMIN_NETWORK_POLICY_TIER;
  if (kind === "BaselineAdminNetworkPolicy") return BASELINE_ADMIN_NETWORK_POLICY_TIER;
  return spec.tier === "Admin" ? KUBE_ADMIN_TIER : spec.tier === "Baseline" ? KUBE_BASELINE_TIER : undefined;
}

/** An AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy as Calico converts it. */
export function adminPolicyToCalico(kind: AdminPolicyKind, obj: AdminObject): AdminPolicyConversion {
  const spec = (obj.spec ?? {}) as AnySpec;
  const identity = calicoIdentity(kind, obj.metadata.name ?? "");
  const tier = tierOf(kind, spec);
  if (tier === undefined) {
    const message = `Calico ignores the policy: tier ${JSON.stringify(spec.tier)} is neither Admin nor Baseline`;
    return { policy: undefined, identity, errors: [{ path: "spec.tier", message }] };
  }
  const subject = spec.subject ?? {};
  let selector: string;
  let namespaceSelector: string;
  if (subject.namespaces != null) {
    namespaceSelector = k8sSelectorToCalico(subject.namespaces, "namespace");
    selector = k8sSelectorToCalico(undefined, "pod");
  } else if (subject.pods != null) {
    namespaceSelector = k8sSelectorToCalico(subject.pods.namespaceSelector ?? {}, "namespace");
    selector = k8sSelectorToCalico(subject.pods.podSelector, "pod");
  } else {
    const message = "Calico ignores the policy: the subject selects neither namespaces nor pods";
    return { policy: undefined, identity, errors: [{ path: "spec.subject", message }] };
  }
  const errors: FieldError[] = [];
  const ingress = convertRules(kind, rulesOf(spec, kind, false), "spec.ingress", errors);
  const egress = convertRules(kind, rulesOf(spec, kind, true), "spec.egress", errors);
  const order = kind === "BaselineAdminNetworkPolicy" ? BASELINE_ADMIN_POLICY_ORDER : (spec.priority ?? 0);
  // The types follow the rules alone: the kube tiers default to Pass, so a direction without rules needs no policy.
  const types: ("Ingress" | "Egress")[] = [];
  if (ingress.length > 0) types.push("Ingress");
  if (egress.length > 0) types.push("Egress");
  const policySpec: GlobalNetworkPolicy["spec"] = { tier, order, namespaceSelector, selector };
  if (ingress.length > 0) policySpec.ingress = ingress;
  if (egress.length > 0) policySpec.egress = egress;
  if (types.length > 0) policySpec.types = types;
  return {
    policy: {
      apiVersion: CALICO_API_VERSION,
      kind: "GlobalNetworkPolicy",
      metadata: { name: identity.name },
      spec: policySpec,
    },
    identity,
    errors,
  };
}

/**
 * The converted policy under Palisade's own identity (its kind and the object's name), as the match index and the
 * views key it; undefined when Calico ignores the object.
 */
export function adminPolicyAsIndexed(kind: AdminPolicyKind, obj: AdminObject): PolicyLike | undefined {
  const { policy } = adminPolicyToCalico(kind, obj);
  return policy === undefined ? undefined : { kind, metadata: { name: obj.metadata.name ?? "" }, spec: policy.spec };
}
