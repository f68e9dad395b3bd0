import { describeWithShared } from "@palisade/reference/vitest";
import { describe, expect, it } from "vitest";
import { calicoV1Crds, calicoV3Crds } from "./crd";
import { CALICO_API_VERSION, KINDS } from "./kinds";

type Json = Record<string, unknown>;

/** Descriptions are Palisade's own editor help; everything else must match upstream exactly. */
function withoutDescriptions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDescriptions);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== "description")
      .map(([k, v]) => [k, withoutDescriptions(v)]),
  );
}

/** Upstream's metadata also has controller-gen's annotation; the name is what a server keys the CRD by. */
function comparable(crd: unknown): unknown {
  const { metadata, ...body } = JSON.parse(JSON.stringify(crd)) as Json & { metadata: { name: string } };
  return withoutDescriptions({ name: metadata.name, ...body });
}

const sets = [
  { set: "v3", generated: calicoV3Crds(), dir: "calico/crds/projectcalico.org-v3", prefix: "projectcalico.org_" },
  { set: "v1", generated: calicoV1Crds(), dir: "calico/crds", prefix: "crd.projectcalico.org_" },
] as const;

for (const { set, generated, dir, prefix } of sets) {
  describeWithShared(`the model's ${set} CRDs against upstream's (${dir})`, (shared) => {
    const files = shared.list(dir, [".yaml"]).filter((f) => f.startsWith(`${dir}/${prefix}`));
    const upstream = files.map((f) => shared.readYaml(f)[0] as Json & { metadata: { name: string } });

    it("builds one CRD per upstream CRD", () => {
      expect(files).toHaveLength(9);
      expect(generated.map((c) => c.metadata.name).sort()).toEqual(upstream.map((c) => c.metadata.name).sort());
    });

    for (const theirs of upstream) {
      it(`matches ${theirs.metadata.name} except for descriptions`, () => {
        const ours = generated.find((c) => c.metadata.name === theirs.metadata.name);
        expect(ours).toBeDefined();
        expect(comparable(ours)).toEqual(comparable(theirs));
      });
    }
  });
}

describe("calicoV3Crds and calicoV1Crds", () => {
  it("cover every Calico kind of the model, in their groups", () => {
    const calicoKinds = Object.values(KINDS).filter((k) => k.apiVersion === CALICO_API_VERSION).length;
    for (const [crds, group] of [
      [calicoV3Crds(), "projectcalico.org"],
      [calicoV1Crds(), "crd.projectcalico.org"],
    ] as const) {
      expect(crds).toHaveLength(calicoKinds);
      for (const crd of crds) expect(crd.metadata.name).toBe(`${crd.spec.names.plural}.${group}`);
    }
  });

  it("leave the classic CRDs without descriptions, as upstream's are", () => {
    expect(JSON.stringify(calicoV1Crds())).not.toContain('"description"');
  });
});
