/**
 * The connectivity diff against brute force: on random small clusters and random policy changes, every packet whose
 * verdict the change alters (between every two endpoints, and between every endpoint and a few outside addresses,
 * on a set of protocols and ports) is in a reported change, and every reported change holds for every member pair and
 * every tested port it covers. Clusters stay under ten endpoints, so a group's sample lists all its members.
 */
import { describe, expect, it } from "vitest";
import { policyKey } from "../endpoints/compiled-policy";
import { hostEndpoint, workloadEndpointFromPod } from "../endpoints/endpoint";
import type { PolicyLike } from "../endpoints/inputs";
import type { MatchIndex } from "../endpoints/match-index";
import { explain } from "../explain/explain";
import { protocolName } from "../explain/protocol";
import type { ExplainOptions, ExplainQuery, FabricInterface, FabricRoute, Verdict } from "../explain/query";
import { indexWith } from "../explain/testing";
import type { EntityRule, Rule } from "../model/rule";
import { type Random, seededRandom } from "../synthetic-cluster/random";
import { parseIp } from "../validate/net";
import { type ConnectivityChange, type ConnectivityPhase, connectivityDiff } from "./diff";

const NAMESPACES = ["shop", "dev"];
const APPS = ["a", "b", "c"];
/** Protocol and port pairs walked by brute force; ICMP is named by no generated rule, so it is "other". */
const PACKETS: readonly [number, number | undefined][] = [
  [6, 1],
  [6, 79],
  [6, 80],
  [6, 85],
  [6, 91],
  [6, 5432],
  [17, 53],
  [17, 80],
  [1, undefined],
];
const OUTSIDE = ["8.8.8.8", "8.8.100.1", "10.9.9.9", "192.0.2.1"];

function randomRule(r: Random, global: boolean): Rule {
  const action = r.pick(["Allow", "Allow", "Deny", "Pass", "Log"] as const);
  const protocol = ([undefined, undefined, "TCP", "UDP"] as const)[r.int(4)];
  const peer = (): EntityRule | undefined => {
    switch (r.int(6)) {
      case 0:
        return { selector: `app == '${r.pick(APPS)}'` };
      case 1:
        return global ? { selector: "has(ibm.role)" } : { notSelector: `app == '${r.pick(APPS)}'` };
      case 2:
        return { nets: [r.pick(["10.0.0.0/8", "8.8.0.0/16", "172.16.1.0/24"])] };
      case 3:
        return { notNets: ["8.8.0.0/16"] };
      default:
        return undefined;
    }
  };
  const ports = protocol === undefined || r.int(2) === 0 ? undefined : [r.pick([80, "80:90", 5432, "pg", 53])];
  const source = peer();
  const destination: EntityRule | undefined = r.int(2) === 0 ? peer() : undefined;
  const withPorts = ports === undefined ? destination : { ...destination, ports };
  return {
    action,
    ...(protocol === undefined ? {} : { protocol }),
    ...(source === undefined ? {} : { source }),
    ...(withPorts === undefined ? {} : { destination: withPorts }),
  };
}

function randomPolicy(r: Random, name: string): PolicyLike {
  const global = r.int(3) === 0;
  const selector = global
    ? r.pick(["has(ibm.role)", "app == 'a'", "all()", "role == 'x'"])
    : r.pick(["app == 'a'", "app == 'b'", "all()", "role == 'x'", "app in {'a', 'c'}"]);
  const types: readonly ("Ingress" | "Egress")[] = r.pick([["Ingress"], ["Egress"], ["Ingress", "Egress"]]);
  const rules = () => Array.from({ length: r.int(4) }, () => randomRule(r, global));
  const spec = {
    selector,
    types: [...types],
    order: 10 * (1 + r.int(50)),
    ...(types.includes("Ingress") ? { ingress: rules() } : {}),
    ...(types.includes("Egress") ? { egress: rules() } : {}),
    ...(global && selector === "has(ibm.role)" && r.int(2) === 0 ? { applyOnForward: true } : {}),
  };
  return global
    ? { kind: "GlobalNetworkPolicy", metadata: { name }, spec }
    : { kind: "NetworkPolicy", metadata: { name, namespace: r.pick(NAMESPACES) }, spec };
}

const NODES = ["n1", "n2", "n3"];

