import { describe, expect, it } from "vitest";
import { parseIp } from "../validate/net";
import { ipInNets, sameIp } from "./ip-match";
import { portMatches } from "./ports";
import { protocolNumber } from "./protocol";

const ip = (s: string) => {
  const r = parseIp(s);
  if (r === undefined) throw new Error(s);
  return r;
};

describe("ipInNets", () => {
  it("matches CIDRs by family and prefix, host bits ignored, bare addresses as host routes", () => {
    expect(ipInNets(["10.1.2.3/8"], ip("10.200.0.1"))).toBe(true);
    expect(ipInNets(["10.0.0.0/8"], ip("11.0.0.1"))).toBe(false);
    expect(ipInNets(["0.0.0.0/0"], ip("::1"))).toBe(false);
    expect(ipInNets(["::/0"], ip("::1"))).toBe(true);
    expect(ipInNets(["2001:db8::/32"], ip("2001:db8:ffff::1"))).toBe(true);
    expect(ipInNets(["203.0.113.7"], ip("203.0.113.7"))).toBe(true);
    expect(ipInNets(["not-a-net", "203.0.113.0/24"], ip("203.0.113.9"))).toBe(true);
  });

  it("compares addresses", () => {
    expect(sameIp(ip("10.0.0.1"), ip("10.0.0.1"))).toBe(true);
    expect(sameIp(ip("10.0.0.1"), ip("10.0.0.2"))).toBe(false);
  });
});

describe("ports and protocols", () => {
  it("matches ranges inclusively and named ports by name, protocol and number", () => {
    expect(portMatches(["30000:32767"], 32767, 6, [])).toBe(true);
    expect(portMatches(["30000:32767"], 29999, 6, [])).toBe(false);
    expect(portMatches([80, "443"], 443, 6, [])).toBe(true);
    const named = [{ name: "metrics", port: 9100, protocol: "TCP" }];
    expect(portMatches(["metrics"], 9100, 6, named)).toBe(true);
    expect(portMatches(["metrics"], 9100, 17, named)).toBe(false);
    expect(portMatches(["metrics"], 9101, 6, named)).toBe(false);
  });

  it("maps protocol names (any case, as ProtocolFromString) and numbers", () => {
    expect(protocolNumber("TCP")).toBe(6);
    expect(protocolNumber("tcp")).toBe(6);
    expect(protocolNumber("ICMPv6")).toBe(58);
    expect(protocolNumber("17")).toBe(17);
    expect(protocolNumber(132)).toBe(132);
    expect(protocolNumber("GRE")).toBeUndefined();
  });
});
