import { connect, type Socket } from "node:net";
import { KubeConfig, Watch } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { rawRequest } from "./parity/raw";
import { startKubeSim } from "./server";

/** Resolves true once `socket` has closed. */
function closed(socket: Socket): Promise<true> {
  return new Promise((resolve) => {
    socket.once("close", () => resolve(true));
    socket.once("error", () => undefined);
  });
}

describe("close()", () => {
  it("ends open watches and drops connections still in the TLS handshake instead of waiting for them", async () => {
    const sim = await startKubeSim({ scenario: "empty" });
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfig);
    const ends: Promise<unknown>[] = [];
    for (const path of ["/apis/projectcalico.org/v3/globalnetworkpolicies", "/api/v1/namespaces"]) {
      let ended: (err: unknown) => void = () => undefined;
      ends.push(new Promise((resolve) => (ended = resolve)));
      // Resolves once the server has answered 200: the watch is open.
      await new Watch(kc).watch(path, { allowWatchBookmarks: true, timeoutSeconds: 240 }, () => undefined, ended);
    }
    // A client that connected but never speaks: the HTTP layer does not know it yet, and Node's own handshake timeout
    // would keep close() waiting for two minutes.
    const { port } = new URL(sim.server);
    const silent = connect(Number(port), "127.0.0.1");
    await new Promise((resolve) => silent.once("connect", resolve));
    const silentClosed = closed(silent);

    await sim.close();
    await expect(silentClosed).resolves.toBe(true);
    await Promise.all(ends);
  });
});

/** GET `path` (under the storage's Calico group) from a sim started with `storage` and `scenario`. */
async function getCalico(storage: "v1" | "v3", scenario: "ibm-classic" | "empty", path: string) {
  const sim = await startKubeSim({ scenario, storage });
  try {
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfig);
    const group = storage === "v1" ? "crd.projectcalico.org/v1" : "projectcalico.org/v3";
    return await rawRequest(kc, "GET", `/apis/${group}/${path}`);
  } finally {
    await sim.close();
  }
}

describe("the demo cluster's ClusterInformation", () => {
  it("says which Calico runs: v3.31.0 on classic storage, as an IBM classic cluster's does; none when empty", async () => {
    for (const [storage, scenario, want] of [
      ["v1", "ibm-classic", { status: 200, version: "v3.31.0" }],
      ["v3", "ibm-classic", { status: 200, version: "v3.32.0" }],
      ["v1", "empty", { status: 404, version: undefined }],
    ] as const) {
      const res = await getCalico(storage, scenario, "clusterinformations/default");
      expect(res.status).toBe(want.status);
      if (want.version !== undefined) {
        expect(res.json<{ spec: { calicoVersion: string } }>().spec.calicoVersion).toBe(want.version);
      }
    }
  });
});

describe("the demo cluster's IPPool", () => {
  it("is an IBM classic cluster's default-ipv4-ippool in either storage; none when empty", async () => {
    for (const [storage, scenario, want] of [
      ["v1", "ibm-classic", ["default-ipv4-ippool 172.30.0.0/16 Always true"]],
      ["v3", "ibm-classic", ["default-ipv4-ippool 172.30.0.0/16 Always true"]],
      ["v3", "empty", []],
    ] as const) {
      const res = await getCalico(storage, scenario, "ippools");
      expect(res.status).toBe(200);
      const pools = res.json<{
        items: { metadata: { name: string }; spec: { cidr: string; ipipMode: string; natOutgoing: boolean } }[];
      }>().items;
      expect(pools.map((p) => `${p.metadata.name} ${p.spec.cidr} ${p.spec.ipipMode} ${p.spec.natOutgoing}`)).toEqual(
        want,
      );
    }
  });
});
