import { KubeConfig } from "@kubernetes/client-node";
import type { AuditEntry } from "@palisade/contract";
import { type KubeSim, startKubeSim } from "@palisade/kube-sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpError } from "../errors";
import { KubeClient } from "../kube/http";
import { ClusterAuditStore } from "./cluster-store";
import { newAuditId } from "./store";

const historyEntry = (name: string, time: string, over: Partial<AuditEntry> = {}): AuditEntry => ({
  id: newAuditId(new Date(time)),
  time,
  user: "alice",
  cluster: "demo",
  action: "update",
  object: { kind: "GlobalNetworkPolicy", name },
  fromResourceVersion: "1",
  toResourceVersion: null,
  diff: "--- a\n+++ b\n",
  outcome: "success",
  requestId: "r1",
  yaml: "kind: GlobalNetworkPolicy\n",
  ...over,
});

const clientOf = (sim: KubeSim, user?: "viewer") => {
  const kc = new KubeConfig();
  kc.loadFromString(user === undefined ? sim.kubeconfig : sim.kubeconfigFor(user));
  return new KubeClient(kc, sim.server);
};

describe("ClusterAuditStore on kube-sim", () => {
  let sim: KubeSim;
  beforeAll(async () => {
    sim = await startKubeSim({ scenario: "empty" });
  });
  afterAll(async () => {
    await sim.close();
  });

  it("writes AuditRecords that a second replica reads back, and prunes to the retention", async () => {
    const now = Date.parse("2026-06-01T00:00:00Z");
    const errors: unknown[] = [];
    const options = { keep: 3, maxAgeMs: 30 * 24 * 3600_000 };
    const replicaA = new ClusterAuditStore(
      { get: () => ({ client: clientOf(sim) }) },
      options,
      (e) => errors.push(e),
      () => now,
    );
    const replicaB = new ClusterAuditStore(
      { get: () => ({ client: clientOf(sim) }) },
      options,
      (e) => errors.push(e),
      () => now,
    );
    const old = historyEntry("too-old", "2026-04-01T00:00:00.000Z");
    await replicaA.append([old, historyEntry("p1", "2026-05-30T00:00:00.000Z")]);
    await replicaB.append([
      historyEntry("p2", "2026-05-31T00:00:00.000Z", { object: { kind: "NetworkPolicy", name: "p2", namespace: "x" } }),
      historyEntry("p3", "2026-05-31T01:00:00.000Z", { outcome: "failure", message: "forbidden", yaml: undefined }),
    ]);
    expect(errors).toEqual([]);
    const read = await replicaA.entries("demo");
    expect(read.map((e) => e.object.name)).toEqual(["p1", "p2", "p3"]);
    expect(read[1]).toMatchObject({ cluster: "demo", object: { namespace: "x" }, toResourceVersion: null });
    expect(read[2]?.yaml).toBeUndefined();

    await replicaB.append([historyEntry("p4", "2026-05-31T02:00:00.000Z")]);
    expect((await replicaA.entries("demo")).map((e) => e.object.name)).toEqual(["p2", "p3", "p4"]);
  });

  it("reports a record it may not write without failing the caller", async () => {
    const errors: unknown[] = [];
    const asViewer = new ClusterAuditStore({ get: () => ({ client: clientOf(sim, "viewer") }) }, undefined, (e) =>
      errors.push(e),
    );
    await expect(asViewer.append([historyEntry("p", "2026-05-31T00:00:00.000Z")])).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
  });

  it("says the CRD is missing when the cluster has none", async () => {
    const bare = await startKubeSim({ scenario: "empty" });
    try {
      const client = clientOf(bare);
      await client.request(
        "DELETE",
        "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/auditrecords.palisade.io",
      );
      const store = new ClusterAuditStore({ get: () => ({ client }) });
      const read = store.entries("demo");
      await expect(read).rejects.toBeInstanceOf(HttpError);
      await expect(read).rejects.toThrow(/auditrecords.palisade.io is not installed/);
    } finally {
      await bare.close();
    }
  });
});
