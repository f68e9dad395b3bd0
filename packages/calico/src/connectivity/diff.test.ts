import { describe, expect, it } from "vitest";
import { policyKey } from "../endpoints/compiled-policy";
import { hostEndpoint, workloadEndpointFromPod } from "../endpoints/endpoint";
import type { PolicyLike } from "../endpoints/inputs";
import type { MatchIndex } from "../endpoints/match-index";
import { explain } from "../explain/explain";
import { gnp, indexWith, np } from "../explain/testing";
import { type ConnectivityChange, type ConnectivityPhase, connectivityDiff, connectivityDiffSteps } from "./diff";

/** Two nodes; web pods on both, an api pod and a db pod; no policy yet (the namespace profile allows). */
function shop(withHosts = false): MatchIndex {
  return indexWith((idx) => {
    idx.upsertNamespace({ metadata: { name: "shop" } });
    if (withHosts) {
      for (const [node, ip] of [
        ["n1", "10.0.0.1"],
        ["n2", "10.0.0.2"],
      ] as const) {
        idx.upsertEndpoint(
          hostEndpoint({
            metadata: { name: `${node}-public`, labels: { "ibm.role": "worker_public" } },
            spec: { node, interfaceName: "*", expectedIPs: [ip], profiles: ["projectcalico-default-allow"] },
          }),
        );
      }
    }
    const pod = (name: string, node: string, ip: string) =>
      idx.upsertEndpoint(
        workloadEndpointFromPod({
          metadata: { name, namespace: "shop", labels: { app: name.replace(/-\d$/, ""), "pod-template-hash": name } },
          spec: { nodeName: node, containers: [{ ports: [{ name: "pg", containerPort: 5432 }] }] },
          status: { podIPs: [{ ip }] },
        }),
      );
    pod("web-1", "n1", "172.16.1.5");
    pod("web-2", "n2", "172.16.2.5");
    pod("api-1", "n1", "172.16.1.9");
    pod("db-1", "n2", "172.16.2.9");
  }, []);
}

/** The index as it is, and with `policies` applied for the while (as the BFF's what-if does). */
function phases(
  idx: MatchIndex,
  policies: readonly PolicyLike[],
): { before: ConnectivityPhase; after: ConnectivityPhase } {
  return {
    before: (fn) => fn({ index: idx, options: {} }),
    after: (fn) => {
      for (const p of policies) idx.upsertPolicy(p);
      try {
        return fn({ index: idx, options: {} });
      } finally {
        for (const p of policies) idx.removePolicy(policyKey(p));
      }
    },
  };
}

const line = (c: ConnectivityChange) =>
  `${c.from.description} -> ${c.to.description} ${c.protocol} ${c.ports}: ${c.before} -> ${c.after}`;

