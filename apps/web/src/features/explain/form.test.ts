import { describe, expect, it } from "vitest";
import { EMPTY_FORM, formFromSearch, formToSearch, parseLabels, toExplainRequest } from "./form";

const base = { ...EMPTY_FORM, endpoint: "hep/w1-public", ip: "203.0.113.9", port: "30080" };

describe("explain form", () => {
  it("round-trips through the URL, leaving defaults out", () => {
    const s = formToSearch(base);
    expect(s.toString()).toBe("endpoint=hep%2Fw1-public&ip=203.0.113.9&port=30080");
    expect(formFromSearch(s)).toEqual(base);
  });

  it("builds a request with peer, protocol, port and the pre-DNAT destination", () => {
    expect(toExplainRequest({ ...base, labels: "app=web, tier = front", preDnat: "198.51.100.14:30080" })).toEqual({
      request: {
        endpoint: "hep/w1-public",
        direction: "Ingress",
        peer: { ip: "203.0.113.9", labels: { app: "web", tier: "front" } },
        protocol: "TCP",
        port: 30080,
        preDnatDestination: { ip: "198.51.100.14", port: 30080 },
      },
    });
    expect(toExplainRequest({ ...base, protocol: "ICMP", port: "" })).toEqual({
      request: { endpoint: "hep/w1-public", direction: "Ingress", peer: { ip: "203.0.113.9" }, protocol: "ICMP" },
    });
    expect(toExplainRequest({ ...base, protocol: "112", port: "" })).toMatchObject({ request: { protocol: 112 } });
  });

  it("names each bad field", () => {
    expect(
      toExplainRequest({ ...EMPTY_FORM, ip: "300.1.1.1", port: "70000", protocol: "tcp", preDnat: "x:1" }),
    ).toEqual({
      errors: {
        endpoint: expect.stringContaining("endpoint"),
        ip: '"300.1.1.1" is not an IP address',
        protocol: expect.stringContaining("TCP"),
        port: "A port is a number from 1 to 65535",
        preDnat: expect.stringContaining("ip:port"),
      },
    });
    expect(toExplainRequest({ ...base, port: "" })).toEqual({ errors: { port: "TCP needs a destination port" } });
    expect(toExplainRequest({ ...base, ip: "" })).toEqual({ errors: { ip: expect.stringContaining("labels") } });
  });

  it("says the peer is the endpoint's own node itself, which needs no address", () => {
    const own = { ...base, ip: "", localHost: "1" } as const;
    expect(formToSearch(own).get("localHost")).toBe("1");
    expect(formFromSearch(formToSearch(own))).toEqual(own);
    expect(toExplainRequest(own)).toEqual({
      request: {
        endpoint: "hep/w1-public",
        direction: "Ingress",
        peer: { localHost: true },
        protocol: "TCP",
        port: 30080,
      },
    });
  });

  it("takes the peer as an endpoint of the cluster (a flow's other end), kept in the URL", () => {
    const fromFlow = { ...base, ip: "", peer: "wep/shop/frontend-1" } as const;
    expect(formFromSearch(formToSearch(fromFlow))).toEqual(fromFlow);
    expect(toExplainRequest(fromFlow)).toEqual({
      request: {
        endpoint: "hep/w1-public",
        direction: "Ingress",
        peer: { endpoint: "wep/shop/frontend-1" },
        protocol: "TCP",
        port: 30080,
      },
    });
  });

  it("parses labels and rejects pairs without a key", () => {
    expect(parseLabels("")).toEqual({});
    expect(parseLabels("a=1,b=")).toEqual({ a: "1", b: "" });
    expect(parseLabels("=1")).toBeUndefined();
    expect(parseLabels("novalue")).toBeUndefined();
  });
});
