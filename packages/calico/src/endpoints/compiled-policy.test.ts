import { describe, expect, it } from "vitest";
import { compilePolicy, policyDirections } from "./compiled-policy";
import type { PolicyLike } from "./inputs";

function gnp(spec: PolicyLike["spec"]): PolicyLike {
  return { kind: "GlobalNetworkPolicy", metadata: { name: "p" }, spec: { selector: "all()", ...spec } };
}

describe("policyDirections", () => {
  it("defaults empty types from the rules present", () => {
    expect([...policyDirections(gnp({}))]).toEqual(["ingress"]);
    expect([...policyDirections(gnp({ egress: [{ action: "Allow" }] }))]).toEqual(["egress"]);
    expect([...policyDirections(gnp({ ingress: [{ action: "Allow" }], egress: [{ action: "Allow" }] }))]).toEqual([
      "ingress",
      "egress",
    ]);
  });

  it("keeps a preDNAT policy to ingress, whatever its types say", () => {
    const p = gnp({ preDNAT: true, applyOnForward: true, types: ["Ingress", "Egress"] });
    expect([...policyDirections(p)]).toEqual(["ingress"]);
    const compiled = compilePolicy(p);
    expect(compiled.ok && [...compiled.value.directions]).toEqual(["ingress"]);
  });
});
