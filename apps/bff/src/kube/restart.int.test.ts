import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { type KubeSim, startKubeSim } from "@palisade/kube-sim";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildApp } from "../app";
import { AuditLog } from "../audit/log";
import { Cluster } from "../clusters/cluster";
import { ClusterRegistry } from "../clusters/registry";
import { KubeClient } from "../kube/http";
import { publicPortPolicy } from "../testing/fixtures";

// Integration tier: stopping the demo API server with watches open takes it about 30 s (kube-sim's close), too slow
// for the unit tier.
describe("informers across an API server restart", () => {
  it("report reconnecting, resume, and show what changed while the server was away", async () => {
    const dir = await mkdtemp(join(tmpdir(), "palisade-restart-"));
    const state = join(dir, "state.json");
    const first = await startKubeSim({ state });
    const port = Number(new URL(first.server).port);
    const kc = new KubeConfig();
    kc.loadFromString(first.kubeconfig);
    const cluster = new Cluster({ name: "sim", source: "kubeconfig", kubeConfig: kc, isDefault: true });
    const registry = new ClusterRegistry([cluster], "sim");
    registry.start();
    await cluster.whenReady();
    const app = await buildApp({ clusters: registry, audit: new AuditLog(join(dir, "audit.jsonl")) });
    const statuses: string[] = [];
    cluster.onEvent((e) => {
      if (e.type === "status") statuses.push(e.status);
    });

    await first.close();
    await cluster.settle(() => cluster.statusNow.status === "reconnecting", 15_000);
    expect(cluster.statusNow.status).toBe("reconnecting");
    // Routes keep answering from the cache meanwhile.
    expect((await app.inject({ url: "/api/v1/clusters/sim/policies" })).statusCode).toBe(200);

    const second = await startKubeSim({ state, port });
    await createAsAdmin(second, publicPortPolicy("while-away"));
    const seen = await cluster.settle(
      () =>
        cluster.statusNow.status === "ready" &&
        cluster.object("GlobalNetworkPolicy", undefined, "while-away") !== undefined,
      15_000,
    );
    expect(seen).toBe(true);
    // One "reconnecting" per informer message change, then "ready" once every watch is back.
    expect(statuses.filter((s, i) => s !== statuses[i - 1])).toEqual(["reconnecting", "ready"]);
    await app.close();
    await registry.close();
    await second.close();
    await rm(dir, { recursive: true, force: true });
  }, 60_000);
});

/** Creates a GlobalNetworkPolicy straight on the API server as another client would, in the sim's Calico storage. */
async function createAsAdmin(sim: KubeSim, yaml: string): Promise<void> {
  const kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig);
  const client = new KubeClient(kc, kc.getCurrentCluster()?.server ?? "");
  const body = sim.stored(parse(yaml) as { apiVersion: string });
  await client.request("POST", `/apis/${body.apiVersion}/globalnetworkpolicies`, { body });
}
