import { describe, expect, it } from "vitest";
import { promotion, stagedForm } from "./staged";

const meta = {
  name: "allow-api",
  namespace: "shop",
  labels: { team: "shop" },
  annotations: { note: "trial" },
  resourceVersion: "42",
  uid: "u-1",
  creationTimestamp: "2026-12-01T00:00:00Z",
};

describe("promotion", () => {
  it("Set: the metadata and every spec field copied to the enforced kind, stagedAction dropped", () => {
    const spec = {
      tier: "default",
      order: 10,
      selector: "app == 'api'",
      stagedAction: "Set",
      ingress: [{ action: "Allow" }],
    };
    const r = promotion({ apiVersion: "projectcalico.org/v3", kind: "StagedNetworkPolicy", metadata: meta, spec });
    expect(r).toEqual({
      ok: true,
      value: {
        action: "Set",
        ref: { kind: "NetworkPolicy", name: "allow-api", namespace: "shop" },
        enforced: {
          apiVersion: "projectcalico.org/v3",
          kind: "NetworkPolicy",
          metadata: { name: "allow-api", namespace: "shop", labels: { team: "shop" }, annotations: { note: "trial" } },
          spec: { tier: "default", order: 10, selector: "app == 'api'", ingress: [{ action: "Allow" }] },
        },
      },
    });
  });

  it("no stagedAction means Set; a staged Kubernetes policy becomes a networking.k8s.io/v1 NetworkPolicy", () => {
    const spec = { podSelector: { matchLabels: { app: "api" } }, policyTypes: ["Ingress"] };
    const r = promotion({ kind: "StagedKubernetesNetworkPolicy", metadata: { name: "k", namespace: "shop" }, spec });
    expect(r.ok && r.value.action === "Set" && r.value.enforced).toEqual({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "k", namespace: "shop" },
      spec,
    });
  });

  it("Delete: promoting deletes the enforced policy of the same name", () => {
    const r = promotion({
      kind: "StagedGlobalNetworkPolicy",
      metadata: { name: "old" },
      spec: { stagedAction: "Delete" },
    });
    expect(r).toEqual({ ok: true, value: { action: "Delete", ref: { kind: "GlobalNetworkPolicy", name: "old" } } });
  });

  it("refuses Learn and Ignore, and kinds that are not staged, naming the field", () => {
    const learn = promotion({
      kind: "StagedNetworkPolicy",
      metadata: { name: "x", namespace: "a" },
      spec: { stagedAction: "Learn" },
    });
    expect(learn.ok ? undefined : learn.error.path).toBe("spec.stagedAction");
    const gnp = promotion({ kind: "GlobalNetworkPolicy", metadata: { name: "x" }, spec: {} });
    expect(gnp.ok ? undefined : gnp.error.path).toBe("kind");
  });
});

describe("stagedForm", () => {
  it("is the staged policy that promotes back to the same enforced one", () => {
    const gnp = {
      apiVersion: "projectcalico.org/v3",
      kind: "GlobalNetworkPolicy",
      metadata: { name: "g" },
      spec: { order: 5, selector: "all()" },
    };
    const staged = stagedForm(gnp, "GlobalNetworkPolicy");
    expect(staged).toEqual({
      apiVersion: "projectcalico.org/v3",
      kind: "StagedGlobalNetworkPolicy",
      metadata: { name: "g" },
      spec: { order: 5, selector: "all()", stagedAction: "Set" },
    });
    const back = promotion(staged);
    expect(back.ok && back.value.action === "Set" && back.value.enforced).toEqual(gnp);
  });
});
