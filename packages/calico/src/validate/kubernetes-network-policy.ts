/**
 * Kubernetes `networking.k8s.io/v1` NetworkPolicy spec checks, as the API server's `ValidateNetworkPolicySpec` does
 * them; Calico's conversion (docs/calico-semantics.md §2, §3) relies on them holding.
 */
import type { Context } from "./context";
import { childPath, indexPath, isRecord, listOf, stringOf } from "./issues";
import { labelValueProblems, portNameProblems, qualifiedNameProblems } from "./names";
import { cidrContains, parseCidr } from "./net";

const OPERATORS = ["In", "NotIn", "Exists", "DoesNotExist"];
const PROTOCOLS = ["TCP", "UDP", "SCTP"];

export function validateLabelSelector(selector: unknown, path: string, ctx: Context): void {
  if (!isRecord(selector)) return;
  if (isRecord(selector.matchLabels)) {
    for (const [key, value] of Object.entries(selector.matchLabels)) {
      const at = childPath(childPath(path, "matchLabels"), key);
      for (const p of qualifiedNameProblems(key)) ctx.issues.add(at, `label key "${key}": ${p}`);
      if (typeof value === "string") for (const p of labelValueProblems(value)) ctx.issues.add(at, p);
    }
  }
  listOf(selector.matchExpressions).forEach((e, i) => {
    if (!isRecord(e)) return;
    const at = indexPath(childPath(path, "matchExpressions"), i);
    const key = stringOf(e.key);
    for (const p of qualifiedNameProblems(key)) ctx.issues.add(childPath(at, "key"), `label key "${key}": ${p}`);
    const values = listOf(e.values);
    const operator = stringOf(e.operator);
    if (!OPERATORS.includes(operator)) {
      ctx.issues.add(childPath(at, "operator"), `operator "${operator}" is invalid; use ${OPERATORS.join(", ")}`);
    } else if ((operator === "In" || operator === "NotIn") && values.length === 0) {
      ctx.issues.add(childPath(at, "values"), `operator ${operator} needs at least one value`);
    } else if ((operator === "Exists" || operator === "DoesNotExist") && values.length > 0) {
      ctx.issues.add(childPath(at, "values"), `operator ${operator} takes no values; remove them`);
    }
    values.forEach((v, j) => {
      if (typeof v === "string")
        for (const p of labelValueProblems(v)) ctx.issues.add(indexPath(childPath(at, "values"), j), p);
    });
  });
}

function validatePort(port: unknown, path: string, ctx: Context): void {
  if (!isRecord(port)) return;
  const protocol = port.protocol;
  if (protocol != null && !PROTOCOLS.includes(stringOf(protocol))) {
    ctx.issues.add(
      childPath(path, "protocol"),
      `protocol ${JSON.stringify(protocol)} is invalid; use TCP, UDP or SCTP`,
    );
  }
  const p = port.port;
  if (typeof p === "number" && (p < 1 || p > 65535))
    ctx.issues.add(childPath(path, "port"), "port must be between 1 and 65535");
  if (typeof p === "string") {
    const problem = portNameProblems(p);
    if (problem !== undefined) ctx.issues.add(childPath(path, "port"), problem);
  }
  const endPort = port.endPort;
  if (endPort == null) return;
  if (p == null) ctx.issues.add(childPath(path, "endPort"), "endPort needs a numeric port as the start of the range");
  else if (typeof p !== "number")
    ctx.issues.add(childPath(path, "endPort"), "endPort cannot be used with a named port");
  else if (typeof endPort === "number" && (endPort < p || endPort > 65535)) {
    ctx.issues.add(childPath(path, "endPort"), `endPort must be between port (${p}) and 65535`);
  }
}

function validatePeer(peer: unknown, path: string, ctx: Context): void {
  if (!isRecord(peer)) return;
  const selectors = peer.podSelector != null || peer.namespaceSelector != null;
  if (peer.ipBlock == null && !selectors) {
    ctx.issues.add(path, "a peer needs podSelector, namespaceSelector or ipBlock");
  }
  validateLabelSelector(peer.podSelector, childPath(path, "podSelector"), ctx);
  validateLabelSelector(peer.namespaceSelector, childPath(path, "namespaceSelector"), ctx);
  if (!isRecord(peer.ipBlock)) return;
  const at = childPath(path, "ipBlock");
  if (selectors) ctx.issues.add(at, "ipBlock cannot be combined with podSelector or namespaceSelector in one peer");
  const cidrText = stringOf(peer.ipBlock.cidr);
  const cidr = parseCidr(cidrText);
  if (cidr === undefined) ctx.issues.add(childPath(at, "cidr"), `"${cidrText}" is not a valid CIDR such as 10.0.0.0/8`);
  listOf(peer.ipBlock.except).forEach((e, i) => {
    const eAt = indexPath(childPath(at, "except"), i);
    const except = typeof e === "string" ? parseCidr(e) : undefined;
    if (except === undefined) ctx.issues.add(eAt, `${JSON.stringify(e)} is not a valid CIDR`);
    else if (cidr !== undefined && (!cidrContains(cidr, except) || except.prefix <= cidr.prefix)) {
      ctx.issues.add(eAt, `"${String(e)}" must lie strictly inside ${cidrText}`);
    }
  });
}

/** Validates `spec` at path `spec` (also the spec of a StagedKubernetesNetworkPolicy). */
export function validateK8sNetworkPolicySpec(spec: unknown, ctx: Context): void {
  if (!isRecord(spec)) return;
  validateLabelSelector(spec.podSelector, "spec.podSelector", ctx);
  for (const [list, peers] of [
    ["ingress", "from"],
    ["egress", "to"],
  ] as const) {
    listOf(spec[list]).forEach((rule, i) => {
      const at = indexPath(`spec.${list}`, i);
      if (!isRecord(rule)) return;
      listOf(rule.ports).forEach((p, j) => {
        validatePort(p, indexPath(childPath(at, "ports"), j), ctx);
      });
      listOf(rule[peers]).forEach((p, j) => {
        validatePeer(p, indexPath(childPath(at, peers), j), ctx);
      });
    });
  }
  listOf(spec.policyTypes).forEach((t, i) => {
    if (t !== "Ingress" && t !== "Egress") {
      ctx.issues.add(
        indexPath("spec.policyTypes", i),
        `policy type ${JSON.stringify(t)} is invalid; use Ingress or Egress`,
      );
    }
  });
}
