import { describe, expect, it } from "vitest";
import { loadCrdSet } from "./crds.js";

describe("loadCrdSet", () => {
  it.each([
    ["v1", "crd.projectcalico.org", "v1"],
    ["v3", "projectcalico.org", "v3"],
  ] as const)("reads the nine %s manifests from ../shared, each serving %s/%s", (set, group, version) => {
    const crds = loadCrdSet(set);
    expect(crds).toHaveLength(9);
    for (const crd of crds) {
      expect(crd.group).toBe(group);
      expect(crd.servedVersions).toEqual([version]);
      expect(crd.name).toBe(`${crd.plural}.${group}`);
    }
    expect(crds.map((crd) => crd.plural)).toContain("globalnetworkpolicies");
  });
});
