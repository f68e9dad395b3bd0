import type { ExplainResult, TraceStep } from "@palisade/contract";
import { describe, expect, it } from "vitest";
import { podDropsAfterHost } from "./podVerdict";
import { HEP, POD, step } from "./traceSteps.testing";

function result(verdict: "allow" | "deny", trace: TraceStep[]): ExplainResult {
  return { verdict, summary: "", decidedBy: trace.length - 1, trace, whatIf: true };
}

const hostAllows = [
  step({ kind: "stage", stage: "preDNAT", endpoint: HEP, result: "next" }),
  step({ kind: "rule", stage: "preDNAT", endpoint: HEP, policy: "GlobalNetworkPolicy//allowlist", result: "allow" }),
  step({ kind: "dnat", stage: "preDNAT", result: "next" }),
  step({ kind: "stage", endpoint: POD, result: "next" }),
  step({ kind: "policy", endpoint: POD, policy: "KubernetesNetworkPolicy/default/access-nginx", result: "next" }),
  step({ kind: "policy", endpoint: POD, policy: "NetworkPolicy/default/web", result: "next" }),
];

describe("podDropsAfterHost", () => {
  it("names the pod and its policies when the host allowed and the pod's chain denied", () => {
    const after = result("deny", [...hostAllows, step({ kind: "end-of-tier", endpoint: POD, result: "deny" })]);
    expect(podDropsAfterHost(after)).toEqual({
      pod: "default/nginx-1",
      policies: ["KubernetesNetworkPolicy default/access-nginx", "NetworkPolicy default/web"],
    });
  });

  it("says nothing when the packet is allowed, the host denied it, or no host stage let it through", () => {
    expect(
      podDropsAfterHost(result("allow", [...hostAllows, step({ kind: "rule", endpoint: POD, result: "allow" })])),
    ).toBeUndefined();
    const hostDenies = [
      step({ kind: "stage", stage: "preDNAT", endpoint: HEP, result: "next" }),
      step({ kind: "rule", stage: "preDNAT", endpoint: HEP, policy: "GlobalNetworkPolicy//deny", result: "deny" }),
    ];
    expect(podDropsAfterHost(result("deny", hostDenies))).toBeUndefined();
    const noHostAllow = hostAllows.filter((s) => s.result !== "allow");
    expect(
      podDropsAfterHost(result("deny", [...noHostAllow, step({ kind: "end-of-tier", endpoint: POD, result: "deny" })])),
    ).toBeUndefined();
  });

  it("lists no policy when only the pod's profiles decided", () => {
    const after = result("deny", [
      hostAllows[1] as TraceStep,
      step({ kind: "profile", endpoint: POD, profile: "kns.default", result: "deny" }),
    ]);
    expect(podDropsAfterHost(after)).toEqual({ pod: "default/nginx-1", policies: [] });
  });
});