/**
 * Calico's routes as the BFF gives them (views/pod-routes.ts): pods in 172.16.0.0/16 (an IPPool encapsulating only
 * between subnets, n1 and n2 sharing one) leave n3, and arrive on it, by tunl0 (address 172.16.<n>.1), or, in some
 * clusters, by a route not known; pods in 172.17.0.0/16 (no encapsulation) and nodes' own addresses by the interface
 * holding the node's address 10.0.0.<n>. So pairs of one pair of classes can cross different host endpoints.
 */
function routesOf(unknown: boolean, peers: boolean): ExplainOptions {
  const n = (node: string) => node.slice(1);
  const own = (node: string): FabricInterface => ({ ips: [`10.0.0.${n(node)}`], via: `${node}'s own interface` });
  const tunl0 = (node: string): FabricInterface => ({
    name: "tunl0",
    ips: [`172.16.${n(node)}.1`],
    via: "tunl0",
    tunnel: true,
  });
  const routeClass = (ip: string) => ip.split(".").slice(0, 2).join(".");
  return {
    routeClass,
    // n1 and n2 share a subnet; without peer classes, each node is one of its own.
    ...(peers ? { peerClass: (node: string) => (node === "n3" ? "other subnet" : "shared subnet") } : {}),
    fabric: (leg): FabricRoute | undefined => {
      if (leg.peerNode === undefined) return undefined;
      const tunnelled =
        leg.podIp !== undefined && routeClass(leg.podIp) === "172.16" && [leg.node, leg.peerNode].includes("n3");
      if (!tunnelled) return { interface: own(leg.node) };
      if (!unknown) return { interface: tunl0(leg.node) };
      return { unknown: "CrossSubnet, subnet not recorded", interfaces: [own(leg.node), tunl0(leg.node)] };
    },
  };
}

function randomCluster(r: Random): { idx: MatchIndex; policies: PolicyLike[]; options: ExplainOptions } {
  const policies = Array.from({ length: 1 + r.int(4) }, (_, i) => randomPolicy(r, `p${i}`));
  const options = routesOf(r.int(3) === 0, r.int(2) === 0);
  const idx = indexWith((idx) => {
    for (const ns of NAMESPACES) idx.upsertNamespace({ metadata: { name: ns } });
    for (const [n, node] of NODES.entries()) {
      const kind = r.int(4);
      if (kind === 0) continue;
      const iface = kind === 1 ? "*" : kind === 2 ? "eth1" : "tunl0";
      idx.upsertEndpoint(
        hostEndpoint({
          metadata: { name: `${node}-hep`, labels: { "ibm.role": iface === "*" ? "worker_private" : "worker_public" } },
          spec: {
            node,
            interfaceName: iface,
            expectedIPs: [`10.0.0.${n + 1}`],
            profiles: r.int(2) === 0 ? ["projectcalico-default-allow"] : [],
          },
        }),
      );
    }
    const pods = 3 + r.int(4);
    for (let i = 0; i < pods; i++) {
      const node = r.pick(NODES);
      idx.upsertEndpoint(
        workloadEndpointFromPod({
          metadata: {
            name: `pod-${i}`,
            namespace: r.pick(NAMESPACES),
            labels: { app: r.pick(APPS), ...(r.int(2) === 0 ? { role: "x" } : {}) },
          },
          spec: {
            nodeName: node,
            containers: r.int(2) === 0 ? [{ ports: [{ name: "pg", containerPort: 5432 }] }] : [],
          },
          status: { podIPs: [{ ip: `172.${r.pick([16, 17])}.${node.slice(1)}.${10 + i}` }] },
        }),
      );
    }
  }, policies);
  return { idx, policies, options };
}

/** The live index, and the index with `change` applied for the while (then the live policies put back). */
function phasesOf(
  idx: MatchIndex,
  change: { readonly upsert?: PolicyLike; readonly remove?: string },
  live: PolicyLike | undefined,
  options: ExplainOptions,
): { before: ConnectivityPhase; after: ConnectivityPhase } {
  return {
    before: (fn) => fn({ index: idx, options }),
    after: (fn) => {
      if (change.upsert !== undefined) idx.upsertPolicy(change.upsert);
      if (change.remove !== undefined) idx.removePolicy(change.remove);
      try {
        return fn({ index: idx, options });
      } finally {
        if (change.upsert !== undefined) idx.removePolicy(policyKey(change.upsert));
        if (live !== undefined) idx.upsertPolicy(live);
      }
    },
  };
}

