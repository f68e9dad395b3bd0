import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CustomObjectsApi, KubeConfig, type KubernetesObject, makeInformer } from "@kubernetes/client-node";
import { afterAll, describe, expect, it } from "vitest";
import { type KubeSim, startKubeSim } from "./server";

const dir = mkdtempSync(join(tmpdir(), "kube-sim-state-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GNP = { group: "projectcalico.org", version: "v3", plural: "globalnetworkpolicies" };
const gnp = (name: string) => ({
  apiVersion: "projectcalico.org/v3",
  kind: "GlobalNetworkPolicy",
  metadata: { name },
  spec: { selector: "all()", ingress: [{ action: "Allow" }] },
});

function api(sim: KubeSim): CustomObjectsApi {
  const kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig);
  return kc.makeApiClient(CustomObjectsApi);
}

describe("--state", () => {
  it("keeps objects, CA and tokens across a restart, written atomically", async () => {
    const state = join(dir, "keep.json");
    const first = await startKubeSim({ scenario: "empty", state });
    await api(first).createClusterCustomObject({ ...GNP, body: gnp("kept") });
    await first.close();
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const second = await startKubeSim({ state });
    expect(second.caPem).toBe(first.caPem);
    expect(second.tokens).toEqual(first.tokens);
    const got = (await api(second).getClusterCustomObject({ ...GNP, name: "kept" })) as KubernetesObject;
    expect(got.metadata?.name).toBe("kept");
    await second.close();
  });

  it("refuses a state file of the other storage mode", async () => {
    const state = join(dir, "mode.json");
    await (await startKubeSim({ scenario: "empty", storage: "v3", state })).close();
    await expect(startKubeSim({ state, storage: "v1" })).rejects.toThrow(/v3 storage, not v1/);
    expect(existsSync(state)).toBe(true);
  });

  it("lets a client-node informer resume after a restart, relisting after the 410 a compacted history gives", async () => {
    const state = join(dir, "informer.json");
    const first = await startKubeSim({ scenario: "empty", state });
    const kc = new KubeConfig();
    kc.loadFromString(first.kubeconfig);
    const objects = kc.makeApiClient(CustomObjectsApi);
    await objects.createClusterCustomObject({ ...GNP, body: gnp("before") });
    let lists = 0;
    const informer = makeInformer(kc, "/apis/projectcalico.org/v3/globalnetworkpolicies", () => {
      lists += 1;
      return objects.listClusterCustomObject(GNP);
    });
    const seen: string[] = [];
    const errors: unknown[] = [];
    informer.on("add", (o) => seen.push(o.metadata?.name ?? ""));
    informer.on("error", (e) => errors.push(e));
    await informer.start();
    expect(seen).toEqual(["before"]);
    const port = Number(new URL(first.server).port);
    const disconnected = new Promise<void>((resolve) => informer.on("error", () => resolve()));
    await first.close();
    await disconnected;
    // Restarted with a one-event history: the informer's resourceVersion is older than what the server retains.
    const second = await startKubeSim({ state, port, watchWindow: 1 });
    const kc2 = new KubeConfig();
    kc2.loadFromString(second.kubeconfig);
    const api2 = kc2.makeApiClient(CustomObjectsApi);
    await api2.createClusterCustomObject({ ...GNP, body: gnp("while-away-1") });
    await api2.createClusterCustomObject({ ...GNP, body: gnp("while-away-2") });
    const caughtUp = new Promise<void>((resolve) =>
      informer.on("add", () => {
        if (informer.list().length === 3) resolve();
      }),
    );
    await informer.start();
    await caughtUp;
    expect(
      informer
        .list()
        .map((o) => o.metadata?.name)
        .sort(),
    ).toEqual(["before", "while-away-1", "while-away-2"]);
    // The first list, and the relist after the watch got 410 Gone.
    expect(lists).toBe(2);
    await informer.stop();
    await second.close();
  });
});
