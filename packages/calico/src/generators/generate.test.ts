import { describe, expect, it } from "vitest";
import { POLICY_KINDS } from "../model/kinds";
import type { KubernetesNetworkPolicy } from "../model/resources";
import { loadYaml } from "../yaml/load";
import { denyNodePorts } from "./deny-nodeports";
import { isLoggableKind, logDeniedPackets } from "./log-denied-packets";
import { preDnatAllowlist } from "./prednat-allowlist";

/** IBM Cloud docs' YAML, verbatim but for the placeholders, which the allowlist test fills in. */
const one = (yaml: string): unknown => {
  const { resources, errors } = loadYaml(yaml);
  expect(errors).toEqual([]);
  return resources[0]?.value;
};

const IBM_DENY_NODEPORTS = `
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: deny-nodeports
spec:
  applyOnForward: true
  preDNAT: true
  ingress:
  - action: Deny
    destination:
      ports:
      - 30000:32767
    protocol: TCP
    source: {}
  - action: Deny
    destination:
      ports:
      - 30000:32767
    protocol: UDP
    source: {}
  selector: ibm.role=='worker_public'
  order: 1100
  types:
  - Ingress
`;

const IBM_ALLOWLIST = `
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: allowlist
spec:
  applyOnForward: true
  preDNAT: true
  ingress:
  - action: Allow
    destination:
      nets:
      - 169.61.23.4/32
      ports:
      - 80
    protocol: TCP
    source:
      nets:
      - 1.1.1.1/32
  selector: ibm.role=='worker_public'
  order: 500
  types:
  - Ingress
`;

const IBM_ACCESS_NGINX = `
kind: NetworkPolicy
apiVersion: networking.k8s.io/v1
metadata:
  name: access-nginx
spec:
  podSelector:
    matchLabels:
      run: nginx
  ingress:
    - from:
      - podSelector:
          matchLabels:
            run: access
`;

const IBM_LOG_DENIED_PACKETS = `
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: log-denied-packets
spec:
  types:
  - Ingress
  ingress:
  - action: Log
    destination: {}
    source: {}
  selector: projectcalico.org/orchestrator == 'k8s' && run == 'nginx'
  order: 3000
`;

describe("denyNodePorts", () => {
  it("reproduces IBM's deny-nodeports from its defaults, valid, with a warning", () => {
    const g = denyNodePorts();
    expect(g.policy).toEqual(one(IBM_DENY_NODEPORTS));
    expect(g.errors).toEqual([]);
    expect(g.warnings.map((w) => w.message).join(" ")).toContain("NodePort");
  });

  it("takes parameters: interfaces, ports, protocols, order and name", () => {
    const g = denyNodePorts({
      name: "deny-np-both",
      order: 1200,
      interfaces: ["public", "private"],
      ports: ["30000:31000", 32000],
      protocols: ["TCP"],
    });
    expect(g.errors).toEqual([]);
    expect(g.policy.metadata.name).toBe("deny-np-both");
    expect(g.policy.spec).toMatchObject({
      order: 1200,
      selector: "ibm.role in { 'worker_public', 'worker_private' }",
      ingress: [{ action: "Deny", protocol: "TCP", destination: { ports: ["30000:31000", 32000] }, source: {} }],
    });
  });

  it("reports bad parameters as validation errors with paths", () => {
    expect(denyNodePorts({ ports: ["32767:30000"] }).errors).toContainEqual(
      expect.objectContaining({ path: "spec.ingress[0].destination.ports[0]" }),
    );
  });
});

describe("preDnatAllowlist", () => {
  it("reproduces IBM's allowlist for the tutorial's inputs", () => {
    const g = preDnatAllowlist({ sourceCidrs: ["1.1.1.1"], destinationIps: ["169.61.23.4"], ports: [80] });
    expect(g.policy).toEqual(one(IBM_ALLOWLIST));
    expect(g.errors).toEqual([]);
    expect(g.warnings.map((w) => w.message).join(" ")).toContain("only allows");
  });

  it("keeps CIDRs, writes IPv6 hosts as /128 and reports invalid addresses", () => {
    const g = preDnatAllowlist({
      sourceCidrs: ["203.0.113.0/24", "2001:db8::1"],
      destinationIps: ["10.0.0.5"],
      ports: [443],
      protocol: "TCP",
      interfaces: ["private"],
    });
    expect(g.policy.spec.ingress?.[0]?.source?.nets).toEqual(["203.0.113.0/24", "2001:db8::1/128"]);
    expect(g.policy.spec.selector).toBe("ibm.role=='worker_private'");
    expect(g.errors).toContainEqual(expect.objectContaining({ message: expect.stringContaining("mix IPv4 and IPv6") }));
    expect(
      preDnatAllowlist({ sourceCidrs: ["nope"], destinationIps: ["10.0.0.5"], ports: [80] }).errors,
    ).toContainEqual(expect.objectContaining({ path: "spec.ingress[0].source.nets[0]" }));
  });
});

describe("logDeniedPackets", () => {
  it("follows only enforced Calico and Kubernetes policies, not staged or admin kinds", () => {
    expect(POLICY_KINDS.filter(isLoggableKind)).toEqual([
      "GlobalNetworkPolicy",
      "NetworkPolicy",
      "KubernetesNetworkPolicy",
    ]);
    expect(isLoggableKind("AdminNetworkPolicy")).toBe(false);
    expect(isLoggableKind("StagedGlobalNetworkPolicy")).toBe(false);
  });

  it("reproduces IBM's log-denied-packets for its access-nginx Kubernetes policy", () => {
    const g = logDeniedPackets(one(IBM_ACCESS_NGINX) as KubernetesNetworkPolicy);
    expect(g.policy).toEqual(one(IBM_LOG_DENIED_PACKETS));
    expect(g.errors).toEqual([]);
    expect(g.warnings[0]).toEqual({ path: "spec", message: expect.stringContaining("default deny") });
  });

  it("follows a global policy with the same selector and kind, after its order", () => {
    const target = denyNodePorts({ order: 4000 }).policy;
    const g = logDeniedPackets(target);
    expect(g.policy).toMatchObject({
      kind: "GlobalNetworkPolicy",
      spec: { selector: "ibm.role=='worker_public'", order: 4001 },
    });
    expect(g.errors).toEqual([]);
  });

  it("warns when the chosen order is not after the policy, or the policy has none", () => {
    const target = denyNodePorts().policy;
    expect(logDeniedPackets(target, { order: 1000 }).warnings).toContainEqual({
      path: "spec.order",
      message: expect.stringContaining("not after"),
    });
    const unordered = { ...target, spec: { ...target.spec, order: undefined } };
    expect(logDeniedPackets(unordered).warnings).toContainEqual({
      path: "spec.order",
      message: expect.stringContaining("has no order"),
    });
  });
});
