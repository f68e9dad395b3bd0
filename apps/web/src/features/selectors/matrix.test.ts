import type { GraphInterface, PolicySummary } from "@palisade/contract";
import { describe, expect, it } from "vitest";
import { buildSelectorMatrix } from "./matrix";

const hep = (id: string, node: string, interfaceName: string): GraphInterface => ({
  id,
  name: id.slice(4),
  node,
  interfaceName,
  ips: [],
  role: interfaceName === "eth1" ? "public" : "private",
  labels: {},
});
const policy = (key: string, selector: string) => ({ key, selector }) as PolicySummary;

const HEPS = [hep("hep/b-eth1", "b", "eth1"), hep("hep/a-eth1", "a", "eth1"), hep("hep/a-eth0", "a", "eth0")];

describe("buildSelectorMatrix", () => {
  it("sorts columns by node then interface, groups policies by selector and marks matches", () => {
    const m = buildSelectorMatrix(
      [
        policy("p1", "role == 'public'"),
        policy("p2", "role == 'private'"),
        policy("p3", "role == 'public'"),
        policy("p4", "app == 'x'"),
      ],
      [
        { policy: "p1", endpoint: "hep/a-eth1", directions: ["Ingress"] },
        { policy: "p3", endpoint: "hep/b-eth1", directions: ["Ingress"] },
        { policy: "p2", endpoint: "hep/a-eth0", directions: ["Ingress"] },
        { policy: "p2", endpoint: "wep/ns/pod", directions: ["Ingress"] },
      ],
      HEPS,
    );
    expect(m.columns.map((c) => c.id)).toEqual(["hep/a-eth0", "hep/a-eth1", "hep/b-eth1"]);
    expect(m.rows.map((r) => [r.selector, r.policies.map((p) => p.key), r.cells, r.matchCount])).toEqual([
      ["role == 'public'", ["p1", "p3"], [false, true, true], 2],
      ["role == 'private'", ["p2"], [true, false, false], 1],
    ]);
  });

  it("keeps selectors that match no host endpoint when asked, and names the empty selector all()", () => {
    const m = buildSelectorMatrix([policy("p", "")], [], HEPS, true);
    expect(m.rows).toEqual([
      { selector: "all()", policies: [policy("p", "")], spellings: [], cells: [false, false, false], matchCount: 0 },
    ]);
  });

  it("groups selectors by Calico's canonical form and says how each policy spells it", () => {
    const m = buildSelectorMatrix(
      [
        policy("p1", "ibm.role=='worker_public'"),
        policy("p2", "ibm.role == 'worker_public'"),
        policy("p3", ' (ibm.role == "worker_public") '),
        policy("p4", "ibm.role == 'worker_private'"),
      ],
      [
        { policy: "p1", endpoint: "hep/a-eth1", directions: ["Ingress"] },
        { policy: "p2", endpoint: "hep/b-eth1", directions: ["Ingress"] },
        { policy: "p4", endpoint: "hep/a-eth0", directions: ["Ingress"] },
      ],
      HEPS,
    );
    expect(m.rows.map((r) => [r.selector, r.policies.map((p) => p.key), r.spellings, r.cells])).toEqual([
      [
        "ibm.role == 'worker_public'",
        ["p1", "p2", "p3"],
        ["ibm.role=='worker_public'", "ibm.role == 'worker_public'", '(ibm.role == "worker_public")'],
        [false, true, true],
      ],
      ["ibm.role == 'worker_private'", ["p4"], [], [true, false, false]],
    ]);
  });

  it("keeps a selector that does not parse in its own row, as written", () => {
    const m = buildSelectorMatrix([policy("p", "role = 'x'"), policy("q", "role == 'x'")], [], HEPS, true);
    expect(m.rows.map((r) => [r.selector, r.policies.map((p) => p.key)])).toEqual([
      ["role = 'x'", ["p"]],
      ["role == 'x'", ["q"]],
    ]);
  });
});
