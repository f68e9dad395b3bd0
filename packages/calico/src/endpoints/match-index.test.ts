import { describe, expect, it } from "vitest";
import { parseIp } from "../validate/net";
import { hostEndpoint, networkSetItem, workloadEndpointFromPod } from "./endpoint";
import type { PolicyLike } from "./inputs";
import { MatchIndex } from "./match-index";

const tiers = [
  { name: "default", order: 1_000_000, defaultAction: "Deny" as const },
  { name: "security", order: 100, defaultAction: "Pass" as const },
];

function cluster() {
  const idx = new MatchIndex(tiers);
  idx.upsertNamespace({ metadata: { name: "shop", labels: { team: "web" } } });
  idx.upsertServiceAccount({ metadata: { name: "api", namespace: "shop", labels: { tier: "backend" } } });
  idx.upsertEndpoint(
    hostEndpoint({
      metadata: { name: "w1-public", labels: { "ibm.role": "worker_public" } },
      spec: { node: "w1", interfaceName: "eth1", expectedIPs: ["169.60.1.10"] },
    }),
  );
  idx.upsertEndpoint(
    hostEndpoint({
      metadata: { name: "w1-private", labels: { "ibm.role": "worker_private" } },
      spec: { node: "w1", interfaceName: "eth0", expectedIPs: ["10.0.0.10"] },
    }),
  );
  idx.upsertEndpoint(
    workloadEndpointFromPod({
      metadata: { name: "api-1", namespace: "shop", labels: { app: "api" } },
      spec: { serviceAccountName: "api", nodeName: "w1" },
      status: { podIPs: [{ ip: "172.30.0.5" }] },
    }),
  );
  return idx;
}

const gnp = (name: string, spec: PolicyLike["spec"]): PolicyLike => ({
  kind: "GlobalNetworkPolicy",
  metadata: { name },
  spec,
});

describe("endpoint labels (docs/calico-semantics.md section 3)", () => {
  it("gives pods Calico's labels and inherits namespace and service-account profile labels", () => {
    const labels = Object.fromEntries(cluster().effectiveLabels("wep/shop/api-1") ?? []);
    expect(labels).toEqual({
      app: "api",
      "projectcalico.org/namespace": "shop",
      "projectcalico.org/orchestrator": "k8s",
      "projectcalico.org/serviceaccount": "api",
      "pcns.team": "web",
      "pcns.projectcalico.org/name": "shop",
      "pcsa.tier": "backend",
      "pcsa.projectcalico.org/name": "api",
    });
  });

  it("lets own labels win over profile labels, and earlier profiles over later ones", () => {
    const idx = new MatchIndex();
    idx.upsertProfile(
      "p1",
      new Map([
        ["a", "1"],
        ["b", "1"],
      ]),
    );
    idx.upsertProfile(
      "p2",
      new Map([
        ["b", "2"],
        ["c", "2"],
      ]),
    );
    idx.upsertEndpoint(
      hostEndpoint({ metadata: { name: "h", labels: { a: "own" } }, spec: { node: "n", profiles: ["p1", "p2"] } }),
    );
    expect(Object.fromEntries(idx.effectiveLabels("hep/h") ?? [])).toEqual({ a: "own", b: "1", c: "2" });
  });
});

