import { once } from "node:events";
import { type AddressInfo, connect, createServer } from "node:net";
import { KubeConfig } from "@kubernetes/client-node";
import { startKubeSim } from "@palisade/kube-sim";
import { expect, it } from "vitest";
import { KubeClient } from "./http";

it("sends a cluster's requests over kept-alive connections, not one new TLS connection each", async () => {
  const sim = await startKubeSim({ scenario: "empty" });
  // A TCP relay in front of the cluster counts the connections the client opens.
  let connections = 0;
  const target = Number(new URL(sim.server).port);
  const relay = createServer((socket) => {
    connections++;
    const upstream = connect(target, "127.0.0.1");
    socket.pipe(upstream).pipe(socket);
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });
  relay.listen(0, "127.0.0.1");
  await once(relay, "listening");
  try {
    const server = `https://127.0.0.1:${(relay.address() as AddressInfo).port}`;
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfig.replace(sim.server, server));
    const client = new KubeClient(kc, server);
    for (let i = 0; i < 20; i++) {
      expect(await client.request<{ major: string }>("GET", "/version")).toMatchObject({ major: "1" });
    }
    // One pool (it may open a second connection while the first is being set up); one connection per request before.
    expect(connections).toBeLessThanOrEqual(2);
  } finally {
    relay.close();
    await sim.close();
  }
}, 30_000);
