import type { ExplainResult, TraceStep } from "@palisade/contract";
import { describe, expect, it } from "vitest";
import { stagePath, stepEndpoint } from "./stages";

const HEP = "hep/10.176.48.106-worker-public";
const POD = "wep/default/nginx-5d9c8f6b7c-4xkzq";

const step = (kind: TraceStep["kind"], stage: TraceStep["stage"], endpoint: string, result: TraceStep["result"]) => ({
  kind,
  stage,
  endpoint,
  result,
  message: "",
});

/** A NodePort packet DNATed to an nginx pod whose own policy drops it (the seed's access-nginx). */
const denied: ExplainResult = {
  verdict: "deny",
  summary: "Denied at the end of tier default (normal stage of pod default/nginx-5d9c8f6b7c-4xkzq)",
  whatIf: false,
  decidedBy: 8,
  trace: [
    step("stage", "untracked", HEP, "next"),
    step("stage", "preDNAT", HEP, "next"),
    step("dnat", "forward", HEP, "next"),
    step("stage", "forward", HEP, "next"),
    step("policy", "forward", HEP, "next"),
    step("rule", "forward", HEP, "allow"),
    step("stage", "normal", POD, "next"),
    step("rule", "normal", POD, "no-match"),
    step("end-of-tier", "normal", POD, "deny"),
  ],
};

describe("stagePath", () => {
  it("lists each stage with its endpoint and outcome, and the DNAT between them", () => {
    expect(stagePath(denied)).toEqual([
      { kind: "stage", stage: "untracked", endpoint: stepEndpoint(HEP), outcome: "passed" },
      { kind: "stage", stage: "preDNAT", endpoint: stepEndpoint(HEP), outcome: "passed" },
      { kind: "dnat" },
      { kind: "stage", stage: "forward", endpoint: stepEndpoint(HEP), outcome: "accepted" },
      { kind: "stage", stage: "normal", endpoint: stepEndpoint(POD), outcome: "deny" },
    ]);
  });

  it("ends at the deciding stage, and skips steps before the first stage", () => {
    const failsafe: ExplainResult = {
      ...denied,
      verdict: "allow",
      decidedBy: 0,
      trace: [step("failsafe", "untracked", HEP, "allow")],
    };
    expect(stagePath(failsafe)).toEqual([]);
    const preDnat: ExplainResult = {
      ...denied,
      decidedBy: 2,
      trace: [
        step("stage", "untracked", HEP, "next"),
        step("stage", "preDNAT", HEP, "next"),
        step("rule", "preDNAT", HEP, "deny"),
      ],
    };
    expect(stagePath(preDnat).map((l) => (l.kind === "stage" ? l.outcome : l.kind))).toEqual(["passed", "deny"]);
  });

  it("marks the stage an undetermined answer stopped in", () => {
    const open: ExplainResult = {
      ...denied,
      verdict: "undetermined",
      decidedBy: 1,
      trace: [step("stage", "normal", POD, "next"), step("undetermined", "normal", POD, "undetermined")],
    };
    expect(stagePath(open)).toEqual([
      { kind: "stage", stage: "normal", endpoint: stepEndpoint(POD), outcome: "undetermined" },
    ]);
  });
});

describe("stepEndpoint", () => {
  it("reads host endpoint and pod ids", () => {
    expect(stepEndpoint(HEP)).toEqual({
      kind: "host",
      name: "10.176.48.106-worker-public",
      text: "host endpoint 10.176.48.106-worker-public",
    });
    expect(stepEndpoint(POD)).toEqual({
      kind: "pod",
      name: "default/nginx-5d9c8f6b7c-4xkzq",
      text: "pod default/nginx-5d9c8f6b7c-4xkzq",
    });
    expect(stepEndpoint(undefined)).toBeUndefined();
    expect(stepEndpoint("gnetset/x")).toBeUndefined();
  });
});
