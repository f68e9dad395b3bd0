import type { ErrorBody, PacketLogEntry, PacketLogResult } from "@palisade/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoHarness, startDemo } from "../testing/demo";

// The demo: worker 10.176.48.106 (public 198.51.100.14, hep 10.176.48.106-worker-public on eth1), nginx pods
// 172.30.10.17 (on that worker) and 172.30.30.9, Service default/nginx behind load balancer 198.51.100.50.
const HOST_SSH =
  "Dec  7 21:04:11 kube-dal10-w1 kernel: [  812.517354] calico-packet: IN=eth1 OUT= MAC=06:2a:7c:11:4e:01:00:00:0c:9f:f0:01:08:00 SRC=203.0.113.7 DST=198.51.100.14 LEN=60 TOS=0x00 PREC=0x00 TTL=52 ID=4242 DF PROTO=TCP SPT=51234 DPT=22 WINDOW=64240 RES=0x00 SYN URGP=0";
// The demo's IPPool is ipipMode Always, so traffic between nodes to a pod comes in by tunl0: from another node, with
// its source masqueraded to that node's IPIP tunnel address (172.30.20.0, its Node's annotation) ...
const TO_POD_FROM_NODE =
  "Dec  7 21:04:12 kube-dal10-w1 kernel: calico-packet: IN=tunl0 OUT=cali8d2f0a1b3c4 SRC=172.30.20.0 DST=172.30.10.17 LEN=60 PROTO=TCP SPT=40112 DPT=80 SYN";
// ... or from a pod there (shop's frontend-7f8b9c5d4-hx2lp on 10.176.48.107).
const TO_POD_FROM_POD =
  "Dec  7 21:04:12 kube-dal10-w1 kernel: calico-packet: IN=tunl0 OUT=cali8d2f0a1b3c4 SRC=172.30.20.31 DST=172.30.10.17 LEN=60 PROTO=TCP SPT=40114 DPT=80 SYN";
const TO_LB =
  "Dec  7 21:04:13 kube-dal10-w1 kernel: calico-packet: IN=eth1 OUT= SRC=203.0.113.7 DST=198.51.100.50 LEN=60 PROTO=TCP SPT=40113 DPT=80 SYN";

let demo: DemoHarness;
// Templated prefixes and ClusterNetworkPolicy are Calico v3.32's; the native-storage demo reports v3.32.
beforeAll(async () => {
  demo = await startDemo({}, { storage: "v3" });
});
afterAll(async () => {
  await demo.close();
});

const post = (payload: Record<string, unknown>) =>
  demo.app.inject({
    method: "POST",
    url: "/api/v1/clusters/demo/packet-log",
    headers: { "x-palisade-csrf": "1" },
    payload,
  });
const read = async (text: string, logPrefix?: string) => {
  const res = await post({ text, ...(logPrefix === undefined ? {} : { logPrefix }) });
  expect(res.statusCode).toBe(200);
  return res.json<PacketLogResult>();
};
const good = (e: PacketLogEntry | undefined) => {
  if (e?.ok !== true) throw new Error(`not parsed: ${JSON.stringify(e)}`);
  return e;
};

