/**
 * The model's admin policy CRDs (@palisade/calico `adminPolicyCrds`, what the demo cluster serves) against upstream's:
 * AdminNetworkPolicy and BaselineAdminNetworkPolicy as Calico v3.31 ships them (../shared), ClusterNetworkPolicy from
 * network-policy-api v0.2.0 (the Go module cache). The structural schema must agree: the same fields at the same
 * places, with the same types, enums, required fields and bounds. Descriptions and CEL rules are not compared (the
 * validator applies the rules, validate/admin-network-policy.ts).
 */
import { adminPolicyCrds } from "@palisade/calico";
import { describeWithShared } from "@palisade/reference/vitest";
import { describe, expect, it } from "vitest";
import { CLUSTER_NETWORK_POLICY_MODULE, type CrdManifest, goModuleDir, loadAdminPolicyCrds } from "./crds.js";

type Json = Record<string, unknown>;

const COMPARED = [
  "type",
  "format",
  "minimum",
  "maximum",
  "minItems",
  "maxItems",
  "maxLength",
  "minProperties",
  "maxProperties",
  "x-kubernetes-list-type",
  "x-kubernetes-map-type",
] as const;

/** Every node of a schema as `path: facts`, so a difference names its place. */
function shape(schema: unknown, path = "", out: string[] = []): string[] {
  if (schema === null || typeof schema !== "object") return out;
  const s = schema as Json;
  const facts: Json = {};
  for (const k of COMPARED) if (s[k] !== undefined) facts[k] = s[k];
  // Lists are atomic unless said otherwise; older controller-gen left it unsaid.
  if (facts["x-kubernetes-list-type"] === "atomic") delete facts["x-kubernetes-list-type"];
  if (Array.isArray(s.enum)) facts.enum = [...s.enum].sort();
  if (Array.isArray(s.required)) facts.required = [...s.required].sort();
  out.push(`${path || "."}: ${JSON.stringify(facts)}`);
  for (const [k, v] of Object.entries((s.properties as Json | undefined) ?? {})) shape(v, `${path}.${k}`, out);
  if (s.items !== undefined) shape(s.items, `${path}[]`, out);
  if (s.additionalProperties !== undefined) shape(s.additionalProperties, `${path}{}`, out);
  return out.sort();
}

function specShape(crd: { object?: unknown; spec?: unknown }): string[] {
  const body = (crd.object ?? crd) as { spec: { versions: { schema: { openAPIV3Schema: Json } }[] } };
  const root = body.spec.versions[0]?.schema.openAPIV3Schema as { properties: { spec: unknown } };
  return shape(root.properties.spec);
}

function modelCrd(name: string) {
  const crd = adminPolicyCrds().find((c) => c.metadata.name === name);
  if (crd === undefined) throw new Error(`the model has no ${name}`);
  return crd;
}

const APPROVAL = "api-approved.kubernetes.io";

function approval(crd: CrdManifest): unknown {
  const metadata = crd.object.metadata as { annotations?: Record<string, unknown> } | undefined;
  return metadata?.annotations?.[APPROVAL];
}

function compare(upstream: CrdManifest): void {
  const ours = modelCrd(upstream.name);
  expect(ours.spec.names.kind).toBe(upstream.kind);
  expect(ours.metadata.annotations?.[APPROVAL]).toBe(approval(upstream));
  expect(ours.spec.scope).toBe("Cluster");
  expect(ours.spec.versions.map((v) => v.name)).toEqual(upstream.servedVersions);
  expect(specShape(ours)).toEqual(specShape(upstream));
}

describeWithShared("the model's AdminNetworkPolicy CRDs against Calico v3.31's", () => {
  const absentModule = () => undefined;
  for (const name of ["adminnetworkpolicies", "baselineadminnetworkpolicies"]) {
    it(`matches ${name}.policy.networking.k8s.io in structure`, () => {
      const upstream = loadAdminPolicyCrds(undefined, absentModule).find((c) => c.plural === name);
      if (upstream === undefined) throw new Error(`no upstream ${name}`);
      compare(upstream);
    });
  }
});

describe("the model's ClusterNetworkPolicy CRD against network-policy-api v0.2.0's", () => {
  const dir = goModuleDir(CLUSTER_NETWORK_POLICY_MODULE);
  it.skipIf(dir === undefined)("matches clusternetworkpolicies.policy.networking.k8s.io in structure", () => {
    const absent = { present: false, dir: "/nowhere/shared", reason: "not needed" } as const;
    const upstream = loadAdminPolicyCrds(absent).find((c) => c.plural === "clusternetworkpolicies");
    if (upstream === undefined) throw new Error("no upstream ClusterNetworkPolicy CRD");
    // Upstream's own file, not the model's fallback.
    expect(approval(upstream)).toMatch(/^https:/);
    compare(upstream);
  });
});

describe("loadAdminPolicyCrds", () => {
  it("falls back to the model's CRDs for whatever upstream does not provide", () => {
    const absent = { present: false, dir: "/nowhere/shared", reason: "absent" } as const;
    const crds = loadAdminPolicyCrds(absent, () => undefined);
    expect(crds.map((c) => `${c.kind} ${c.group} ${c.servedVersions.join()}`)).toEqual([
      "AdminNetworkPolicy policy.networking.k8s.io v1alpha1",
      "BaselineAdminNetworkPolicy policy.networking.k8s.io v1alpha1",
      "ClusterNetworkPolicy policy.networking.k8s.io v1alpha2",
    ]);
    // The API server refuses a CRD in a *.k8s.io group that cites no API review.
    for (const crd of crds) expect(approval(crd), crd.name).toMatch(/^https:\/\/github\.com\/kubernetes-sigs\//);
  });
});
