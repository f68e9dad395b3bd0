import { EventEmitter } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { CustomObjectsApi, KubeConfig, type KubernetesObject, Watch } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILTIN_TYPES } from "../registry/builtins";
import { type KubeSim, startKubeSim } from "../server";
import { Store } from "../store/store";
import { serveWatch } from "./watch";

describe("watch streams", () => {
  let sim: KubeSim;
  const kc = new KubeConfig();
  beforeAll(async () => {
    sim = await startKubeSim({ scenario: "empty", bookmarkIntervalMs: 20, watchWindow: 2 });
    kc.loadFromString(sim.kubeconfigFor("viewer"));
  });
  afterAll(() => sim.close());
  const path = "/apis/projectcalico.org/v3/globalnetworkpolicies";

  function firstEvent(params: Record<string, string>): Promise<{ type: string; object: KubernetesObject }> {
    return new Promise((resolve, reject) => {
      let controller: AbortController | undefined;
      void new Watch(kc)
        .watch(
          path,
          params,
          (type, object: KubernetesObject) => {
            controller?.abort();
            resolve({ type, object });
          },
          (err: unknown) => (err === null ? undefined : reject(err)),
        )
        .then((c) => {
          controller = c;
        });
    });
  }

  it("sends periodic bookmarks at the current resourceVersion when allowed", async () => {
    const list = (await kc.makeApiClient(CustomObjectsApi).listClusterCustomObject({
      group: "projectcalico.org",
      version: "v3",
      plural: "globalnetworkpolicies",
    })) as { metadata: { resourceVersion: string } };
    const event = await firstEvent({ resourceVersion: list.metadata.resourceVersion, allowWatchBookmarks: "true" });
    expect(event.type).toBe("BOOKMARK");
    expect(event.object).toEqual({
      apiVersion: "projectcalico.org/v3",
      kind: "GlobalNetworkPolicy",
      metadata: { resourceVersion: list.metadata.resourceVersion },
    });
  });

  it("answers a resourceVersion older than the retained window with 410 Expired", async () => {
    const admin = new KubeConfig();
    admin.loadFromString(sim.kubeconfig);
    const api = admin.makeApiClient(CustomObjectsApi);
    const gnp = (name: string) => ({
      apiVersion: "projectcalico.org/v3",
      kind: "GlobalNetworkPolicy",
      metadata: { name },
      spec: {},
    });
    const first = (await api.createClusterCustomObject({
      group: "projectcalico.org",
      version: "v3",
      plural: "globalnetworkpolicies",
      body: gnp("a"),
    })) as KubernetesObject;
    for (const name of ["b", "c", "d"]) {
      await api.createClusterCustomObject({
        group: "projectcalico.org",
        version: "v3",
        plural: "globalnetworkpolicies",
        body: gnp(name),
      });
    }
    const event = await firstEvent({ resourceVersion: first.metadata?.resourceVersion ?? "" });
    expect(event.type).toBe("ERROR");
    expect(event.object).toMatchObject({ kind: "Status", code: 410, reason: "Expired" });
  });
});

describe("a watch that times out", () => {
  it("stops its bookmarks before ending, however late the response's close event comes", async () => {
    const type = BUILTIN_TYPES.find((t) => t.plural === "pods");
    if (type === undefined) throw new Error("no pods type");
    // A response that never emits "close" (a busy server emits it late) and, like Node's, fails a write after end.
    const errors: string[] = [];
    const res = Object.assign(new EventEmitter(), {
      ended: false,
      writeHead: () => undefined,
      flushHeaders: () => undefined,
      write(_chunk: string) {
        if (this.ended) errors.push("write after end");
        return true;
      },
      end() {
        this.ended = true;
      },
    });
    const url = new URL(
      "http://sim/api/v1/pods?watch=true&allowWatchBookmarks=true&timeoutSeconds=1&resourceVersion=1",
    );
    serveWatch(
      { store: new Store(), bookmarkIntervalMs: 5 },
      new EventEmitter() as IncomingMessage,
      url,
      type,
      undefined,
      {},
      res as unknown as ServerResponse,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(res.ended).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(errors).toEqual([]);
  });
});
