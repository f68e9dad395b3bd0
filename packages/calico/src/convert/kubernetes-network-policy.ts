/**
 * A Kubernetes NetworkPolicy as the Calico NetworkPolicy Felix enforces, following libcalico-go's
 * `K8sNetworkPolicyToCalico` (docs/calico-semantics.md §2 and §3): order 1000 in the default tier, pod selectors pinned
 * to `projectcalico.org/orchestrator == 'k8s'`, one Allow rule per protocol and peer, ipBlock as nets/notNets, and an
 * empty policyTypes meaning Ingress.
 */
import type { NetworkPolicyPeer, NetworkPolicyPort } from "../model/kubernetes-network-policy";
import type { KubernetesNetworkPolicy, NetworkPolicy } from "../model/resources";
import type { EntityRule, Port, Rule } from "../model/rule";
import type { FieldError } from "../validate/issues";
import { formatNetwork, parseCidr } from "../validate/net";
import { parsePort } from "../validate/port";
import { k8sSelectorToCalico } from "./k8s-selector";
import { simplifyPorts } from "./ports";

/** Kubernetes NetworkPolicies are inserted at this order (conversion.go). */
export const K8S_POLICY_ORDER = 1000;

export interface K8sConversionOptions {
  /** Name the result `knp.default.<name>` as Calico up to v3.31 (and kube-controllers in etcd mode) did. */
  readonly legacyName?: boolean;
}

export interface K8sConversion {
  readonly policy: NetworkPolicy;
  /**
   * The identity Calico v3.32 gives the converted policy: kind `KubernetesNetworkPolicy` (not NetworkPolicy), so it
   * neither collides with a Calico NetworkPolicy of the same name nor sorts like one in the `name/namespace/kind`
   * tie-break (docs/calico-semantics.md §2, §3).
   */
  readonly key: { readonly kind: "KubernetesNetworkPolicy"; readonly name: string; readonly namespace?: string };
  /** Rules that could not be converted; Calico drops them and so does the result. */
  readonly errors: readonly FieldError[];
}

interface ProtocolPorts {
  readonly protocol: string | undefined;
  readonly ports: Port[] | undefined;
}

/** Groups a rule's ports by protocol (TCP when unset); undefined ports means all ports. */
function protocolPorts(ports: readonly NetworkPolicyPort[]): ProtocolPorts[] | string {
  if (ports.length === 0) return [{ protocol: undefined, ports: undefined }];
  const byProtocol = new Map<string, Port[] | undefined>();
  for (const p of ports) {
    // TCP is the implicit default; Calico's ProtocolFromString folds case (TCP, UDP and SCTP are all upper case).
    const protocol = (p.protocol ?? "TCP").toUpperCase();
    if (p.port == null) {
      byProtocol.set(protocol, undefined);
      continue;
    }
    const text = p.endPort == null ? String(p.port) : `${String(p.port)}:${p.endPort}`;
    const parsed = parsePort(text);
    if (typeof parsed === "string") return `invalid port ${JSON.stringify(text)}: ${parsed}`;
    const value: Port =
      parsed.kind === "name" ? parsed.name : parsed.min === parsed.max ? parsed.min : `${parsed.min}:${parsed.max}`;
    const existing = byProtocol.get(protocol);
    if (!byProtocol.has(protocol)) byProtocol.set(protocol, [value]);
    else if (existing !== undefined) existing.push(value);
  }
  return [...byProtocol.keys()].sort().map((protocol) => {
    const list = byProtocol.get(protocol);
    return { protocol, ports: list === undefined ? undefined : simplifyPorts(list) };
  });
}

