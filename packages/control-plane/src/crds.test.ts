import { describeWithShared } from "@palisade/reference/vitest";
import { describe, expect, it } from "vitest";
import { type CrdManifest, type CrdSet, loadCrdSet } from "./crds.js";

const SETS = [
  ["v1", "crd.projectcalico.org", "v1"],
  ["v3", "projectcalico.org", "v3"],
] as const;

function expectNine(crds: CrdManifest[], group: string, version: string): void {
  expect(crds).toHaveLength(9);
  for (const crd of crds) {
    expect(crd.group).toBe(group);
    expect(crd.servedVersions).toEqual([version]);
    expect(crd.name).toBe(`${crd.plural}.${group}`);
  }
  expect(crds.map((crd) => crd.plural)).toContain("globalnetworkpolicies");
}

const absent = { present: false, dir: "/nowhere/shared", reason: "/nowhere/shared does not exist" } as const;

describeWithShared("loadCrdSet with ../shared", () => {
  it.each(SETS)("reads the nine %s manifests from ../shared, each serving %s/%s", (set, group, version) => {
    expectNine(loadCrdSet(set), group, version);
  });

  it.each(["v1", "v3"] as CrdSet[])("builds the same %s CRDs from the model, by name, kind and scope", (set) => {
    const summary = (crds: CrdManifest[]) =>
      crds
        .map(({ name, kind, namespaced, servedVersions }) => ({ name, kind, namespaced, servedVersions }))
        .sort((a, b) => a.name.localeCompare(b.name));
    expect(summary(loadCrdSet(set, absent))).toEqual(summary(loadCrdSet(set)));
  });
});

describe("loadCrdSet without ../shared", () => {
  it.each(SETS)("builds the nine %s CRDs from the model, each serving %s/%s", (set, group, version) => {
    expectNine(loadCrdSet(set, absent), group, version);
  });
});
