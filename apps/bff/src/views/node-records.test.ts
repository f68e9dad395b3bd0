import type { PacketLogResult } from "@palisade/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoHarness, startDemo } from "../testing/demo";
import { PodRoutes } from "./pod-routes";

// The demo as on an etcd datastore (kube-sim's calicoNodes): its Kubernetes Nodes carry no Calico annotations and its
// Calico Nodes hold the same addresses (spec.bgp.ipv4Address, spec.bgp.ipv4IPIPTunnelAddr), which Felix's route
// resolver reads (felix/calc/l3_route_resolver.go OnResourceUpdate). Issue 17 leftover 3. Both storages: classic v1
// goes through the storage codec.
describe.each(["v1", "v3"] as const)(
  "routes from Calico Node resources (%s storage)",
  { timeout: 30_000 },
  (storage) => {
    let demo: DemoHarness;
    beforeAll(async () => {
      demo = await startDemo({}, { storage, calicoNodes: true });
    });
    afterAll(async () => {
      await demo.close();
    });

    it("caches the Calico Nodes, and routes by their tunnel addresses where the Nodes have none", async () => {
      const node = demo.cluster.object("Node", undefined, "10.176.48.106");
      expect(node?.metadata.annotations ?? {}).toEqual({});
      expect(demo.cluster.object("CalicoNode", undefined, "10.176.48.106")?.spec).toEqual({
        bgp: { ipv4Address: "10.176.48.106/26", ipv4IPIPTunnelAddr: "172.30.10.0" },
      });
      const routes = new PodRoutes(demo.cluster);
      expect(
        routes.fabric({
          node: "10.176.48.106",
          direction: "ingress",
          peerNode: "10.176.48.107",
          podIp: "172.30.10.17",
        }),
      ).toEqual({
        interface: {
          tunnel: true,
          name: "tunl0",
          ips: ["172.30.10.0"],
          via: "tunl0, address 172.30.10.0 from its Calico Node's spec.bgp.ipv4IPIPTunnelAddr (IPPool default-ipv4-ippool ipipMode Always)",
        },
      });
    });

    it("names a tunnel address from a Calico Node in a packet log, and the trace says where it was read", async () => {
      // From node 10.176.48.107's tunl0 (its tunnel address), and from a pod there (shop's frontend-7f8b9c5d4-hx2lp).
      const line = (src: string) =>
        `Dec  7 21:04:12 kube-dal10-w1 kernel: calico-packet: IN=tunl0 OUT=cali8d2f0a1b3c4 SRC=${src} DST=172.30.10.17 LEN=60 PROTO=TCP SPT=40112 DPT=80 SYN`;
      const res = await demo.app.inject({
        method: "POST",
        url: "/api/v1/clusters/demo/packet-log",
        headers: { "x-palisade-csrf": "1" },
        payload: { text: `${line("172.30.20.0")}\n${line("172.30.20.31")}` },
      });
      expect(res.statusCode).toBe(200);
      const [fromNode, fromPod] = res.json<PacketLogResult>().entries;
      expect(fromNode?.ok === true && fromNode.source.names).toEqual(["node 10.176.48.107 (IPIP tunnel address)"]);
      expect(fromPod?.ok === true && fromPod.verdict?.trace.map((t) => t.message)).toContain(
        "the packet arrives on node 10.176.48.106 by tunl0, address 172.30.10.0 from its Calico Node's spec.bgp.ipv4IPIPTunnelAddr (IPPool default-ipv4-ippool ipipMode Always): no host endpoint governs it",
      );
    });
  },
);