describe("the connectivity diff of a proposed change", () => {
  const dbOnlyFromApi = np("db-from-api", {
    selector: "app == 'db'",
    types: ["Ingress"],
    ingress: [
      { action: "Allow", protocol: "TCP", source: { selector: "app == 'api'" }, destination: { ports: ["pg"] } },
    ],
  });

  it("lists who loses the database, grouping the pods no rule tells apart and merging port ranges", () => {
    const idx = shop();
    const diff = connectivityDiff({
      ...phases(idx, [dbOnlyFromApi]),
      policies: [policyKey(dbOnlyFromApi)],
      endpoints: [],
    });
    expect(diff.complete).toBe(true);
    expect(diff.touched).toBe(1);
    const lines = diff.changes.map(line).sort();
    // As sources the web pods and the db pod are alike: no rule on the path tells them apart.
    expect(lines).toContain("pods in shop -> pod in shop with app=db any all: allow -> deny");
    expect(lines).toContain(
      "pod in shop with app=api -> pod in shop with app=db TCP 1-5431, 5433-65535: allow -> deny",
    );
    expect(lines).toContain("pod in shop with app=api -> pod in shop with app=db UDP all: allow -> deny");
    expect(lines).toContain("pod in shop with app=api -> pod in shop with app=db other : allow -> deny");
    expect(lines).toContain("any address -> pod in shop with app=db any all: allow -> deny");
    // The api keeps its port; nobody's egress changes.
    expect(lines.filter((l) => l.startsWith("pod in shop with app=api") && l.includes(" TCP 5432"))).toEqual([]);
    expect(diff.changes.filter((c) => c.from.kind === "endpoints" && c.from.description.includes("app=db"))).toEqual(
      [],
    );
    const others = diff.changes.find((c) => c.from.description === "pods in shop");
    expect(others?.from).toMatchObject({ kind: "endpoints", count: 3 });
    expect(others?.pairs).toBe(2);
  });

  it("each change's example packet, walked by explain, gives the verdicts it reports", () => {
    const idx = shop();
    const { before, after } = phases(idx, [dbOnlyFromApi]);
    const diff = connectivityDiff({ before, after, policies: [policyKey(dbOnlyFromApi)], endpoints: [] });
    expect(diff.changes.length).toBeGreaterThan(0);
    for (const c of diff.changes) {
      const q = { ...c.example, peer: { ...c.example.peer } };
      const verdict = (phase: ConnectivityPhase) =>
        phase((m) => {
          const r = explain(m.index, q, m.options);
          return r.ok ? r.value.verdict : r.error.message;
        });
      expect([verdict(before), verdict(after)], line(c)).toEqual([c.before, c.after]);
    }
  });

  it("says nothing changes for a policy that allows what was already allowed", () => {
    const idx = shop();
    const allowAll = np("allow-all", { selector: "all()", types: ["Ingress"], ingress: [{ action: "Allow" }] });
    const diff = connectivityDiff({ ...phases(idx, [allowAll]), policies: [policyKey(allowAll)], endpoints: [] });
    expect(diff.touched).toBe(4);
    expect(diff.changes).toEqual([]);
  });

  it("a host endpoint policy touches the pods on its nodes: egress to the internet but for the nets it allows", () => {
    const idx = shop(true);
    const denyOut = gnp("deny-outbound-public", {
      selector: "ibm.role == 'worker_public'",
      applyOnForward: true,
      order: 1800,
      types: ["Egress"],
      egress: [{ action: "Allow", destination: { nets: ["161.26.0.0/16"] } }, { action: "Deny" }],
    });
    const diff = connectivityDiff({ ...phases(idx, [denyOut]), policies: [policyKey(denyOut)], endpoints: [] });
    const lines = diff.changes.map(line);
    // No selector tells the pods apart, so they are one group; the nets cut the address line in three.
    expect(lines).toContain(
      "pods in shop -> 0.0.0.0-161.25.255.255, 161.27.0.0-255.255.255.255 any all: allow -> deny",
    );
    // The hosts' own traffic keeps Felix's outbound failsafe ports (udp 53, 67; tcp 179, 2379, ...).
    const outside = "host endpoints with ibm.role=worker_public -> 0.0.0.0-161.25.255.255, 161.27.0.0-255.255.255.255";
    expect(lines).toContain(
      `${outside} TCP 1-178, 180-2378, 2381-5472, 5474-6442, 6444-6665, 6668-65535: allow -> deny`,
    );
    expect(lines).toContain(`${outside} UDP 1-52, 54-66, 68-65535: allow -> deny`);
    expect(lines.some((l) => l.includes("161.26.0.0"))).toBe(false);
    expect(diff.changes.find((c) => c.from.description === "pods in shop")?.from).toMatchObject({ count: 4 });
  });

  it("yields while reading, grouping, planning and summing up, not only between walks", () => {
    const idx = shop(true);
    const { before, after } = phases(idx, [dbOnlyFromApi]);
    let calls = 0;
    const counted =
      (phase: ConnectivityPhase): ConnectivityPhase =>
      (fn) => {
        calls++;
        return phase(fn);
      };
    // Slices of 0 ms: a yield after every unit of work.
    const steps = connectivityDiffSteps(
      { before: counted(before), after: counted(after), policies: [policyKey(dbOnlyFromApi)], endpoints: [] },
      0,
    );
    let apart = 0;
    let seen = calls;
    let step = steps.next();
    for (; step.done !== true; step = steps.next()) {
      // A yield with no call of a phase since the last one is one within the work between phases.
      if (calls === seen) apart++;
      seen = calls;
    }
    expect(step.value.changes.length).toBeGreaterThan(0);
    // Each phase is read an endpoint (or policy) per call: 6 endpoints and 1 policy in the after phase.
    expect(calls).toBeGreaterThanOrEqual(2 * 6 + 1);
    // Grouping alone visits each of the 6 endpoints as a source and as a destination.
    expect(apart).toBeGreaterThanOrEqual(2 * 6);
  });

  it("stops at the probe budget and says the list may be incomplete", () => {
    const idx = shop();
    const diff = connectivityDiff({
      ...phases(idx, [dbOnlyFromApi]),
      policies: [policyKey(dbOnlyFromApi)],
      endpoints: [],
      maxProbes: 3,
    });
    expect(diff).toMatchObject({ complete: false, probes: 3 });
  });
});
