/**
 * Differential test: packages/calico's conversion of AdminNetworkPolicies and the BaselineAdminNetworkPolicy against
 * Calico's own (libcalico-go `conversion`, v3.31.0, through the oracle's `convertAdmin`). The GlobalNetworkPolicy
 * must be the same, field for field, and both must agree on whether some rule failed to convert.
 * (ClusterNetworkPolicy is v3.32's, newer than the oracle's module: its conversion is held to the Go code by the
 * unit tests only.)
 */
import { describe, expect, it } from "vitest";
import { adminPolicyToCalico } from "../src/index";
import type { JsonObject, JsonValue } from "./client";
import { useOracle } from "./use-oracle";

const oracle = useOracle();

/** Go's JSON of an apiv3 object: empty source/destination structs and the zero creationTimestamp are noise. */
function normalize(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(normalize);
  if (value === null || typeof value !== "object") return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null) continue;
    const n = normalize(v);
    if (typeof n === "object" && n !== null && !Array.isArray(n) && Object.keys(n).length === 0) continue;
    out[k] = n;
  }
  return out;
}

const db = { namespaceSelector: { matchLabels: { team: "data" } }, podSelector: { matchLabels: { app: "db" } } };
const expr: JsonObject = {
  matchExpressions: [
    { key: "env", operator: "In", values: ["dev", "test"] },
    { key: "pci", operator: "Exists" },
  ],
};

const ANPS: { readonly title: string; readonly kind: string; readonly spec: JsonObject; readonly name?: string }[] = [
  {
    title: "namespace subject, one Deny rule",
    kind: "AdminNetworkPolicy",
    spec: {
      priority: 10,
      subject: { namespaces: { matchLabels: { env: "prod" } } },
      ingress: [{ name: "no-dev", action: "Deny", from: [{ namespaces: expr }] }],
    },
  },
  {
    title: "pod subject, ports across protocols and peers",
    kind: "AdminNetworkPolicy",
    spec: {
      priority: 0,
      subject: { pods: db },
      ingress: [
        {
          action: "Pass",
          from: [{ namespaces: {} }, { pods: db }],
          ports: [
            { portNumber: { port: 5432, protocol: "TCP" } },
            { portRange: { start: 5433, end: 5440, protocol: "TCP" } },
            { portNumber: { port: 53, protocol: "UDP" } },
            { portRange: { start: 9000, end: 9100, protocol: "SCTP" } },
          ],
        },
      ],
    },
  },
  {
    title: "egress to networks, pods and namespaces, with a named port and an unsupported nodes peer",
    kind: "AdminNetworkPolicy",
    spec: {
      priority: 1000,
      subject: { namespaces: {} },
      egress: [
        { name: "cidrs", action: "Allow", to: [{ networks: ["10.1.2.3/8", "192.168.0.0/16", "fd00::1/8"] }] },
        { action: "Deny", to: [{ nodes: { matchLabels: { role: "master" } } }] },
        { action: "Allow", to: [{ nodes: {} }] },
        {
          action: "Pass",
          to: [{ pods: db }, { namespaces: expr }],
          ports: [{ namedPort: "http" }, { portNumber: { port: 443, protocol: "TCP" } }],
        },
        {
          action: "Deny",
          to: [{ namespaces: {} }],
          ports: [{ portNumber: { port: 80, protocol: "TCP" } }, { namedPort: "web" }],
        },
      ],
    },
  },
  {
    title: "no rules at all",
    kind: "AdminNetworkPolicy",
    spec: { priority: 5, subject: { namespaces: { matchLabels: { a: "b" } } } },
  },
  {
    title: "the baseline policy with both directions",
    kind: "BaselineAdminNetworkPolicy",
    name: "default",
    spec: {
      subject: { namespaces: {} },
      ingress: [
        { action: "Deny", from: [{ namespaces: {} }] },
        { name: "dns", action: "Allow", from: [{ pods: db }], ports: [{ portNumber: { port: 53, protocol: "UDP" } }] },
      ],
      egress: [
        { action: "Allow", to: [{ networks: ["0.0.0.0/0"] }] },
        { action: "Deny", to: [{ nodes: {} }] },
      ],
    },
  },
];

describe("AdminNetworkPolicy conversion against Calico's (oracle)", () => {
  for (const c of ANPS) {
    it(`${c.kind}: ${c.title}`, async () => {
      const metadata = { name: c.name ?? "guard" };
      const object = { apiVersion: "policy.networking.k8s.io/v1alpha1", kind: c.kind, metadata, spec: c.spec };
      const theirs = await oracle().convertAdmin(object);
      const ours = adminPolicyToCalico(c.kind as "AdminNetworkPolicy", { metadata, spec: c.spec });
      const converted = theirs.converted as { metadata: JsonObject; spec: JsonObject };
      expect(ours.policy?.metadata.name).toBe(converted.metadata.name);
      expect(normalize(ours.policy?.spec as JsonValue)).toEqual(normalize(converted.spec));
      expect(ours.errors.length > 0, `ours: ${JSON.stringify(ours.errors)} theirs: ${theirs.error ?? ""}`).toBe(
        theirs.error !== undefined,
      );
    });
  }
});
