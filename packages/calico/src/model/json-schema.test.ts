import { Compile } from "typebox/schema";
import { describe, expect, it } from "vitest";
import { anyResourceJsonSchema, resourceJsonSchema } from "./json-schema";
import { RESOURCE_KINDS, type ResourceKind } from "./kinds";

type Json = Record<string, unknown>;
const at = (schema: Json, ...path: string[]): Json =>
  path.reduce<Json>((node, key) => (node[key] ?? {}) as Json, schema);

describe("resourceJsonSchema", () => {
  it("pins apiVersion and kind for each kind", () => {
    const gnp = resourceJsonSchema("GlobalNetworkPolicy");
    expect(at(gnp, "properties", "apiVersion").const).toBe("projectcalico.org/v3");
    expect(at(gnp, "properties", "kind").const).toBe("GlobalNetworkPolicy");
    const knp = resourceJsonSchema("KubernetesNetworkPolicy");
    expect(at(knp, "properties", "apiVersion").const).toBe("networking.k8s.io/v1");
    expect(at(knp, "properties", "kind").const).toBe("NetworkPolicy");
  });

  it("describes rules with the enums the validator enforces", () => {
    const action = at(resourceJsonSchema("NetworkPolicy"), "properties", "spec", "properties", "egress", "items");
    expect(at(action, "properties", "action").enum).toEqual(["Allow", "Deny", "Log", "Pass"]);
    expect(at(action, "required")).toEqual(["action"]);
  });

  it("is plain JSON (no TypeBox markers survive a round trip)", () => {
    const schema = resourceJsonSchema("HostEndpoint");
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});

describe("anyResourceJsonSchema", () => {
  it("has one conditional branch per modelled kind", () => {
    expect((anyResourceJsonSchema().allOf as unknown[]).length).toBe(RESOURCE_KINDS.length);
  });
});

describe("editor schema while typing", () => {
  const validators = new Map(RESOURCE_KINDS.map((k) => [k, Compile(resourceJsonSchema(k) as never)]));
  const check = (kind: ResourceKind, value: unknown) => validators.get(kind)?.Check(value);
  const gnp = (spec: Record<string, unknown>) => ({
    apiVersion: "projectcalico.org/v3",
    kind: "GlobalNetworkPolicy",
    metadata: { name: "p" },
    spec,
  });

  it("flags misspelt fields, protocol case and port syntax while typing", () => {
    expect(check("GlobalNetworkPolicy", gnp({ selectr: "all()" }))).toBe(false);
    expect(check("GlobalNetworkPolicy", gnp({ ingress: [{ action: "Allow", protocol: "tcp" }] }))).toBe(false);
    expect(
      check(
        "GlobalNetworkPolicy",
        gnp({ ingress: [{ action: "Allow", protocol: "TCP", destination: { ports: [80, "80:90", "http"] } }] }),
      ),
    ).toBe(true);
    expect(
      check(
        "GlobalNetworkPolicy",
        gnp({ ingress: [{ action: "Allow", protocol: 6, destination: { ports: ["80-90"] } }] }),
      ),
    ).toBe(false);
  });
});
