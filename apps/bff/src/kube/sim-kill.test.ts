import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CustomObjectsApi, KubeConfig } from "@kubernetes/client-node";
import type { ApplyResult } from "@palisade/contract";
import { startKubeSim } from "@palisade/kube-sim";
import { startSimChild } from "@palisade/kube-sim/testing";
import { expect, it } from "vitest";
import { buildApp } from "../app";
import { AuditLog } from "../audit/log";
import { Cluster } from "../clusters/cluster";
import { ClusterRegistry } from "../clusters/registry";

const POLICY = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: applied-then-killed
spec:
  selector: all()
  types: [Ingress]
  ingress:
    - action: Allow
`;

// The promise end to end: an apply Palisade reports (and audits) as a success is on disk. kube-sim's state.test.ts
// proves the ordering that makes it hold (a kill right after a 201); here the BFF's wait for its own watch to show the
// write usually gives even a late write time to land, so this test guards the whole path rather than the race.
it("keeps an apply Palisade reported as a success when kube-sim is killed with SIGKILL right after", async () => {
  const dir = await mkdtemp(join(tmpdir(), "palisade-sim-kill-"));
  const state = join(dir, "state.json");
  const sim = await startSimChild(["--scenario", "ibm-classic", "--state", state]);
  const kc = new KubeConfig();
  kc.loadFromFile(sim.kubeconfig);
  const cluster = new Cluster({ name: "sim", source: "kubeconfig", kubeConfig: kc, isDefault: true });
  const registry = new ClusterRegistry([cluster], "sim");
  const app = await buildApp({ clusters: registry, audit: new AuditLog(join(dir, "audit.jsonl")) });
  try {
    registry.start();
    await cluster.whenReady();
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/clusters/sim/apply",
      headers: { "x-palisade-csrf": "1" },
      payload: { yaml: POLICY },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<ApplyResult>().documents[0]).toMatchObject({ action: "create", status: "ok" });
    const gone = once(sim.process, "exit");
    sim.process.kill("SIGKILL");
    await gone;
  } finally {
    await app.close();
    await registry.close();
    await sim.stop();
  }
  const restarted = await startKubeSim({ state });
  try {
    const client = new KubeConfig();
    client.loadFromString(restarted.kubeconfig);
    // Read as the cluster stores it: on ibm-classic the classic v1 CR `default.applied-then-killed`.
    const stored = restarted.stored({
      apiVersion: "projectcalico.org/v3",
      kind: "GlobalNetworkPolicy",
      metadata: { name: "applied-then-killed" },
    });
    const [group = "", version = ""] = stored.apiVersion.split("/");
    const got = await client.makeApiClient(CustomObjectsApi).getClusterCustomObject({
      group,
      version,
      plural: "globalnetworkpolicies",
      name: stored.metadata.name ?? "",
    });
    expect((got as { metadata?: { name?: string } }).metadata?.name).toBe(stored.metadata.name);
  } finally {
    await restarted.close();
    await rm(dir, { recursive: true, force: true });
  }
}, 120_000);