function peerFields(peer: NetworkPolicyPeer | undefined): EntityRule {
  if (peer === undefined) return {};
  if (peer.ipBlock != null) {
    const cidr = parseCidr(peer.ipBlock.cidr);
    if (cidr === undefined) return {};
    const notNets: string[] = [];
    for (const e of peer.ipBlock.except ?? []) {
      const c = parseCidr(e);
      if (c === undefined) return { nets: [formatNetwork(cidr)] };
      notNets.push(formatNetwork(c));
    }
    return notNets.length > 0 ? { nets: [formatNetwork(cidr)], notNets } : { nets: [formatNetwork(cidr)] };
  }
  const out: EntityRule = { selector: k8sSelectorToCalico(peer.podSelector, "pod") };
  const ns = k8sSelectorToCalico(peer.namespaceSelector, "namespace");
  if (ns !== "") out.namespaceSelector = ns;
  return out;
}

function withPorts(side: EntityRule, ports: Port[] | undefined): EntityRule {
  return ports === undefined || ports.length === 0 ? side : { ...side, ports };
}

function convertRule(
  peers: readonly NetworkPolicyPeer[],
  ports: readonly NetworkPolicyPort[],
  ingress: boolean,
): Rule[] | string {
  const groups = protocolPorts(ports);
  if (typeof groups === "string") return groups;
  const peerList: (NetworkPolicyPeer | undefined)[] = peers.length === 0 ? [undefined] : [...peers];
  const rules: Rule[] = [];
  for (const { protocol, ports: groupPorts } of groups) {
    for (const peer of peerList) {
      const fields = peerFields(peer);
      const rule: Rule = { action: "Allow" };
      if (protocol !== undefined) rule.protocol = protocol;
      if (ingress) {
        if (Object.keys(fields).length > 0) rule.source = fields;
        const destination = withPorts({}, groupPorts);
        if (Object.keys(destination).length > 0) rule.destination = destination;
      } else {
        const destination = withPorts(fields, groupPorts);
        if (Object.keys(destination).length > 0) rule.destination = destination;
      }
      rules.push(rule);
    }
  }
  return rules;
}

export function k8sNetworkPolicyToCalico(
  np: KubernetesNetworkPolicy,
  options: K8sConversionOptions = {},
): K8sConversion {
  const spec = np.spec ?? {};
  const errors: FieldError[] = [];
  const ingress: Rule[] = [];
  const egress: Rule[] = [];
  (spec.ingress ?? []).forEach((r, i) => {
    const rules = convertRule(r.from ?? [], r.ports ?? [], true);
    if (typeof rules === "string") errors.push({ path: `spec.ingress[${i}]`, message: `rule dropped: ${rules}` });
    else ingress.push(...rules);
  });
  (spec.egress ?? []).forEach((r, i) => {
    const rules = convertRule(r.to ?? [], r.ports ?? [], false);
    if (typeof rules === "string") errors.push({ path: `spec.egress[${i}]`, message: `rule dropped: ${rules}` });
    else egress.push(...rules);
  });
  const declared = spec.policyTypes ?? [];
  const types: ("Ingress" | "Egress")[] = [];
  if (declared.includes("Ingress")) types.push("Ingress");
  if (declared.includes("Egress")) types.push("Egress");
  if (types.length === 0) types.push("Ingress");
  const name = np.metadata.name ?? "";
  const metadata: NetworkPolicy["metadata"] = { name: options.legacyName === true ? `knp.default.${name}` : name };
  for (const key of ["namespace", "uid", "resourceVersion", "creationTimestamp"] as const) {
    const value = np.metadata[key];
    if (value != null) Object.assign(metadata, { [key]: value });
  }
  const policySpec: NetworkPolicy["spec"] = {
    order: K8S_POLICY_ORDER,
    selector: k8sSelectorToCalico(spec.podSelector ?? {}, "pod"),
    types,
  };
  if (ingress.length > 0) policySpec.ingress = ingress;
  if (egress.length > 0) policySpec.egress = egress;
  const key =
    np.metadata.namespace == null
      ? { kind: "KubernetesNetworkPolicy" as const, name: metadata.name ?? "" }
      : { kind: "KubernetesNetworkPolicy" as const, name: metadata.name ?? "", namespace: np.metadata.namespace };
  return {
    policy: { apiVersion: "projectcalico.org/v3", kind: "NetworkPolicy", metadata, spec: policySpec },
    key,
    errors,
  };
}
