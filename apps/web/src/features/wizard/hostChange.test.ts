import type { ExplainResult, TraceStep } from "@palisade/contract";
import { describe, expect, it } from "vitest";
import { hostChanged, hostDecision } from "./hostChange";
import { HEP, POD, step } from "./traceSteps.testing";

const result = (trace: TraceStep[]): ExplainResult => ({
  verdict: "deny",
  summary: "",
  decidedBy: trace.length - 1,
  trace,
  whatIf: false,
});
const podDenies = [
  step({ kind: "stage", endpoint: POD, result: "next" }),
  step({ kind: "end-of-tier", endpoint: POD, result: "deny" }),
];

// The seed's nginx LoadBalancer: the forward stage's allow-node-port-dnat lets the client past the host today; the
// proposed allowlist admits it earlier, in the preDNAT stage (so the forward stage is skipped).
const now = result([
  step({ kind: "stage", stage: "preDNAT", endpoint: HEP, result: "next" }),
  step({ kind: "dnat", stage: "forward", endpoint: HEP, result: "next" }),
  step({ kind: "stage", stage: "forward", endpoint: HEP, result: "next" }),
  step({
    kind: "rule",
    stage: "forward",
    endpoint: HEP,
    policy: "GlobalNetworkPolicy//allow-node-port-dnat",
    rule: 0,
    result: "allow",
  }),
  ...podDenies,
]);
const after = result([
  step({ kind: "stage", stage: "preDNAT", endpoint: HEP, result: "next" }),
  step({
    kind: "rule",
    stage: "preDNAT",
    endpoint: HEP,
    policy: "GlobalNetworkPolicy//allowlist",
    rule: 0,
    result: "allow",
  }),
  step({ kind: "dnat", stage: "forward", endpoint: HEP, result: "next" }),
  step({ kind: "note", stage: "forward", endpoint: HEP, result: "skip" }),
  ...podDenies,
]);

describe("hostDecision", () => {
  it("names the host endpoint's first deciding step: its stage, policy and 1-based rule", () => {
    expect(hostDecision(now)).toEqual({
      endpoint: "10.176.48.106-worker-public",
      outcome: "allow",
      stage: "forward",
      policy: "GlobalNetworkPolicy//allow-node-port-dnat",
      rule: 1,
    });
    expect(hostDecision(after)).toMatchObject({ outcome: "allow", stage: "preDNAT", rule: 1 });
  });

  it("says what decided when no policy did: the end of a tier, failsafe rules", () => {
    const endOfTier = result([
      step({ kind: "stage", stage: "forward", endpoint: HEP, result: "next" }),
      step({ kind: "end-of-tier", stage: "forward", endpoint: HEP, tier: "default", result: "deny" }),
    ]);
    expect(hostDecision(endOfTier)).toEqual({
      endpoint: "10.176.48.106-worker-public",
      outcome: "deny",
      stage: "forward",
      reason: "at the end of tier default",
    });
    const failsafe = result([step({ kind: "failsafe", stage: "untracked", endpoint: HEP, result: "allow" })]);
    expect(hostDecision(failsafe)?.reason).toBe("by Felix's failsafe rules");
  });

  it("says no host policy decided when only the pod's chain did, and nothing without a host endpoint", () => {
    const passes = result([step({ kind: "stage", stage: "preDNAT", endpoint: HEP, result: "next" }), ...podDenies]);
    expect(hostDecision(passes)).toEqual({ endpoint: "10.176.48.106-worker-public", outcome: "none" });
    expect(hostDecision(result(podDenies))).toBeUndefined();
  });
});

describe("hostChanged", () => {
  it("is a change when another policy or stage decides, even with the same outcome", () => {
    expect(hostChanged(hostDecision(now), hostDecision(after))).toBe(true);
    expect(hostChanged(hostDecision(now), hostDecision(now))).toBe(false);
  });
});
