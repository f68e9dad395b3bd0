import { describe, expect, it } from "vitest";
import { anyResourceJsonSchema, resourceJsonSchema } from "./json-schema";
import { MODEL_KINDS } from "./kinds";

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
    expect((anyResourceJsonSchema().allOf as unknown[]).length).toBe(MODEL_KINDS.length);
  });
});
