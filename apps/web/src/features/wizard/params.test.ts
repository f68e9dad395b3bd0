import { describe, expect, it } from "vitest";
import {
  allowlistParams,
  DEFAULT_ALLOWLIST,
  DEFAULT_DENY_NODEPORTS,
  DEFAULT_LOG,
  denyNodePortsParams,
  logParams,
  sampleClientIn,
  splitList,
} from "./params";

describe("wizard parameters", () => {
  it("splits lists on commas, spaces and newlines", () => {
    expect(splitList(" 10.0.0.0/8,\n203.0.113.0/24  192.0.2.1 ")).toEqual([
      "10.0.0.0/8",
      "203.0.113.0/24",
      "192.0.2.1",
    ]);
  });

  it("builds the allowlist generator's parameters, numbers for single ports and strings for ranges", () => {
    expect(
      allowlistParams({
        ...DEFAULT_ALLOWLIST,
        sourceCidrs: "203.0.113.0/24",
        destinationIps: "169.46.7.238",
        ports: "80, 443, 8000:8080",
        order: "800",
      }),
    ).toEqual({
      params: {
        sourceCidrs: ["203.0.113.0/24"],
        destinationIps: ["169.46.7.238"],
        ports: [80, 443, "8000:8080"],
        protocol: "TCP",
        interfaces: ["public"],
        order: 800,
      },
    });
  });

  it("names every missing or malformed field", () => {
    expect(allowlistParams({ ...DEFAULT_ALLOWLIST, ports: "70000", interfaces: [], order: "soon" })).toEqual({
      errors: {
        sourceCidrs: expect.any(String),
        destinationIps: expect.any(String),
        ports: expect.stringContaining('port "70000" is invalid'),
        interfaces: expect.any(String),
        order: expect.any(String),
      },
    });
    expect(allowlistParams({ ...DEFAULT_ALLOWLIST, sourceCidrs: "a", destinationIps: "b", ports: "90:80" })).toEqual({
      errors: { ports: 'port range "90:80" is reversed; write "80:90"' },
    });
    expect(allowlistParams({ ...DEFAULT_ALLOWLIST, sourceCidrs: "a", destinationIps: "b", ports: "0" })).toEqual({
      errors: { ports: "port 0 is invalid; port numbers must be between 1 and 65535" },
    });
  });

  it("defaults deny-nodeports to the NodePort range on public interfaces", () => {
    expect(denyNodePortsParams(DEFAULT_DENY_NODEPORTS)).toEqual({
      params: { interfaces: ["public"], ports: ["30000:32767"] },
    });
    expect(denyNodePortsParams({ ...DEFAULT_DENY_NODEPORTS, ports: "x" })).toEqual({
      errors: { ports: '"x" is not a port or a min:max range' },
    });
  });

  it("gives the log policy the name and order typed, else leaves both to the generator's defaults", () => {
    const policy = { kind: "NetworkPolicy" as const, name: "web", namespace: "shop" };
    expect(logParams(DEFAULT_LOG, policy)).toEqual({ params: { policy } });
    expect(logParams({ name: " log-web ", order: "1200.5" }, policy)).toEqual({
      params: { policy, name: "log-web", order: 1200.5 },
    });
    expect(logParams({ name: "", order: "late" }, policy)).toEqual({
      errors: { order: "Order is a number; lower runs first" },
    });
  });

  it("picks a sample client inside the first client CIDR", () => {
    expect(sampleClientIn("203.0.113.0/24, 198.51.100.7/32")).toBe("203.0.113.1");
    expect(sampleClientIn("10.1.2.3/8")).toBe("10.0.0.1");
    expect(sampleClientIn("198.51.100.7/32")).toBe("198.51.100.7");
    expect(sampleClientIn("198.51.100.7")).toBe("198.51.100.7");
    expect(sampleClientIn("192.0.2.4/31")).toBe("192.0.2.4");
    expect(sampleClientIn("2001:db8::/32")).toBe("2001:db8::");
    expect(sampleClientIn("")).toBeUndefined();
    expect(sampleClientIn("300.1.1.1/24")).toBeUndefined();
    expect(sampleClientIn("10.0.0.0/33")).toBeUndefined();
  });
});