// The first packet walks a cold model; on a loaded machine that alone can take seconds.
describe("POST /packet-log", { timeout: 30_000 }, () => {
  it("names the host endpoint an iptables LOG line came in on and explains the packet there", async () => {
    const r = await read(HOST_SSH);
    const e = good(r.entries[0]);
    expect(e.destination.endpoint?.id).toBe("hep/10.176.48.106-worker-public");
    expect(e.destination.names).toContain("host endpoint 10.176.48.106-worker-public (eth1)");
    expect(e.source.names).toEqual(["no pod, host endpoint, node or Service of this cluster: outside it"]);
    expect(e.loggedAt).toBe("ingress of host endpoint 10.176.48.106-worker-public (in on eth1)");
    expect(e.explain).toMatchObject({ endpoint: "hep/10.176.48.106-worker-public", direction: "Ingress", port: 22 });
    expect(e.verdict?.verdict).toMatch(/allow|deny|undetermined/);
    expect(r.templated).toBe(false);
  });

  it("says a node source of a pod's ingress may be kube-proxy's masquerade, and the pod address its DNAT", async () => {
    const e = good((await read(TO_POD_FROM_NODE)).entries[0]);
    expect(e.destination.endpoint?.id).toBe("wep/default/nginx-5d9c8f6b7c-4xkzq");
    expect(e.loggedAt).toBe("ingress of pod default/nginx-5d9c8f6b7c-4xkzq (to cali8d2f0a1b3c4)");
    expect(e.source.names).toEqual(["node 10.176.48.107 (IPIP tunnel address)"]);
    expect(e.source.caveats.join(" ")).toMatch(/masquerades NodePort and LoadBalancer traffic/);
    expect(e.destination.caveats.join(" ")).toMatch(/kube-proxy translated that address to this pod/);
    expect(e.verdict?.trace.length).toBeGreaterThan(0);
  });

  it("explains a pod's packet from another node as the demo routes it: out of that node and into this one by tunl0", async () => {
    const e = good((await read(TO_POD_FROM_POD)).entries[0]);
    expect(e.source.names).toEqual(["pod shop/frontend-7f8b9c5d4-hx2lp on 10.176.48.107"]);
    expect(e.loggedAt).toBe("ingress of pod default/nginx-5d9c8f6b7c-4xkzq (to cali8d2f0a1b3c4)");
    const messages = e.verdict?.trace.map((t) => t.message) ?? [];
    expect(messages).toContain(
      "the packet arrives on node 10.176.48.106 by tunl0, address 172.30.10.0 (IPPool default-ipv4-ippool ipipMode Always): no host endpoint governs it",
    );
    // access-nginx admits only run=access pods.
    expect(e.verdict?.verdict).toBe("deny");
  });

  it("says a Service address is seen only before kube-proxy's DNAT", async () => {
    const e = good((await read(TO_LB)).entries[0]);
    expect(e.destination.names).toEqual(["Service default/nginx load balancer address"]);
    expect(e.destination.caveats.join(" ")).toMatch(/only preDNAT and untracked policy see it/);
  });

  it("links the policy a 3.32 templated prefix names, and a cut one to the policies it can be", async () => {
    const named = HOST_SSH.replace("calico-packet: ", "calico-packet default gnp allow-icmp: ");
    const e = good((await read(named, "calico-packet %t %k %p")).entries[0]);
    expect(e.policy).toMatchObject({
      tier: "default",
      kind: "GlobalNetworkPolicy",
      name: "allow-icmp",
      ref: { kind: "GlobalNetworkPolicy", name: "allow-icmp" },
    });
    // Felix keys a ClusterNetworkPolicy as KubernetesClusterNetworkPolicy (short kind kcnp).
    const cnp = HOST_SSH.replace("calico-packet: ", "calico-packet kcnp cluster-dns: ");
    const k = good((await read(cnp, "calico-packet %k %p")).entries[0]);
    expect(k.policy?.ref).toEqual({ kind: "ClusterNetworkPolicy", name: "cluster-dns" });
    const cut = HOST_SSH.replace("calico-packet: ", "calico-packet default gnp all");
    const c = good((await read(cut, "calico-packet %t %k %p")).entries[0]);
    expect(c.truncated).toBe(true);
    expect(c.policy?.partial).toBe("name");
    expect(c.policy?.ref).toBeUndefined();
    expect(c.policy?.message).toMatch(/policies fit: GlobalNetworkPolicy\/\/allow-/);
  });

  it("answers each bad line with its own error and keeps the good ones", async () => {
    const r = await read(["garbage", HOST_SSH, HOST_SSH.replace("DST=198.51.100.14", "DST=300.1.1.1")].join("\n"));
    expect(r.entries.map((e) => (e.ok ? "ok" : e.message))).toEqual([
      "line 1: no IN= field: not a kernel packet log line (iptables LOG or nftables log)",
      "ok",
      "line 3: DST=300.1.1.1 is not an IP address",
    ]);
  });

  it("refuses a logPrefix Felix would refuse, naming the field", async () => {
    const res = await post({ text: HOST_SSH, logPrefix: "calico=%n" });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().details?.[0]?.path).toBe("logPrefix");
  });
});
