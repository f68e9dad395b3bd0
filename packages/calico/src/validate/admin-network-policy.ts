/**
 * AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy checks beyond the schema: the CRDs' rules
 * that the schema walk does not apply (exactly one field per subject, peer and port; CIDRs; the baseline policy's
 * single name) and, as warnings, what Calico's conversion does not support (docs/calico-semantics.md §8).
 */
import { BASELINE_ADMIN_POLICY_NAME } from "../model/admin-network-policy";
import type { AdminPolicyKind } from "../model/kinds";
import type { Context } from "./context";
import { childPath, type Issues, indexPath, isRecord, listOf, stringOf } from "./issues";
import { validateLabelSelector } from "./kubernetes-network-policy";
import { parseCidr } from "./net";

const PROTOCOLS = ["TCP", "UDP", "SCTP"];

function exactlyOne(value: Record<string, unknown>, fields: readonly string[], path: string, ctx: Context): void {
  const set = Object.keys(value).filter((k) => value[k] != null);
  if (set.length !== 1) {
    const what = set.length === 0 ? "none is set" : `${set.join(" and ")} are set`;
    ctx.issues.add(path, `exactly one of ${fields.join(", ")} must be set; ${what}`);
  }
}

function validatePods(pods: unknown, path: string, ctx: Context): void {
  if (!isRecord(pods)) return;
  validateLabelSelector(pods.namespaceSelector, childPath(path, "namespaceSelector"), ctx);
  validateLabelSelector(pods.podSelector, childPath(path, "podSelector"), ctx);
}

function validatePeer(peer: unknown, path: string, fields: readonly string[], ctx: Context, warnings: Issues): void {
  if (!isRecord(peer)) return;
  exactlyOne(peer, fields, path, ctx);
  validateLabelSelector(peer.namespaces, childPath(path, "namespaces"), ctx);
  validatePods(peer.pods, childPath(path, "pods"), ctx);
  if (peer.nodes != null) {
    warnings.add(
      childPath(path, "nodes"),
      "Calico does not support nodes peers: it drops an Allow rule with one, and turns a Deny or Pass rule into a Deny of all traffic",
    );
  }
  listOf(peer.networks).forEach((n, i) => {
    const text = stringOf(n);
    if (parseCidr(text) === undefined) {
      ctx.issues.add(indexPath(childPath(path, "networks"), i), `"${text}" is not a valid CIDR such as 10.0.0.0/8`);
    }
  });
}

function validateRange(range: unknown, path: string, strict: boolean, ctx: Context): void {
  if (!isRecord(range) || typeof range.start !== "number" || typeof range.end !== "number") return;
  if (strict ? range.start >= range.end : range.start > range.end) {
    ctx.issues.add(path, `start (${range.start}) must be ${strict ? "less than" : "at most"} end (${range.end})`);
  }
}

function validateAdminPort(port: unknown, path: string, ctx: Context, warnings: Issues): void {
  if (!isRecord(port)) return;
  exactlyOne(port, ["portNumber", "portRange", "namedPort"], path, ctx);
  for (const key of ["portNumber", "portRange"] as const) {
    const p = port[key];
    if (!isRecord(p) || p.protocol == null) continue;
    if (!PROTOCOLS.includes(stringOf(p.protocol))) {
      ctx.issues.add(
        childPath(childPath(path, key), "protocol"),
        `protocol ${JSON.stringify(p.protocol)} is invalid; use TCP, UDP or SCTP`,
      );
    }
  }
  validateRange(port.portRange, childPath(path, "portRange"), false, ctx);
  if (port.namedPort != null) {
    warnings.add(
      childPath(path, "namedPort"),
      "Calico 3.31 does not support named ports here: the rule matches every port and protocol",
    );
  }
}

function validateClusterProtocol(protocol: unknown, path: string, ctx: Context): void {
  if (!isRecord(protocol)) return;
  exactlyOne(protocol, ["tcp", "udp", "sctp", "destinationNamedPort"], path, ctx);
  for (const key of ["tcp", "udp", "sctp"] as const) {
    const p = protocol[key];
    if (!isRecord(p) || !isRecord(p.destinationPort)) continue;
    const at = childPath(childPath(path, key), "destinationPort");
    exactlyOne(p.destinationPort, ["number", "range"], at, ctx);
    validateRange(p.destinationPort.range, childPath(at, "range"), true, ctx);
  }
}

/** Validates the spec (at `spec`) and name of an admin policy of `kind`; Calico's limits become warnings. */
export function validateAdminPolicy(
  kind: AdminPolicyKind,
  obj: Record<string, unknown>,
  ctx: Context,
  warnings: Issues,
): void {
  if (kind === "BaselineAdminNetworkPolicy") {
    const name = isRecord(obj.metadata) ? obj.metadata.name : undefined;
    if (name !== undefined && name !== BASELINE_ADMIN_POLICY_NAME) {
      ctx.issues.add(
        "metadata.name",
        `only one BaselineAdminNetworkPolicy can exist, and it must be named "${BASELINE_ADMIN_POLICY_NAME}"`,
      );
    }
  }
  const spec = obj.spec;
  if (!isRecord(spec)) return;
  const cluster = kind === "ClusterNetworkPolicy";
  if (isRecord(spec.subject)) {
    exactlyOne(spec.subject, ["namespaces", "pods"], "spec.subject", ctx);
    validateLabelSelector(spec.subject.namespaces, "spec.subject.namespaces", ctx);
    validatePods(spec.subject.pods, "spec.subject.pods", ctx);
  }
  for (const [list, peers, fields] of [
    ["ingress", "from", ["namespaces", "pods"]],
    ["egress", "to", cluster ? ["namespaces", "pods", "networks"] : ["namespaces", "pods", "networks", "nodes"]],
  ] as const) {
    listOf(spec[list]).forEach((rule, i) => {
      const at = indexPath(`spec.${list}`, i);
      if (!isRecord(rule)) return;
      listOf(rule[peers]).forEach((p, j) => {
        validatePeer(p, indexPath(childPath(at, peers), j), fields, ctx, warnings);
      });
      if (cluster) {
        listOf(rule.protocols).forEach((p, j) => {
          validateClusterProtocol(p, indexPath(childPath(at, "protocols"), j), ctx);
        });
        return;
      }
      listOf(rule.ports).forEach((p, j) => {
        validateAdminPort(p, indexPath(childPath(at, "ports"), j), ctx, warnings);
      });
      // The CRD's CEL rule: a named port cannot be combined with networks or nodes peers.
      const toHost = listOf(rule.to).some((p) => isRecord(p) && (p.networks != null || p.nodes != null));
      const named = listOf(rule.ports).some((p) => isRecord(p) && p.namedPort != null);
      if (list === "egress" && toHost && named) {
        ctx.issues.add(at, "networks and nodes peers cannot be combined with a namedPort");
      }
    });
  }
}
