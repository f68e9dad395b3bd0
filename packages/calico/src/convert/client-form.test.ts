import { describe, expect, it } from "vitest";
import { parseCalicoVersion, policyNaming, storedPolicyName } from "./calico-version";
import { clientPolicyForm, clientReadForm } from "./client-form";

describe("Calico version and policy naming", () => {
  it("parses release, pre-release and bare versions, and refuses the rest", () => {
    expect(parseCalicoVersion("v3.31.0")).toEqual({ major: 3, minor: 31, patch: 0, text: "v3.31.0" });
    expect(parseCalicoVersion("3.32.1-0.dev-12-gabc")).toMatchObject({ major: 3, minor: 32, patch: 1 });
    expect(parseCalicoVersion("v3.30")).toMatchObject({ major: 3, minor: 30, patch: 0 });
    expect(parseCalicoVersion("master")).toBeUndefined();
  });

  it("stores default.<name> up to v3.31 and for an unknown version, the name itself from v3.32", () => {
    const v331 = policyNaming(parseCalicoVersion("v3.31.0"));
    const v332 = policyNaming(parseCalicoVersion("v3.32.0"));
    const unknown = policyNaming(undefined);
    expect(storedPolicyName("allow-ssh", v331)).toBe("default.allow-ssh");
    expect(storedPolicyName("security.allow-ssh", v331)).toBe("security.allow-ssh");
    expect(storedPolicyName("knp.default.web", v331)).toBe("knp.default.web");
    expect(storedPolicyName("allow-ssh", unknown)).toBe("default.allow-ssh");
    expect(storedPolicyName("allow-ssh", v332)).toBe("allow-ssh");
    expect(v331.calico).toBe("Calico v3.31.0");
    expect(unknown.calico).toBe("Calico of an unknown version");
  });
});

describe("clientPolicyForm: what calicoctl stores for the same YAML", () => {
  it("stores digit-string ports and protocols as numbers and keeps empty source and destination", () => {
    const out = clientPolicyForm({
      metadata: { name: "p" },
      spec: {
        selector: "a == 'b'",
        doNotTrack: false,
        namespaceSelector: "",
        ingress: [
          { action: "Allow", protocol: "TCP", destination: { ports: ["8443", "80:90", "9000:9000", "https"] } },
          { action: "Allow", protocol: "6", source: { nets: [] } },
        ],
        egress: [],
      },
    });
    expect(out.spec).toEqual({
      selector: "a == 'b'",
      types: ["Ingress"],
      ingress: [
        { action: "Allow", protocol: "TCP", source: {}, destination: { ports: [8443, "80:90", 9000, "https"] } },
        { action: "Allow", protocol: 6, source: {}, destination: {} },
      ],
    });
  });

  it("labels the tier only outside the default tier and leaves spec.tier as written", () => {
    const plain = clientPolicyForm({ metadata: { name: "p", labels: { a: "b" } }, spec: { selector: "all()" } });
    expect(plain.metadata.labels).toEqual({ a: "b" });
    expect(plain.spec).not.toHaveProperty("tier");
    const tiered = clientPolicyForm({
      metadata: { name: "security.p" } as { name: string; labels?: Record<string, string> },
      spec: { tier: "security" },
    });
    expect(tiered.metadata.labels).toEqual({ "projectcalico.org/tier": "security" });
  });

  it("keeps explicit types and rule metadata annotations, dropping an empty annotations map", () => {
    const out = clientPolicyForm({
      metadata: { name: "p" },
      spec: {
        types: ["Ingress", "Egress"],
        egress: [
          { action: "Deny", metadata: { annotations: {} } },
          { action: "Log", metadata: { annotations: { a: "b" } } },
        ],
      },
    });
    expect(out.spec).toEqual({
      types: ["Ingress", "Egress"],
      egress: [
        { action: "Deny", source: {}, destination: {}, metadata: {} },
        { action: "Log", source: {}, destination: {}, metadata: { annotations: { a: "b" } } },
      ],
    });
  });
});

describe("clientPolicyForm on a staged Delete", () => {
  it("clears types instead of deriving them, as clientv3 does (a staged Delete carries only the tier)", () => {
    const out = clientPolicyForm({ metadata: { name: "p" }, spec: { stagedAction: "Delete", types: ["Ingress"] } });
    expect(out.spec).toEqual({ stagedAction: "Delete" });
    expect(clientPolicyForm({ metadata: { name: "p" }, spec: { stagedAction: "Delete" } }).spec).toEqual({
      stagedAction: "Delete",
    });
  });
});

describe("clientReadForm: what calicoctl get shows for a stored policy", () => {
  it("fills an empty tier from the name and labels the default tier when unlabelled", () => {
    const read = (name: string, tier?: string, labels?: Record<string, string>) => {
      const out = clientReadForm({ metadata: { name, ...(labels === undefined ? {} : { labels }) }, spec: { tier } });
      return [(out.spec as { tier?: string }).tier, out.metadata.labels];
    };
    expect(read("allow-ssh")).toEqual(["default", { "projectcalico.org/tier": "default" }]);
    expect(read("security.block")).toEqual(["security", { "projectcalico.org/tier": "default" }]);
    expect(read("knp.default.web")).toEqual(["default", { "projectcalico.org/tier": "default" }]);
    expect(read("kanp.adminnetworkpolicy.a")[0]).toBe("adminnetworkpolicy");
    expect(read("kbanp.baselineadminnetworkpolicy.default")[0]).toBe("baselineadminnetworkpolicy");
    expect(read("ossg.default.sg")[0]).toBe("default");
    // What was stored is kept: the tier as written, the tier label calicoctl added outside the default tier.
    expect(read("p", "security", { "projectcalico.org/tier": "security", team: "net" })).toEqual([
      "security",
      { "projectcalico.org/tier": "security", team: "net" },
    ]);
  });
});
