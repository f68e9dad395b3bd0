import { describe, expect, it } from "vitest";
import { determinePolicyName, tieredPolicyName } from "./policy-name";
import { fromV1Storage, METADATA_ANNOTATION, type StoredObject, toV1Storage } from "./storage";
import { convertUid } from "./uid";

const v3: StoredObject = {
  apiVersion: "projectcalico.org/v3",
  kind: "GlobalNetworkPolicy",
  metadata: {
    name: "allow-ssh",
    uid: "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0",
    resourceVersion: "42",
    creationTimestamp: "2026-01-02T03:04:05Z",
    labels: { team: "net", "projectcalico.org/tier": "default" },
    annotations: { note: "x", "operator.tigera.io/owned": "yes" },
    ownerReferences: [
      {
        apiVersion: "projectcalico.org/v3",
        kind: "Tier",
        name: "default",
        uid: "00000000-0000-4000-8000-000000000001",
      },
    ],
  },
  spec: { order: 10, selector: "all()" },
};

describe("convertUid", () => {
  it("reverses each byte's bits except the version and variant bytes, and is its own inverse", () => {
    expect(convertUid("01000000-0000-4000-8000-000000000080")).toBe("80000000-0000-4000-8000-000000000001");
    const uid = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
    expect(convertUid(convertUid(uid) ?? "")).toBe(uid);
    expect(convertUid("not-a-uid")).toBeUndefined();
  });
});

describe("policy names in storage", () => {
  it("strips default. only for the default tier", () => {
    expect(determinePolicyName("default.allow-ssh", undefined)).toBe("allow-ssh");
    expect(determinePolicyName("default.allow-ssh", "default")).toBe("allow-ssh");
    expect(determinePolicyName("default.allow-ssh", "security")).toBe("default.allow-ssh");
    expect(determinePolicyName("security.allow-ssh", "security")).toBe("security.allow-ssh");
  });

  it("prefixes bare names as Calico up to v3.31 did", () => {
    expect(tieredPolicyName("allow-ssh")).toBe("default.allow-ssh");
    expect(tieredPolicyName("security.allow-ssh")).toBe("security.allow-ssh");
    expect(tieredPolicyName("knp.default.web")).toBe("knp.default.web");
  });
});

describe("toV1Storage / fromV1Storage", () => {
  it("keeps only Calico-owned labels and annotations on the CR and the rest in the metadata annotation", () => {
    const result = toV1Storage(v3);
    if (!result.ok) throw new Error("conversion failed");
    const cr = result.value;
    expect(cr.apiVersion).toBe("crd.projectcalico.org/v1");
    expect(cr.metadata.name).toBe("allow-ssh");
    expect(cr.metadata.uid).toBe(convertUid("0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"));
    expect(cr.metadata.labels).toEqual({ "projectcalico.org/tier": "default" });
    const annotations = cr.metadata.annotations as Record<string, string>;
    expect(annotations["operator.tigera.io/owned"]).toBe("yes");
    expect(annotations.note).toBeUndefined();
    expect(JSON.parse(annotations[METADATA_ANNOTATION] ?? "{}")).toEqual({
      name: "allow-ssh",
      creationTimestamp: "2026-01-02T03:04:05Z",
      labels: { team: "net", "projectcalico.org/tier": "default" },
      annotations: { note: "x", "operator.tigera.io/owned": "yes" },
      ownerReferences: [
        {
          apiVersion: "crd.projectcalico.org/v1",
          kind: "Tier",
          name: "default",
          uid: convertUid("00000000-0000-4000-8000-000000000001"),
        },
      ],
    });
    expect(cr.spec).toEqual(v3.spec);
  });

  it("round-trips a v3 object through storage", () => {
    const stored = toV1Storage(v3);
    if (!stored.ok) throw new Error("conversion failed");
    expect(fromV1Storage(stored.value)).toEqual({ ok: true, value: v3 });
  });

  it("stores tier-prefixed names on request and reads the v3 name back from the annotation", () => {
    const stored = toV1Storage(v3, { storedName: tieredPolicyName("allow-ssh") });
    if (!stored.ok) throw new Error("conversion failed");
    expect(stored.value.metadata.name).toBe("default.allow-ssh");
    const back = fromV1Storage(stored.value);
    expect(back.ok && back.value.metadata.name).toBe("allow-ssh");
  });

  it("reads a CR without the annotation, stripping default. from the name", () => {
    const cr: StoredObject = {
      apiVersion: "crd.projectcalico.org/v1",
      kind: "NetworkPolicy",
      metadata: { name: "default.web", namespace: "shop", labels: { a: "b" } },
      spec: {},
    };
    expect(fromV1Storage(cr)).toEqual({
      ok: true,
      value: {
        apiVersion: "projectcalico.org/v3",
        kind: "NetworkPolicy",
        metadata: { name: "web", namespace: "shop", labels: { a: "b" } },
        spec: {},
      },
    });
  });

  it("reports a corrupt metadata annotation as a value", () => {
    const cr: StoredObject = {
      apiVersion: "crd.projectcalico.org/v1",
      kind: "HostEndpoint",
      metadata: { name: "h", annotations: { [METADATA_ANNOTATION]: "{" } },
    };
    expect(fromV1Storage(cr)).toEqual({
      ok: false,
      errors: [expect.objectContaining({ path: `metadata.annotations["${METADATA_ANNOTATION}"]` })],
    });
  });

  it("does not store the name of non-policy kinds in the annotation", () => {
    const stored = toV1Storage({
      apiVersion: "projectcalico.org/v3",
      kind: "HostEndpoint",
      metadata: { name: "w1-public" },
      spec: { node: "w1" },
    });
    if (!stored.ok) throw new Error("conversion failed");
    expect(
      JSON.parse((stored.value.metadata.annotations as Record<string, string>)[METADATA_ANNOTATION] ?? ""),
    ).toEqual({ creationTimestamp: null });
  });
});
