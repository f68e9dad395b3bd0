import { KubeConfig } from "@kubernetes/client-node";
import type { AuditEntry } from "@palisade/contract";
import { injectControlPlane } from "@palisade/control-plane/testing";
import { afterAll, describe, expect, it } from "vitest";
import { KubeClient } from "../kube/http";
import { ClusterAuditStore } from "./cluster-store";
import { newAuditId } from "./store";

const cp = injectControlPlane();

function client(user: "admin" | "viewer"): KubeClient {
  const kc = new KubeConfig();
  kc.loadFromFile(cp.kubeconfigs[user]);
  return new KubeClient(kc, cp.server);
}

const entry = (name: string, time: string, over: Partial<AuditEntry> = {}): AuditEntry => ({
  id: newAuditId(new Date(time)),
  time,
  user: "system:serviceaccount:palisade:palisade",
  cluster: "real",
  action: "create",
  object: { kind: "NetworkPolicy", name, namespace: "default" },
  fromResourceVersion: null,
  toResourceVersion: "12",
  diff: `--- /dev/null\n+++ b/${name}\n@@ -0,0 +1 @@\n+kind: NetworkPolicy\n`,
  outcome: "success",
  requestId: "int-1",
  yaml: "kind: NetworkPolicy\n",
  ...over,
});

describe("ClusterAuditStore on a real kube-apiserver (the CRD the control plane installs)", () => {
  const written: string[] = [];
  afterAll(async () => {
    const admin = client("admin");
    for (const name of written)
      await admin.request("DELETE", `/apis/palisade.io/v1alpha1/auditrecords/${name}`).catch(() => undefined);
  });

  it("stores records the API server validates, reads them back in order and prunes the oldest", async () => {
    const errors: unknown[] = [];
    const now = Date.parse("2026-06-01T00:00:00Z");
    const store = new ClusterAuditStore(
      { get: () => ({ client: client("admin") }) },
      { keep: 2, maxAgeMs: 365 * 24 * 3600_000 },
      (e) => errors.push(e),
      () => now,
    );
    const entries = [
      entry("first", "2026-05-01T00:00:00.000Z"),
      entry("second", "2026-05-02T00:00:00.000Z", { outcome: "failure", toResourceVersion: null, yaml: undefined }),
      entry("third", "2026-05-03T00:00:00.000Z", { action: "rollback" }),
    ];
    written.push(...entries.map((e) => e.id));
    await store.append(entries);
    expect(errors).toEqual([]);
    const read = await store.entries("real");
    expect(read.map((e) => e.object.name)).toEqual(["second", "third"]);
    expect(read[0]).toEqual({ ...entries[1], cluster: "real" });
  });

  it("the API server refuses a record that breaks the schema, and a person without rights cannot write one", async () => {
    const admin = client("admin");
    const bad = { apiVersion: "palisade.io/v1alpha1", kind: "AuditRecord", metadata: { name: "bad" } };
    await expect(
      admin.request("POST", "/apis/palisade.io/v1alpha1/auditrecords", {
        body: { ...bad, spec: { ...entry("x", "2026-05-01T00:00:00.000Z"), outcome: "maybe" } },
        query: { dryRun: "All" },
      }),
    ).rejects.toMatchObject({ statusCode: 422 });
    const errors: unknown[] = [];
    const asViewer = new ClusterAuditStore({ get: () => ({ client: client("viewer") }) }, undefined, (e) =>
      errors.push(e),
    );
    await asViewer.append([entry("y", "2026-05-01T00:00:00.000Z")]);
    expect(errors).toMatchObject([{ statusCode: 403 }]);
  });
});
