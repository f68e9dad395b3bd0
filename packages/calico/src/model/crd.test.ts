import { describe, expect, it } from "vitest";
import { listShared, readSharedYaml } from "../../test/shared-files";
import { calicoV3Crds } from "./crd";
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

function schemaOf(crd: Json): Json {
  const spec = crd.spec as { versions: { schema: { openAPIV3Schema: Json } }[] };
  const version = spec.versions[0];
  if (version === undefined) throw new Error("CRD without versions");
  return version.schema.openAPIV3Schema;
}

const generated = calicoV3Crds();
const v3Files = listShared("calico/crds/projectcalico.org-v3", [".yaml"]);
const v1Files = listShared("calico/crds", [".yaml"]).filter((f) => f.includes("crd.projectcalico.org_"));

describe("calicoV3Crds", () => {
  it("builds one CRD per upstream v3 CRD", () => {
    expect(generated.map((c) => c.metadata.name).sort()).toEqual(
      v3Files.map((f) => (readSharedYaml(f)[0] as { metadata: { name: string } }).metadata.name).sort(),
    );
  });

  for (const file of v3Files) {
    const upstream = readSharedYaml(file)[0] as Json & { metadata: { name: string } };
    it(`matches ${upstream.metadata.name} (schema, names, scope, columns) except for descriptions`, () => {
      const ours = generated.find((c) => c.metadata.name === upstream.metadata.name);
      expect(ours).toBeDefined();
      const { metadata: _m, ...upstreamBody } = upstream;
      const { metadata: _o, ...oursBody } = JSON.parse(JSON.stringify(ours)) as Json;
      expect(withoutDescriptions(oursBody)).toEqual(withoutDescriptions(upstreamBody));
    });
  }

  for (const file of v1Files) {
    const upstream = readSharedYaml(file)[0] as Json & { spec: { names: { kind: string } } };
    const kind = upstream.spec.names.kind;
    it(`has the same spec schema as the classic crd.projectcalico.org/v1 ${kind}`, () => {
      const ours = generated.find((c) => c.spec.names.kind === kind);
      expect(ours).toBeDefined();
      const oursSpec = (schemaOf(ours as unknown as Json).properties as Json).spec;
      const theirs = (schemaOf(upstream).properties as Json).spec;
      expect(withoutDescriptions(oursSpec)).toEqual(withoutDescriptions(theirs));
    });
  }

  it("covers every Calico kind of the model", () => {
    const calicoKinds = Object.values(KINDS).filter((k) => k.apiVersion === CALICO_API_VERSION).length;
    expect(generated).toHaveLength(calicoKinds);
  });
});
