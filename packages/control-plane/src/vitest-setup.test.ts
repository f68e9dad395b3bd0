import { describe, expect, it } from "vitest";
import { crdSetsFromEnv } from "./vitest-setup.js";

describe("crdSetsFromEnv", () => {
  it("reads the CRD sets to serve, primary first, v1 and v3 by default", () => {
    expect(crdSetsFromEnv({})).toEqual(["v1", "v3"]);
    expect(crdSetsFromEnv({ PALISADE_CONTROL_PLANE_CRDS: "v3" })).toEqual(["v3"]);
    expect(crdSetsFromEnv({ PALISADE_CONTROL_PLANE_CRDS: " v3, v1,v3" })).toEqual(["v3", "v1"]);
    expect(() => crdSetsFromEnv({ PALISADE_CONTROL_PLANE_CRDS: "v2" })).toThrow("PALISADE_CONTROL_PLANE_CRDS");
    expect(() => crdSetsFromEnv({ PALISADE_CONTROL_PLANE_CRDS: "" })).toThrow("PALISADE_CONTROL_PLANE_CRDS");
  });
});
