import { describe, expect, it } from "vitest";
import { cidrContains, inAnyNet, parseCidr, parseIp } from "./net";
import { parsePort, portMatches } from "./ports";
import { protocolNumber } from "./protocol";

const ip = (s: string) => {
  const r = parseIp(s);
  if (r === undefined) throw new Error(s);
  return r;
};

describe("addresses and CIDRs", () => {
  it("parses IPv4 and IPv6, rejecting malformed input", () => {
    expect(parseIp("10.0.0.1")?.value).toBe(0x0a000001n);
    expect(parseIp("::1")?.value).toBe(1n);
    expect(parseIp("2001:db8::")?.value).toBe(0x20010db8n << 96n);
    expect(parseIp("::ffff:10.0.0.1")?.value).toBe((0xffffn << 32n) | 0x0a000001n);
    for (const bad of ["10.0.0", "10.0.0.256", "1::2::3", "1:2:3:4:5:6:7:8:9", "x", "", "1:2:3:4:5:6:7"]) {
      expect(parseIp(bad)).toBeUndefined();
    }
  });

  it("matches CIDRs by family and prefix, normalising host bits", () => {
    expect(cidrContains(parseCidr("10.1.2.3/8") ?? { family: 4, network: 0n, prefix: 0 }, ip("10.200.0.1"))).toBe(true);
    expect(inAnyNet(["10.0.0.0/8"], ip("11.0.0.1"))).toBe(false);
    expect(inAnyNet(["0.0.0.0/0"], ip("::1"))).toBe(false);
    expect(inAnyNet(["::/0"], ip("::1"))).toBe(true);
    expect(inAnyNet(["2001:db8::/32"], ip("2001:db8:ffff::1"))).toBe(true);
    expect(inAnyNet(["203.0.113.7"], ip("203.0.113.7"))).toBe(true);
    expect(parseCidr("10.0.0.0/33")).toBeUndefined();
  });
});

describe("ports and protocols", () => {
  it("reads numbers, ranges and names", () => {
    expect(parsePort(80)).toEqual({ kind: "range", min: 80, max: 80 });
    expect(parsePort("30000:32767")).toEqual({ kind: "range", min: 30000, max: 32767 });
    expect(parsePort("http-alt")).toEqual({ kind: "named", name: "http-alt" });
    expect(parsePort("9:1")).toBeUndefined();
  });

  it("matches ranges inclusively and named ports by name, protocol and number", () => {
    expect(portMatches(["30000:32767"], 32767, 6, [])).toBe(true);
    expect(portMatches(["30000:32767"], 29999, 6, [])).toBe(false);
    const named = [{ name: "metrics", port: 9100, protocol: "TCP" }];
    expect(portMatches(["metrics"], 9100, 6, named)).toBe(true);
    expect(portMatches(["metrics"], 9100, 17, named)).toBe(false);
    expect(portMatches(["metrics"], 9101, 6, named)).toBe(false);
  });

  it("maps protocol names and numbers", () => {
    expect(protocolNumber("TCP")).toBe(6);
    expect(protocolNumber("ICMPv6")).toBe(58);
    expect(protocolNumber("17")).toBe(17);
    expect(protocolNumber(132)).toBe(132);
    expect(protocolNumber("GRE")).toBeUndefined();
  });
});
