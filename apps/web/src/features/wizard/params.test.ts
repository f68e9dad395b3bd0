import { parseCalicoVersion, releaseRangeOf } from "@palisade/calico";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  allowlistParams,
  DEFAULT_ALLOWLIST,
  DEFAULT_DENY_NODEPORTS,
  DEFAULT_LOG,
  DEFAULT_TIER_FORM,
  denyNodePortsParams,
  logParams,
  sampleClientIn,
  splitList,
  tierFormOf,
  tierYaml,
} from "./params";

const V3_31 = releaseRangeOf(parseCalicoVersion("v3.31.0"), undefined);
const V3_32 = releaseRangeOf(parseCalicoVersion("v3.32.1"), undefined);

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

describe("the tier form", () => {
  const yamlOf = (r: ReturnType<typeof tierYaml>) => ("yaml" in r ? parse(r.yaml) : r);

  it("builds a Tier from a name, an order and a default action; an empty order is none", () => {
    expect(yamlOf(tierYaml({ name: " security ", order: "100", defaultAction: "Pass" }, undefined))).toEqual({
      apiVersion: "projectcalico.org/v3",
      kind: "Tier",
      metadata: { name: "security" },
      spec: { order: 100, defaultAction: "Pass" },
    });
    expect(yamlOf(tierYaml({ ...DEFAULT_TIER_FORM, name: "last" }, undefined))).toMatchObject({
      spec: { defaultAction: "Deny" },
    });
    expect(yamlOf(tierYaml({ ...DEFAULT_TIER_FORM, name: "last" }, undefined)).spec).not.toHaveProperty("order");
  });

  it("says what to fix, per field, in Calico's words (docs/calico-semantics.md §2 and §3)", () => {
    expect(tierYaml(DEFAULT_TIER_FORM, undefined)).toEqual({ errors: { name: "Name the tier" } });
    expect(tierYaml({ ...DEFAULT_TIER_FORM, name: "a", order: "first" }, undefined)).toEqual({
      errors: { order: "Order is a number; lower runs first" },
    });
    expect(tierYaml({ ...DEFAULT_TIER_FORM, name: "net.sec" }, undefined)).toEqual({
      errors: { name: expect.stringContaining("no dots") },
    });
    expect(tierYaml({ name: "kube-admin", order: "5", defaultAction: "Deny" }, undefined, V3_32)).toEqual({
      errors: {
        order: 'Calico v3.32 requires the built-in tier "kube-admin" to have order 1000',
        defaultAction: 'Calico v3.32 requires the built-in tier "kube-admin" to have defaultAction Pass',
      },
    });
    expect(tierYaml({ name: "default", order: "1000000", defaultAction: "Pass" }, undefined, V3_32)).toEqual({
      errors: { defaultAction: 'Calico v3.32 requires the built-in tier "default" to have defaultAction Deny' },
    });
    expect(
      "yaml" in tierYaml({ name: "kube-baseline", order: "10000000", defaultAction: "Pass" }, undefined, V3_32),
    ).toBe(true);
  });

  it("follows the cluster's Calico release: v3.31 fixes the ANP tiers' orders and no default action", () => {
    expect(tierYaml({ name: "adminnetworkpolicy", order: "5", defaultAction: "Deny" }, undefined, V3_31)).toEqual({
      errors: { order: 'Calico v3.31 requires the built-in tier "adminnetworkpolicy" to have order 1000' },
    });
    expect("yaml" in tierYaml({ name: "kube-admin", order: "5", defaultAction: "Deny" }, undefined, V3_31)).toBe(true);
    expect("yaml" in tierYaml({ name: "default", order: "1000000", defaultAction: "Pass" }, undefined, V3_31)).toBe(
      true,
    );
    // Not known: v3.32's rules.
    expect(tierYaml({ name: "kube-admin", order: "5", defaultAction: "Pass" }, undefined)).toEqual({
      errors: { order: 'Calico v3.32 requires the built-in tier "kube-admin" to have order 1000' },
    });
  });

  it("edits a tier over its live object: its labels and annotations stay, as a replace would drop them", () => {
    const live = {
      name: "security",
      order: 100,
      defaultAction: "Pass" as const,
      exists: true,
      policyCount: 2,
      yaml: "apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  name: security\n  labels:\n    team: net\n  annotations:\n    owner: sec\nspec:\n  order: 100\n  defaultAction: Pass\n",
    };
    const form = tierFormOf(live);
    expect(form).toEqual({ name: "security", order: "100", defaultAction: "Pass" });
    expect(yamlOf(tierYaml({ ...form, order: "", defaultAction: "Deny" }, live.yaml))).toEqual({
      apiVersion: "projectcalico.org/v3",
      kind: "Tier",
      metadata: { name: "security", labels: { team: "net" }, annotations: { owner: "sec" } },
      spec: { defaultAction: "Deny" },
    });
  });
});