function covers(c: ConnectivityChange, protocol: number, port: number | undefined): boolean {
  if (c.protocol === "any") return true;
  if (c.protocol === "other") return protocol === 1;
  if (c.protocol !== protocolName(protocol)) return false;
  if (port === undefined || c.ports === "all") return true;
  return c.ports.split(", ").some((range) => {
    const [lo, hi = lo] = range.split("-").map(Number);
    return lo !== undefined && hi !== undefined && lo <= port && port <= hi;
  });
}

const ipValue = (ip: string) => (parseIp(ip)?.bytes ?? []).reduce((v, b) => v * 256 + b, 0);

function inAddresses(description: string, ip: string): boolean {
  if (description === "any address") return true;
  return description.split(", ").some((range) => {
    const [lo, hi] = range.split("-");
    return lo !== undefined && hi !== undefined && ipValue(lo) <= ipValue(ip) && ipValue(ip) <= ipValue(hi);
  });
}

const members = (c: ConnectivityChange, side: "from" | "to") => {
  const g = c[side];
  return g.kind === "endpoints" ? g.sample : [];
};

describe("the connectivity diff against every packet, on random clusters and changes", () => {
  it("reports every change brute force finds, and nothing else, at 50 seeds", () => {
    let changed = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const r = seededRandom(seed);
      const { idx, policies, options } = randomCluster(r);
      const existing = r.pick(policies);
      const kind = r.int(3);
      const change =
        kind === 0
          ? { upsert: randomPolicy(r, "new") }
          : kind === 1
            ? { upsert: { ...existing, spec: randomPolicy(r, "edited").spec } }
            : { remove: policyKey(existing) };
      const key = change.upsert === undefined ? policyKey(existing) : policyKey(change.upsert);
      const live = kind === 0 ? undefined : existing;
      const phases = phasesOf(idx, change, live, options);
      const diff = connectivityDiff({ ...phases, policies: [key], endpoints: [] });
      const context = `seed ${seed}`;
      expect(diff.complete, context).toBe(true);
      for (const c of diff.changes) {
        for (const g of [c.from, c.to]) if (g.kind === "endpoints") expect(g.sample.length, context).toBe(g.count);
      }
      const verdict = (phase: ConnectivityPhase, q: ExplainQuery): Verdict | string =>
        phase((m) => {
          const a = explain(m.index, q, m.options);
          return a.ok ? a.value.verdict : a.error.message;
        });
      const ids = [...idx.endpoints()].map((e) => e.id);
      const check = (
        q: ExplainQuery,
        from: (c: ConnectivityChange) => boolean,
        to: (c: ConnectivityChange) => boolean,
      ) => {
        const was = verdict(phases.before, q);
        const now = verdict(phases.after, q);
        const rows = diff.changes.filter((c) => from(c) && to(c) && covers(c, Number(q.protocol), q.port));
        const what = `${context}: ${JSON.stringify(q)} ${was} -> ${now}`;
        if (was === now) expect(rows, what).toEqual([]);
        else {
          changed++;
          expect(
            rows.map((c) => [c.before, c.after]),
            what,
          ).toEqual([[was, now]]);
        }
      };
      for (const [protocol, port] of PACKETS) {
        for (const s of ids) {
          for (const d of ids) {
            if (s === d) continue;
            check(
              {
                endpointId: d,
                direction: "ingress",
                peer: { endpointId: s },
                protocol,
                ...(port === undefined ? {} : { port }),
              },
              (c) => members(c, "from").includes(s),
              (c) => members(c, "to").includes(d),
            );
          }
          for (const ip of OUTSIDE) {
            const q = { peer: { ip }, protocol, ...(port === undefined ? {} : { port }) };
            const outside = (side: "from" | "to") => (c: ConnectivityChange) =>
              c[side].kind === "addresses" && inAddresses(c[side].description, ip);
            check({ endpointId: s, direction: "ingress", ...q }, outside("from"), (c) => members(c, "to").includes(s));
            check({ endpointId: s, direction: "egress", ...q }, (c) => members(c, "from").includes(s), outside("to"));
          }
        }
      }
    }
    // The seeds do change traffic: the test is not passing on empty diffs.
    expect(changed).toBeGreaterThan(500);
  }, 120_000);
});