describe("MatchIndex", () => {
  it("applies GNPs by selector and never lets a namespaced policy select a host endpoint", () => {
    const idx = cluster();
    idx.upsertPolicy(gnp("public", { selector: "ibm.role == 'worker_public'" }));
    idx.upsertPolicy(gnp("all-hosts", { selector: "has(ibm.role)" }));
    idx.upsertPolicy({
      kind: "NetworkPolicy",
      metadata: { name: "np", namespace: "shop" },
      spec: { selector: "all()" },
    });
    expect([...idx.endpointsForPolicy("GlobalNetworkPolicy//public")]).toEqual(["hep/w1-public"]);
    expect([...idx.endpointsForPolicy("GlobalNetworkPolicy//all-hosts")].sort()).toEqual([
      "hep/w1-private",
      "hep/w1-public",
    ]);
    expect([...idx.endpointsForPolicy("NetworkPolicy/shop/np")]).toEqual(["wep/shop/api-1"]);
  });

  it("selects pods through namespaceSelector and serviceAccountSelector", () => {
    const idx = cluster();
    idx.upsertPolicy(gnp("by-ns", { namespaceSelector: "team == 'web'" }));
    idx.upsertPolicy(gnp("every-ns", { namespaceSelector: "all()" }));
    idx.upsertPolicy(gnp("by-sa", { serviceAccountSelector: "tier == 'backend'" }));
    for (const name of ["by-ns", "every-ns", "by-sa"]) {
      expect([...idx.endpointsForPolicy(`GlobalNetworkPolicy//${name}`)]).toEqual(["wep/shop/api-1"]);
    }
  });

  it("splits an endpoint's policies by stage and direction, tier by tier in order (section 4)", () => {
    const idx = cluster();
    const sel = "ibm.role == 'worker_public'";
    idx.upsertPolicy(
      gnp("deny-nodeports", {
        selector: sel,
        order: 1100,
        preDNAT: true,
        applyOnForward: true,
        ingress: [{ action: "Deny" }],
      }),
    );
    idx.upsertPolicy(
      gnp("allowlist", {
        selector: sel,
        order: 500,
        preDNAT: true,
        applyOnForward: true,
        ingress: [{ action: "Allow" }],
      }),
    );
    idx.upsertPolicy(
      gnp("untracked", { selector: sel, doNotTrack: true, applyOnForward: true, types: ["Ingress", "Egress"] }),
    );
    idx.upsertPolicy(gnp("fwd", { selector: sel, applyOnForward: true, types: ["Egress"] }));
    idx.upsertPolicy(gnp("sec", { selector: sel, tier: "security", order: 1 }));
    const p = idx.policiesForEndpoint("hep/w1-public");
    const names = (ts: readonly { tier: string; policies: readonly { name: string }[] }[]) =>
      ts.map((t) => `${t.tier}:${t.policies.map((x) => x.name).join(",")}`);
    expect(names(p.preDNAT.ingress)).toEqual(["default:allowlist,deny-nodeports"]);
    expect(names(p.preDNAT.egress)).toEqual([]);
    expect(names(p.untracked.egress)).toEqual(["default:untracked"]);
    expect(names(p.normal.ingress)).toEqual(["security:sec"]);
    expect(p.normal.ingress[0]?.defaultAction).toBe("Pass");
    expect(names(p.normal.egress)).toEqual(["default:fwd"]);
    expect(names(p.forward.egress)).toEqual(["default:fwd"]);
    expect(names(p.forward.ingress)).toEqual([]);
  });

  it("gives workload endpoints only the normal stage", () => {
    const idx = cluster();
    idx.upsertPolicy(gnp("pre", { selector: "all()", preDNAT: true, applyOnForward: true }));
    idx.upsertPolicy(gnp("normal", { selector: "app == 'api'" }));
    const p = idx.policiesForEndpoint("wep/shop/api-1");
    expect(p.preDNAT.ingress).toEqual([]);
    expect(p.normal.ingress.flatMap((t) => t.policies.map((x) => x.name))).toEqual(["normal"]);
  });

  it("updates incrementally when labels, profiles or policies change", () => {
    const idx = cluster();
    idx.upsertPolicy(gnp("public", { selector: "ibm.role == 'worker_public'" }));
    idx.upsertPolicy(gnp("web-ns", { namespaceSelector: "team == 'web'" }));
    expect(idx.policiesForEndpoint("hep/w1-private").normal.ingress).toEqual([]);
    idx.upsertEndpoint(
      hostEndpoint({
        metadata: { name: "w1-private", labels: { "ibm.role": "worker_public" } },
        spec: { node: "w1", interfaceName: "eth0" },
      }),
    );
    expect([...idx.endpointsForPolicy("GlobalNetworkPolicy//public")].sort()).toEqual([
      "hep/w1-private",
      "hep/w1-public",
    ]);
    expect(idx.policiesForEndpoint("hep/w1-private").normal.ingress[0]?.policies[0]?.name).toBe("public");

    idx.upsertNamespace({ metadata: { name: "shop", labels: { team: "ops" } } });
    expect([...idx.endpointsForPolicy("GlobalNetworkPolicy//web-ns")]).toEqual([]);

    idx.upsertPolicy(gnp("public", { selector: "ibm.role == 'nobody'" }));
    expect([...idx.endpointsForPolicy("GlobalNetworkPolicy//public")]).toEqual([]);
    expect(idx.policiesForEndpoint("hep/w1-public").normal.ingress).toEqual([]);

    idx.removeEndpoint("wep/shop/api-1");
    idx.removePolicy("GlobalNetworkPolicy//public");
    expect(idx.policy("GlobalNetworkPolicy//public")).toBeUndefined();
  });

  it("keeps a policy in its endpoints' lists when it is replaced with the same selector", () => {
    const idx = cluster();
    const spec = (order: number): PolicyLike["spec"] => ({
      selector: "ibm.role == 'worker_private'",
      order,
      egress: [{ action: "Allow" as const }],
    });
    idx.upsertPolicy(gnp("private", spec(3000)));
    expect(idx.policiesForEndpoint("hep/w1-private").normal.egress[0]?.policies[0]?.order).toBe(3000);
    idx.upsertPolicy(gnp("private", spec(99950)));
    expect(idx.policiesForEndpoint("hep/w1-private").normal.egress[0]?.policies.map((p) => p.order)).toEqual([99950]);
    idx.removePolicy("GlobalNetworkPolicy//private");
    expect(idx.policiesForEndpoint("hep/w1-private").normal.egress).toEqual([]);
  });

  it("keeps a policy whose selector fails out of the index and reports the field", () => {
    const idx = cluster();
    const r = idx.upsertPolicy(gnp("bad", { selector: "ibm.role = 'x'" }));
    expect(r.ok).toBe(false);
    expect(idx.policyErrors().get("GlobalNetworkPolicy//bad")).toMatchObject({ field: "spec.selector", offset: 9 });
    expect(idx.policy("GlobalNetworkPolicy//bad")).toBeUndefined();
  });

  it("reports which endpoints and network sets each rule side selects", () => {
    const idx = cluster();
    idx.upsertNetworkSet(
      networkSetItem({
        kind: "GlobalNetworkSet",
        metadata: { name: "clients", labels: { role: "client" } },
        spec: { nets: ["203.0.113.0/24"] },
      }),
    );
    idx.upsertPolicy(
      gnp("r", {
        selector: "has(ibm.role)",
        ingress: [
          { action: "Allow", source: { selector: "role == 'client' || app == 'api'" } },
          { action: "Allow", source: { nets: ["198.51.100.0/24"] } },
          { action: "Deny", source: { notSelector: "has(ibm.role)" } },
        ],
      }),
    );
    const r0 = idx.ruleMatches("GlobalNetworkPolicy//r", "ingress", 0);
    expect(r0?.source).toMatchObject({
      unrestricted: false,
      endpoints: ["wep/shop/api-1"],
      networkSets: ["gnetset/clients"],
    });
    expect(r0?.destination.unrestricted).toBe(true);
    expect(idx.ruleMatches("GlobalNetworkPolicy//r", "ingress", 1)?.source).toMatchObject({
      unrestricted: true,
      nets: ["198.51.100.0/24"],
    });
    expect(idx.ruleMatches("GlobalNetworkPolicy//r", "ingress", 2)?.source.endpoints).toEqual(["wep/shop/api-1"]);
  });

  it("finds an address's endpoint and a node's host endpoints as a scan of every endpoint would, after changes", () => {
    const idx = cluster();
    const at = (ip: string) => {
      const parsed = parseIp(ip);
      return parsed === undefined ? undefined : idx.endpointWithIp(parsed)?.id;
    };
    expect(at("10.0.0.10")).toBe("hep/w1-private");
    expect(at("172.30.0.5")).toBe("wep/shop/api-1");
    expect(at("::ffff:172.30.0.5")).toBeUndefined();
    expect(idx.hostEndpointsOn("w1").map((e) => e.id)).toEqual(["hep/w1-public", "hep/w1-private"]);
    // A second owner of an address: the first in the index's order wins, also after the first is replaced.
    const claim = (name: string, ips: string[], node = "w2") =>
      hostEndpoint({ metadata: { name }, spec: { node, interfaceName: "eth2", expectedIPs: ips } });
    idx.upsertEndpoint(claim("shadow", ["172.30.0.5"]));
    expect(at("172.30.0.5")).toBe("wep/shop/api-1");
    const api = idx.endpoint("wep/shop/api-1");
    if (api === undefined) throw new Error("no api-1");
    idx.upsertEndpoint({ ...api, ips: ["172.30.0.6", "172.30.0.5"] });
    expect(at("172.30.0.5")).toBe("wep/shop/api-1");
    expect(at("172.30.0.6")).toBe("wep/shop/api-1");
    idx.removeEndpoint("wep/shop/api-1");
    expect(at("172.30.0.5")).toBe("hep/shadow");
    expect(at("172.30.0.6")).toBeUndefined();
    // Moved to another node, and re-added after removal: it goes to the end of the order.
    idx.upsertEndpoint(claim("w1-public", ["169.60.1.10"], "w2"));
    expect(idx.hostEndpointsOn("w1").map((e) => e.id)).toEqual(["hep/w1-private"]);
    expect(idx.hostEndpointsOn("w2").map((e) => e.id)).toEqual(["hep/w1-public", "hep/shadow"]);
    idx.removeEndpoint("hep/w1-public");
    idx.upsertEndpoint(claim("w1-public", ["169.60.1.10"], "w2"));
    expect(idx.hostEndpointsOn("w2").map((e) => e.id)).toEqual(["hep/shadow", "hep/w1-public"]);
    expect(idx.hostEndpointsOn("w3")).toEqual([]);
  });
});
