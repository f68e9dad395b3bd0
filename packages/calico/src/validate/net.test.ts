import { describe, expect, it } from "vitest";
import { cidrContains, formatIp, formatNetwork, isStrictlyMasked, parseCidr, parseCidrOrIp, parseIp } from "./net";

const cidr = (s: string) => {
  const c = parseCidr(s);
  if (c === undefined) throw new Error(`bad test CIDR ${s}`);
  return c;
};

describe("parseIp", () => {
  it.each([
    ["1.2.3.4", 4],
    ["aabb:aabb::ffff", 6],
    ["::", 6],
    ["dead:beef::", 6],
    ["::ffff:1.2.3.4", 4],
    ["1:2:3:4:5:6:7:8", 6],
    ["::1.2.3.4", 6],
  ])("parses %s as IPv%i", (s, version) => {
    expect(parseIp(s)?.version).toBe(version);
  });

  it("reads each dotted part as a byte", () => {
    expect(parseIp("0.10.255.199")?.bytes).toEqual([0, 10, 255, 199]);
  });

  it.each([
    "garbage",
    "1.2.3",
    "01.2.3.4",
    "256.1.1.1",
    "1.2.3.4.5",
    "1.2.3.",
    ".1.2.3",
    "1..2.3",
    "1.2.3.1000",
    "1.2.3.-4",
    "1.2.3.4 ",
    "1.2.3.00",
    "1:2:3:4:5:6:7:8:9",
    "1::2::3",
    "fe80::1%eth0",
    "",
  ])("rejects %j", (s) => {
    expect(parseIp(s)).toBeUndefined();
  });
});

describe("parseCidr", () => {
  it("needs a slash and a prefix within the family", () => {
    expect(parseCidr("10.0.0.0/8")?.prefix).toBe(8);
    expect(parseCidr("10.0.0.1")).toBeUndefined();
    expect(parseCidr("10.0.0.0/33")).toBeUndefined();
    expect(parseCidr("::/129")).toBeUndefined();
    expect(parseCidr("0:0:0::/0")?.prefix).toBe(0);
  });

  it("parseCidrOrIp takes a bare address as a full-length prefix", () => {
    expect(parseCidrOrIp("10.0.0.1")?.prefix).toBe(32);
    expect(parseCidrOrIp("dead:beef::")?.prefix).toBe(128);
  });
});

describe("formatIp", () => {
  it("prints like Go", () => {
    expect(formatIp([10, 0, 0, 1])).toBe("10.0.0.1");
    expect(formatIp(parseIp("::ffff:1.2.3.4")?.bytes ?? [])).toBe("1.2.3.4");
    expect(formatIp(parseIp("fe80:0:0:0:0:0:0:1")?.bytes ?? [])).toBe("fe80::1");
  });
});

describe("masking and containment", () => {
  it("tells strictly masked networks from addresses with host bits", () => {
    expect(isStrictlyMasked(cidr("10.0.0.0/8"))).toBe(true);
    expect(isStrictlyMasked(cidr("10.0.0.1/8"))).toBe(false);
    expect(isStrictlyMasked(cidr("aabb:aabb::0000/122"))).toBe(true);
    expect(formatNetwork(cidr("10.1.2.3/16"))).toBe("10.1.0.0/16");
    expect(formatNetwork(cidr("aabb:aabb::ffff/96"))).toBe("aabb:aabb::/96");
    expect(formatNetwork(cidr("2001:db8:0:0:1:0:0:1/128"))).toBe("2001:db8::1:0:0:1/128");
    expect(formatNetwork(cidr("2001:db8:0:1:1:1:1:1/128"))).toBe("2001:db8:0:1:1:1:1:1/128");
    expect(formatNetwork(cidr("::/0"))).toBe("::/0");
  });

  it("checks containment within one family", () => {
    expect(cidrContains(cidr("10.0.0.0/8"), cidr("10.1.0.0/16"))).toBe(true);
    expect(cidrContains(cidr("10.0.0.0/8"), cidr("11.0.0.0/16"))).toBe(false);
    expect(cidrContains(cidr("10.0.0.0/16"), cidr("10.0.0.0/8"))).toBe(false);
    expect(cidrContains(cidr("::/0"), cidr("10.0.0.0/8"))).toBe(false);
  });
});
