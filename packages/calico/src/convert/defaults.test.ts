import { describe, expect, it } from "vitest";
import { applyPolicyDefaults, defaultPolicyTypes } from "./defaults";

describe("defaultPolicyTypes (docs/calico-semantics.md §2)", () => {
  it.each([
    [{}, ["Ingress"]],
    [{ ingress: [{}] }, ["Ingress"]],
    [{ egress: [{}] }, ["Egress"]],
    [{ ingress: [{}], egress: [{}] }, ["Ingress", "Egress"]],
  ])("%j gives %j", (spec, types) => {
    expect(defaultPolicyTypes(spec)).toEqual(types);
  });
});

describe("applyPolicyDefaults", () => {
  it("fills tier, types and the tier label, keeping explicit values", () => {
    expect(applyPolicyDefaults({ metadata: { name: "p" }, spec: { egress: [{}] } })).toEqual({
      metadata: { name: "p", labels: { "projectcalico.org/tier": "default" } },
      spec: { egress: [{}], tier: "default", types: ["Egress"] },
    });
    const explicit = applyPolicyDefaults({
      metadata: { name: "p", labels: { a: "b" } },
      spec: { tier: "security", types: ["Ingress" as const], egress: [{}] },
    });
    expect(explicit.spec?.types).toEqual(["Ingress"]);
    expect(explicit.metadata.labels).toEqual({ a: "b", "projectcalico.org/tier": "security" });
  });
});
