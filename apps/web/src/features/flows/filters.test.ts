import type { FlowRow } from "@palisade/contract";
import { describe, expect, it } from "vitest";
import {
  endpointLabel,
  explainSearch,
  filtersFromSearch,
  filtersToSearch,
  hitLabel,
  mergeFlowRows,
  portOf,
  toFlowQuery,
} from "./filters";

describe("flow filters", () => {
  it("round-trips through the URL, defaulting to the last 15 minutes", () => {
    const f = filtersFromSearch(new URLSearchParams("range=live&action=Deny&port=80&policy=access-nginx&bogus=1"));
    expect(f).toEqual({
      range: "live",
      endpoint: "",
      namespace: "",
      policy: "access-nginx",
      action: "Deny",
      port: "80",
    });
    expect(filtersFromSearch(filtersToSearch(f))).toEqual(f);
    expect(filtersFromSearch(new URLSearchParams("range=7&action=Drop"))).toMatchObject({ range: "15", action: "" });
    expect(filtersToSearch(f, "a1").get("flow")).toBe("a1");
  });

  it("becomes the BFF's query: a look-back from now, trimmed text, a valid port only", () => {
    const f = filtersFromSearch(new URLSearchParams("range=5&endpoint= nginx &port=x"));
    expect(toFlowQuery(f, 1000)).toEqual({ from: 700, endpoint: "nginx" });
    expect(toFlowQuery({ ...f, range: "all", port: "443" }, 1000)).toEqual({ endpoint: "nginx", port: 443 });
    expect(portOf("70000").error).toMatch(/0 to 65535/);
  });
});

describe("flow wording", () => {
  it("names a host endpoint by its node and the labels that tell the node's host endpoints apart", () => {
    const labels = { "ibm.role": "worker_public", "ibm.node": "10.184.58.42" };
    expect(endpointLabel({ type: "hep", name: "10.184.58.42", labels })).toBe(
      "host 10.184.58.42 ibm.role=worker_public",
    );
    expect(endpointLabel({ type: "network", name: "pvt", labels: {} })).toBe("private network (pvt)");
    expect(endpointLabel({ type: "wep", name: "web-*", namespace: "shop", labels: {} })).toBe("shop/web-*");
  });

  it("names a hit's policy and rule, a tier's end by its tier and trigger", () => {
    expect(
      hitLabel(
        {
          kind: "NetworkPolicy",
          tier: "default",
          name: "access-nginx",
          namespace: "default",
          action: "Allow",
          policyIndex: 0,
          ruleIndex: 0,
        },
        "ingress",
      ),
    ).toBe("NetworkPolicy default/access-nginx, ingress rule 1: Allow");
    expect(
      hitLabel(
        {
          kind: "EndOfTier",
          tier: "default",
          name: "access-nginx",
          action: "Deny",
          policyIndex: 0,
          ruleIndex: -1,
          trigger: { kind: "NetworkPolicy", tier: "default", name: "access-nginx" },
        },
        "ingress",
      ),
    ).toBe("end of tier default (selected by access-nginx): Deny");
  });

  it("opens Explain with the packet Palisade walked", () => {
    const search = explainSearch({
      endpoint: "wep/default/nginx-1",
      direction: "Ingress",
      peer: { endpoint: "wep/shop/web-1" },
      protocol: "TCP",
      port: 80,
    });
    expect(Object.fromEntries(search)).toEqual({
      endpoint: "wep/default/nginx-1",
      direction: "Ingress",
      peer: "wep/shop/web-1",
      protocol: "TCP",
      port: "80",
    });
    const labels = explainSearch({
      endpoint: "hep/w1",
      direction: "Ingress",
      peer: { labels: { app: "x", tier: "y" } },
      protocol: "UDP",
    });
    expect(labels.get("labels")).toBe("app=x, tier=y");
  });
});

describe("live rows", () => {
  const row = (id: string, packets: number): FlowRow =>
    ({ flow: { id, packetsIn: packets }, check: { agreement: "agree", notes: [] } }) as unknown as FlowRow;

  it("puts new flows on top and replaces a flow sent again (late packets) where it is, never twice", () => {
    const rows = [row("b", 1), row("a", 1)];
    const merged = mergeFlowRows(rows, [row("c", 1), row("a", 5)], 10);
    expect(merged.map((r) => [r.flow.id, r.flow.packetsIn])).toEqual([
      ["c", 1],
      ["b", 1],
      ["a", 5],
    ]);
    expect(mergeFlowRows(merged, [row("d", 1)], 2).map((r) => r.flow.id)).toEqual(["d", "c"]);
  });
});
