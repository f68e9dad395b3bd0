import type { TraceStep } from "@palisade/contract";

/** Test fixtures for the wizard's readings of a trace: a worker's public host endpoint and an nginx pod behind it. */
export const HEP = "hep/10.176.48.106-worker-public";
export const POD = "wep/default/nginx-1";

/** A trace step with the fields a test does not care about filled in. */
export const step = (s: Partial<TraceStep> & Pick<TraceStep, "kind" | "result">): TraceStep => ({
  stage: "normal",
  message: "",
  ...s,
});
