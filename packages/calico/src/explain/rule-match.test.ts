import { describe, expect, it } from "vitest";
import { entityRuleSelectors } from "../endpoints/effective-selectors";
import type { Rule } from "../model/rule";
import { parseIp } from "../validate/net";
import { matchRule, type Packet, type PacketSide } from "./rule-match";

function side(ip: string | undefined, port?: number, labels?: Record<string, string>): PacketSide {
  return {
    description: ip ?? "peer",
    ip: ip === undefined ? undefined : parseIp(ip),
    port,
    labels: labels === undefined ? undefined : new Map(Object.entries(labels)),
    networkSetLabels: [],
    namedPorts: [],
  };
}

const tcp = (src: PacketSide, dst: PacketSide): Packet => ({ protocol: 6, source: src, destination: dst });

function check(rule: Rule, packet: Packet, ns = ""): string {
  const source = entityRuleSelectors(rule.source, ns, "source");
  const destination = entityRuleSelectors(rule.destination, ns, "destination");
  if (!source.ok || !destination.ok) throw new Error("rule selectors do not parse");
  const m = matchRule({ index: 0, rule, source: source.value, destination: destination.value }, packet);
  return m.matched ? "match" : m.reason;
}

const client = side("203.0.113.7", 40000, { role: "client" });
const server = side("10.0.0.5", 443, { app: "api" });

describe("matchRule: one field at a time (docs/calico-semantics.md section 5)", () => {
  it.each<[string, Rule, string | RegExp]>([
    ["no match fields", { action: "Allow" }, "match"],
    ["protocol by name", { action: "Allow", protocol: "TCP" }, "match"],
    ["protocol by number", { action: "Allow", protocol: 6 }, "match"],
    ["other protocol", { action: "Allow", protocol: "UDP" }, /protocol UDP, packet is TCP/],
    ["notProtocol", { action: "Allow", notProtocol: "TCP" }, /notProtocol/],
    ["ipVersion 4", { action: "Allow", ipVersion: 4 }, "match"],
    ["ipVersion 6", { action: "Allow", ipVersion: 6 }, /packet is IPv4/],
    ["source nets", { action: "Allow", source: { nets: ["203.0.113.0/24"] } }, "match"],
    ["source nets miss", { action: "Allow", source: { nets: ["198.51.100.0/24"] } }, /not in source.nets/],
    ["source notNets", { action: "Allow", source: { notNets: ["203.0.113.0/24"] } }, /in source.notNets/],
    ["destination ports", { action: "Allow", protocol: "TCP", destination: { ports: [80, "400:500"] } }, "match"],
    ["destination ports miss", { action: "Allow", protocol: "TCP", destination: { ports: [80] } }, /443 is not in/],
    [
      "destination notPorts",
      { action: "Allow", protocol: "TCP", destination: { notPorts: ["443"] } },
      /in destination.notPorts/,
    ],
    ["source ports", { action: "Allow", protocol: "TCP", source: { ports: ["32768:60999"] } }, "match"],
    ["source selector", { action: "Allow", source: { selector: "role == 'client'" } }, "match"],
    ["source notSelector", { action: "Allow", source: { notSelector: "role == 'client'" } }, /matches notSelector/],
    [
      "destination selector miss",
      { action: "Allow", destination: { selector: "app == 'web'" } },
      /does not match app == "web"/,
    ],
    [
      "services are not modelled",
      { action: "Allow", destination: { services: { name: "s", namespace: "n" } } },
      /services/,
    ],
  ])("%s", (_name, rule, want) => {
    const got = check(rule, tcp(client, server));
    if (typeof want === "string") expect(got).toBe(want);
    else expect(got).toMatch(want);
  });

  it("needs the addresses and ports a rule asks about", () => {
    const anonymous = side(undefined);
    expect(check({ action: "Allow", source: { nets: ["0.0.0.0/0"] } }, tcp(anonymous, server))).toMatch(
      /needs the source IP/,
    );
    expect(
      check({ action: "Allow", protocol: "TCP", destination: { ports: [443] } }, tcp(client, side("10.0.0.5"))),
    ).toMatch(/needs the destination port/);
  });

  it("matches ICMP type and code, and notICMP", () => {
    const ping = (type: number, code: number): Packet => ({
      protocol: 1,
      icmp: { type, code },
      source: client,
      destination: server,
    });
    expect(check({ action: "Allow", protocol: "ICMP", icmp: { type: 8 } }, ping(8, 0))).toBe("match");
    expect(check({ action: "Allow", protocol: "ICMP", icmp: { type: 8, code: 1 } }, ping(8, 0))).toMatch(/icmp/);
    expect(check({ action: "Allow", protocol: "ICMP", notICMP: { type: 8 } }, ping(8, 0))).toMatch(/notICMP/);
    expect(check({ action: "Allow", protocol: "ICMP", notICMP: { type: 3 } }, ping(8, 0))).toBe("match");
  });

  it("scopes a namespaced policy's rule selectors to its namespace", () => {
    const podInShop = side("172.30.0.9", 1234, { role: "client", "projectcalico.org/namespace": "shop" });
    expect(check({ action: "Allow", source: { selector: "role == 'client'" } }, tcp(podInShop, server), "shop")).toBe(
      "match",
    );
    expect(check({ action: "Allow", source: { selector: "role == 'client'" } }, tcp(client, server), "shop")).toMatch(
      /does not match/,
    );
  });

  it("lets a rule selector match an address through a network set", () => {
    const viaSet: PacketSide = { ...side("203.0.113.7", 40000), networkSetLabels: [new Map([["role", "client"]])] };
    expect(check({ action: "Allow", source: { selector: "role == 'client'" } }, tcp(viaSet, server))).toBe("match");
  });
});
