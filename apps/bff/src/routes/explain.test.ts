import { denyNodePorts, preDnatAllowlist } from "@palisade/calico";
import type { ErrorBody, ExplainResult } from "@palisade/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoHarness, startDemo } from "../testing/demo";

// A client on the internet reaching the nginx LoadBalancer Service (NodePort 31380, targetPort 80, pods
// default/nginx-5d9c8f6b7c-4xkzq 172.30.10.17 and default/nginx-5d9c8f6b7c-r8wtn 172.30.30.9) through the first
// worker's public interface (198.51.100.14).
const PUBLIC_HEP = "hep/10.176.48.106-worker-public";
const WORKER_PUBLIC_IP = "198.51.100.14";
const LB_IP = "198.51.100.50";
const CLIENT = "198.51.100.9";
const NGINX_POD = { ip: "172.30.10.17", port: 80, pod: "default/nginx-5d9c8f6b7c-4xkzq" };
const NGINX_WEP = "wep/default/nginx-5d9c8f6b7c-4xkzq";

// IBM's deny-nodeports (order 1100) and a pre-DNAT allowlist (order 500) for the client, as the wizards write them.
const DENY_NODEPORTS = JSON.stringify(denyNodePorts().policy);
const ALLOWLIST = JSON.stringify(
  preDnatAllowlist({ sourceCidrs: [CLIENT], destinationIps: [WORKER_PUBLIC_IP], ports: [31380] }).policy,
);

const BOTH = `${DENY_NODEPORTS}\n---\n${ALLOWLIST}`;

let demo: DemoHarness;
const postExplain = (body: Record<string, unknown>) =>
  demo.app.inject({
    method: "POST",
    url: "/api/v1/clusters/demo/explain",
    headers: { "x-palisade-csrf": "1" },
    payload: { endpoint: PUBLIC_HEP, direction: "Ingress", peer: { ip: CLIENT }, protocol: "TCP", ...body },
  });
const explain = async (body: Record<string, unknown>) => {
  const res = await postExplain(body);
  expect(res.statusCode).toBe(200);
  return res.json<ExplainResult>();
};
const decided = (r: ExplainResult) => r.trace[r.decidedBy];
const client = () => demo.objectApi();
beforeAll(async () => {
  demo = await startDemo({}, { storage: "v3" });
});
afterAll(async () => {
  await demo.close();
});

/** Sets (or, undefined, removes) one annotation on a demo Node and waits for the cache to hold it. */
const annotateNode = async (name: string, key: string, value: string | undefined) => {
  const node = await client().read({ apiVersion: "v1", kind: "Node", metadata: { name } });
  const annotations = { ...node.metadata?.annotations };
  if (value === undefined) delete annotations[key];
  else annotations[key] = value;
  await client().replace({ ...node, metadata: { ...node.metadata, annotations } });
  await demo.cluster.settle(() => demo.cluster.object("Node", undefined, name)?.metadata.annotations?.[key] === value);
};
const IPIP_TUNNEL = "projectcalico.org/IPv4IPIPTunnelAddr";
const NODE_ADDRESS = "projectcalico.org/IPv4Address";
/**
 * Removes the seed's Calico annotations (the demo's Nodes carry what calico/node writes) for the tests that ask what
 * explain says without them; returns what puts them back.
 */
const unrecord = async (...pairs: (readonly [node: string, key: string])[]) => {
  const seeded = pairs.map(
    ([node, key]) => [node, key, demo.cluster.object("Node", undefined, node)?.metadata.annotations?.[key]] as const,
  );
  for (const [node, key] of pairs) await annotateNode(node, key, undefined);
  return async () => {
    for (const [node, key, value] of seeded) await annotateNode(node, key, value);
  };
};
/** Sets the demo pool's (default-ipv4-ippool, 172.30.0.0/16; Always in the seed) ipipMode. */
const setIpipMode = async (mode: string) => {
  const [pool] = demo.cluster.objects("IPPool");
  if (pool === undefined) throw new Error("the demo has no IPPool");
  // Patched where the cluster stores it (on ibm-classic the classic v1 CR).
  const stored = demo.sim.stored({
    apiVersion: pool.apiVersion,
    kind: "IPPool",
    metadata: { name: pool.metadata.name },
  });
  const ref = { apiVersion: stored.apiVersion, kind: "IPPool", metadata: { name: stored.metadata?.name } };
  await demo.mergePatch(
    { ...ref, spec: { ipipMode: mode } },
    () =>
      (demo.cluster.object("IPPool", undefined, pool.metadata.name)?.spec as { ipipMode?: string } | undefined)
        ?.ipipMode === mode,
  );
};

describe("explain models kube-proxy's DNAT of Service traffic into host endpoints", () => {
  it("translates a public NodePort to a pod: allow-node-port-dnat admits it, then the pod's access-nginx drops it", async () => {
    const r = await explain({ port: 31380 });
    expect(r.dnat).toEqual({
      service: "default/nginx",
      via: "NodePort",
      from: { ip: WORKER_PUBLIC_IP, port: 31380 },
      to: NGINX_POD,
      message: expect.stringContaining("pod default/nginx-5d9c8f6b7c-4xkzq"),
    });
    expect(r.trace).toContainEqual(
      expect.objectContaining({
        kind: "rule",
        stage: "forward",
        policy: "GlobalNetworkPolicy//allow-node-port-dnat",
        rule: 0,
        action: "Allow",
        result: "allow",
      }),
    );
    // access-nginx admits only run=access pods; the client on the internet is none.
    expect(r.verdict).toBe("deny");
    expect(decided(r)).toMatchObject({ kind: "end-of-tier", stage: "normal", endpoint: NGINX_WEP });
    expect(r.trace.filter((t) => t.kind === "stage").map((t) => t.stage)).toEqual([
      "untracked",
      "preDNAT",
      "forward",
      "normal",
    ]);
    // The same packet given as its pre-DNAT destination.
    expect(await explain({ port: 31380, preDnatDestination: { ip: WORKER_PUBLIC_IP, port: 31380 } })).toEqual(r);
    // Through another worker's public interface: the pod is on 10.176.48.106, so kube-proxy masquerades the packet
    // to the address of the interface it leaves by, and it crosses both nodes (issue 17). The demo's IPPool has
    // ipipMode Always, so Felix routes to the pod's block by tunl0 (felix/calc/l3_route_resolver.go): it leaves the
    // first node and arrives on the second by tunl0, which no host endpoint governs (the demo's name eth0 and eth1;
    // felix/dataplane/linux/endpoint_mgr.go resolveHostEndpoints).
    const other = await explain({ endpoint: "hep/10.184.58.42-worker-public", port: 31380 });
    expect(other.dnat).toMatchObject({ via: "NodePort", from: { ip: "203.0.113.42" }, to: NGINX_POD });
    expect(other.trace).toContainEqual(
      expect.objectContaining({
        kind: "note",
        endpoint: NGINX_WEP,
        // The demo's IPPool (default-ipv4-ippool) has ipipMode Always: the tunnel address its Node records.
        message: expect.stringContaining(
          "see source 172.30.40.0 (node 10.184.58.42's IPIP tunnel address (IPPool default-ipv4-ippool ipipMode Always: the route leaves by the tunnel device tunl0))",
        ),
      }),
    );
    expect(other.trace.flatMap((t) => (t.kind === "stage" ? [`${t.endpoint} ${t.stage}`] : []))).toEqual([
      "hep/10.184.58.42-worker-public untracked",
      "hep/10.184.58.42-worker-public preDNAT",
      "hep/10.184.58.42-worker-public forward",
      `${NGINX_WEP} normal`,
    ]);
    expect(other.trace).toContainEqual(
      expect.objectContaining({
        kind: "note",
        message: expect.stringContaining("the packet arrives on node 10.176.48.106 by tunl0"),
      }),
    );
    // access-nginx admits only the access pods, not that address.
    expect(other.verdict).toBe("deny");
    expect(decided(other)).toMatchObject({ stage: "normal", endpoint: NGINX_WEP });
  });

  it("translates the LoadBalancer IP on the Service port to the same pod", async () => {
    const r = await explain({ port: 80, preDnatDestination: { ip: LB_IP, port: 80 } });
    expect(r.dnat).toMatchObject({ service: "default/nginx", via: "LoadBalancer", to: NGINX_POD });
    expect(r.trace).toContainEqual(
      expect.objectContaining({
        stage: "forward",
        policy: "GlobalNetworkPolicy//allow-node-port-dnat",
        result: "allow",
      }),
    );
    expect(decided(r)).toMatchObject({ stage: "normal", endpoint: NGINX_WEP });
    // Port 80 on the worker's own address is no Service's NodePort.
    const host = await explain({ port: 80 });
    expect(host.dnat).toBeUndefined();
    expect(host.verdict).toBe("deny");
  });

  it("denies the NodePort in the preDNAT stage once IBM's deny-nodeports is proposed", async () => {
    const r = await explain({ port: 31380, proposedYaml: DENY_NODEPORTS });
    expect(r).toMatchObject({ verdict: "deny", whatIf: true, dnat: { to: NGINX_POD } });
    expect(decided(r)).toMatchObject({
      kind: "rule",
      stage: "preDNAT",
      policy: "GlobalNetworkPolicy//deny-nodeports",
      rule: 0,
      action: "Deny",
      matched: true,
      result: "deny",
    });
    expect(r.trace.some((t) => t.stage === "forward")).toBe(false);
    expect(demo.cluster.object("GlobalNetworkPolicy", undefined, "deny-nodeports")).toBeUndefined();
  });

  it("answers the explain page's NodePort sample (shop/frontend 30080) before and after deny-nodeports", async () => {
    const sample = {
      peer: { ip: "203.0.113.50" },
      port: 30080,
      preDnatDestination: { ip: WORKER_PUBLIC_IP, port: 30080 },
    };
    const before = await explain(sample);
    expect(before.dnat).toMatchObject({
      service: "shop/frontend",
      to: { ip: "172.30.20.31", port: 8080, pod: "shop/frontend-7f8b9c5d4-hx2lp" },
    });
    // The pod runs on 10.176.48.107, so kube-proxy masquerades the packet on its way there. No policy the demo's
    // Calico v3.32.0 enforces tests the source (it does not enforce the AdminNetworkPolicy shop-guard): the shop
    // namespace's profile admits it.
    expect(before.trace.some((s) => s.kind === "note" && s.message.includes("masquerades"))).toBe(true);
    expect(before.verdict).toBe("allow");
    expect(decided(before)).toMatchObject({ kind: "profile", endpoint: "wep/shop/frontend-7f8b9c5d4-hx2lp" });
    const after = await explain({ ...sample, proposedYaml: DENY_NODEPORTS });
    expect(after.verdict).toBe("deny");
    expect(decided(after)).toMatchObject({ stage: "preDNAT", policy: "GlobalNetworkPolicy//deny-nodeports" });
  });

  it("lets an allowlisted client through deny-nodeports with a pre-DNAT allowlist at order 500", async () => {
    const r = await explain({ port: 31380, proposedYaml: BOTH });
    expect(r.trace).toContainEqual(
      expect.objectContaining({
        stage: "preDNAT",
        policy: "GlobalNetworkPolicy//allowlist",
        action: "Allow",
        result: "allow",
      }),
    );
    expect(r.trace.some((t) => t.kind === "policy" && t.policy === "GlobalNetworkPolicy//deny-nodeports")).toBe(false);
    // Past the host endpoint, the nginx pod's own policy (access-nginx) still decides.
    expect(decided(r)).toMatchObject({ stage: "normal", endpoint: NGINX_WEP });
    const stranger = await explain({
      peer: { ip: "203.0.113.77" },
      port: 31380,
      proposedYaml: BOTH,
    });
    expect(stranger.verdict).toBe("deny");
    expect(decided(stranger)).toMatchObject({ stage: "preDNAT", policy: "GlobalNetworkPolicy//deny-nodeports" });
  });

  it("keeps failsafe SSH to the worker open, untranslated, even with deny-nodeports", async () => {
    for (const proposed of [{}, { proposedYaml: DENY_NODEPORTS }]) {
      const r = await explain({ port: 22, ...proposed });
      expect(r.verdict).toBe("allow");
      expect(decided(r)?.kind).toBe("failsafe");
      expect(r.dnat).toBeUndefined();
    }
  });

  it("does not translate a port that is no Service's NodePort, nor a packet said not to be forwarded", async () => {
    const r = await explain({ port: 31999 });
    expect(r.dnat).toBeUndefined();
    expect(r.verdict).toBe("deny");
    expect(decided(r)).toMatchObject({ kind: "end-of-tier", stage: "normal", tier: "default", action: "Deny" });
    const udp = await explain({ protocol: "UDP", port: 31380 });
    expect(udp.dnat).toBeUndefined();
    const toHost = await explain({ port: 31380, forwarded: false });
    expect(toHost.dnat).toBeUndefined();
    expect(decided(toHost)).toMatchObject({ kind: "end-of-tier", stage: "normal" });
  });
});

// After kube-proxy's DNAT the packet is forwarded to the pod, and Calico evaluates, in order (docs/calico-semantics.md
// section 4; felix/rules/static.go StaticFilterForwardChains; docs.tigera.io .../reference/host-endpoints/forwarded):
// the receiving host endpoint's applyOnForward policy (cali-fhfw-, filter FORWARD), then the pod's own ingress
// policy (cali-tw-). Rules there see the translated destination: the pod's labels, address and targetPort.
//
// The IBM classic seed: the nginx LoadBalancer Service (NodePort 31380 -> targetPort 80) backed by
// default/nginx-5d9c8f6b7c-4xkzq (172.30.10.17, on worker 10.176.48.106) and default/nginx-5d9c8f6b7c-r8wtn
// (172.30.30.9, on 10.184.58.23); the Kubernetes NetworkPolicy access-nginx admits to run=nginx pods only traffic
// from run=access pods.
const policy = (kind: string, name: string, spec: Record<string, unknown>, namespace?: string) =>
  JSON.stringify({
    apiVersion: "projectcalico.org/v3",
    kind,
    metadata: namespace === undefined ? { name } : { name, namespace },
    spec,
  });

/** A pod-side policy: the nginx pods admit the client on their own port 80 (not the NodePort). */
const ALLOW_CLIENT_TO_NGINX = policy(
  "NetworkPolicy",
  "allow-client-to-nginx",
  {
    order: 100,
    selector: "run == 'nginx'",
    types: ["Ingress"],
    ingress: [{ action: "Allow", protocol: "TCP", source: { nets: [`${CLIENT}/32`] }, destination: { ports: [80] } }],
  },
  "default",
);

/** The same, written against the NodePort: after DNAT the pod never sees 31380. */
const ALLOW_CLIENT_ON_NODEPORT = policy(
  "NetworkPolicy",
  "allow-client-on-nodeport",
  {
    order: 100,
    selector: "run == 'nginx'",
    types: ["Ingress"],
    ingress: [
      { action: "Allow", protocol: "TCP", source: { nets: [`${CLIENT}/32`] }, destination: { ports: [31380] } },
    ],
  },
  "default",
);

/** Host endpoint forward policy that names the destination by the pod's labels. */
const FORWARD_TO_NGINX_ONLY = policy("GlobalNetworkPolicy", "forward-to-nginx-only", {
  order: 10,
  selector: "ibm.role == 'worker_public'",
  applyOnForward: true,
  types: ["Ingress"],
  ingress: [{ action: "Allow", destination: { selector: "run == 'nginx'" } }],
});

/** Host endpoint forward policy that names the destination by the host endpoint's labels. */
const DENY_FORWARD_TO_PUBLIC = policy("GlobalNetworkPolicy", "deny-forward-to-public", {
  order: 10,
  selector: "ibm.role == 'worker_public'",
  applyOnForward: true,
  types: ["Ingress"],
  ingress: [{ action: "Deny", destination: { selector: "ibm.role == 'worker_public'" } }],
});

describe("explain after DNAT: the pod is the destination, and its own ingress policy applies", () => {
  const stages = (r: ExplainResult) =>
    r.trace.filter((t) => t.kind === "stage").map((t) => `${t.stage} ${t.endpoint ?? "?"}`);
  it("denies an outside client on the nginx NodePort: access-nginx admits only run=access pods", async () => {
    const r = await explain({ port: 31380 });
    expect(r.dnat?.to?.pod).toBe("default/nginx-5d9c8f6b7c-4xkzq");
    expect(r.verdict).toBe("deny");
    expect(decided(r)).toMatchObject({
      kind: "end-of-tier",
      stage: "normal",
      tier: "default",
      action: "Deny",
      endpoint: NGINX_WEP,
    });
    expect(stages(r)).toEqual([
      `untracked ${PUBLIC_HEP}`,
      `preDNAT ${PUBLIC_HEP}`,
      `forward ${PUBLIC_HEP}`,
      `normal ${NGINX_WEP}`,
    ]);
    // The host endpoint's applyOnForward policy still admitted it (destination 172.30.10.17 is in 172.30.0.0/16).
    expect(r.trace).toContainEqual(
      expect.objectContaining({
        kind: "rule",
        stage: "forward",
        policy: "GlobalNetworkPolicy//allow-node-port-dnat",
        matched: true,
        result: "allow",
        endpoint: PUBLIC_HEP,
      }),
    );
    // access-nginx is walked on the pod, and says why the client is not admitted.
    const knp = r.trace.find((t) => t.kind === "rule" && t.stage === "normal");
    expect(knp).toMatchObject({ matched: false, endpoint: NGINX_WEP });
    expect(knp?.message).toContain(CLIENT);
  });

  it("the same for the LoadBalancer IP", async () => {
    const r = await explain({ port: 80, preDnatDestination: { ip: LB_IP, port: 80 } });
    expect(r.dnat).toMatchObject({ via: "LoadBalancer", to: { pod: "default/nginx-5d9c8f6b7c-4xkzq" } });
    expect(r.verdict).toBe("deny");
    expect(decided(r)).toMatchObject({ kind: "end-of-tier", stage: "normal", endpoint: NGINX_WEP });
  });

  it("allows the client once a pod-side policy selecting run == 'nginx' admits it on the pod's port", async () => {
    const r = await explain({ port: 31380, proposedYaml: ALLOW_CLIENT_TO_NGINX });
    expect(r.verdict).toBe("allow");
    expect(decided(r)).toMatchObject({
      kind: "rule",
      stage: "normal",
      policy: "NetworkPolicy/default/allow-client-to-nginx",
      rule: 0,
      action: "Allow",
      endpoint: NGINX_WEP,
    });
    // Written against the NodePort it never matches: the pod's policy sees targetPort 80.
    const nodePort = await explain({ port: 31380, proposedYaml: ALLOW_CLIENT_ON_NODEPORT });
    expect(nodePort.verdict).toBe("deny");
    const miss = nodePort.trace.find(
      (t) => t.policy === "NetworkPolicy/default/allow-client-on-nodeport" && t.kind === "rule",
    );
    expect(miss).toMatchObject({ matched: false });
    expect(miss?.message).toContain("port 80");
  });

  it("forward-stage destination selectors see the pod's labels, not the host endpoint's", async () => {
    const toNginx = await explain({
      port: 31380,
      proposedYaml: `${FORWARD_TO_NGINX_ONLY}\n---\n${ALLOW_CLIENT_TO_NGINX}`,
    });
    expect(toNginx.verdict).toBe("allow");
    expect(toNginx.trace).toContainEqual(
      expect.objectContaining({
        kind: "rule",
        stage: "forward",
        policy: "GlobalNetworkPolicy//forward-to-nginx-only",
        matched: true,
        result: "allow",
      }),
    );
    const toPublic = await explain({
      port: 31380,
      proposedYaml: `${DENY_FORWARD_TO_PUBLIC}\n---\n${ALLOW_CLIENT_TO_NGINX}`,
    });
    expect(toPublic.verdict).toBe("allow");
    expect(toPublic.trace).toContainEqual(
      expect.objectContaining({
        kind: "rule",
        stage: "forward",
        policy: "GlobalNetworkPolicy//deny-forward-to-public",
        matched: false,
        result: "no-match",
      }),
    );
  });

  it("a pre-DNAT Allow skips the host endpoint's forward policy but not the pod's own policy", async () => {
    const r = await explain({ port: 31380, proposedYaml: ALLOWLIST });
    expect(r.trace).toContainEqual(
      expect.objectContaining({
        kind: "rule",
        stage: "preDNAT",
        policy: "GlobalNetworkPolicy//allowlist",
        matched: true,
      }),
    );
    expect(r.trace.some((t) => t.kind === "policy" && t.stage === "forward")).toBe(false);
    expect(r.verdict).toBe("deny");
    expect(decided(r)).toMatchObject({ kind: "end-of-tier", stage: "normal", endpoint: NGINX_WEP });
    const both = await explain({ port: 31380, proposedYaml: `${ALLOWLIST}\n---\n${ALLOW_CLIENT_TO_NGINX}` });
    expect(both.verdict).toBe("allow");
    expect(decided(both)).toMatchObject({ stage: "normal", policy: "NetworkPolicy/default/allow-client-to-nginx" });
  });

  it("a NodePort with no policy on its pods is allowed by the pod's namespace profile", async () => {
    // Through the pod's own node (10.176.48.107): no masquerade, so the pod's chain sees the client.
    const r = await explain({ endpoint: "hep/10.176.48.107-worker-public", port: 30080, peer: { ip: "203.0.113.50" } });
    expect(r.dnat?.to?.pod).toBe("shop/frontend-7f8b9c5d4-hx2lp");
    expect(r.verdict).toBe("allow");
    expect(decided(r)).toMatchObject({
      kind: "profile",
      stage: "normal",
      profile: "kns.shop",
      endpoint: "wep/shop/frontend-7f8b9c5d4-hx2lp",
    });
  });
});

describe("explain after DNAT to a hostNetwork pod (no workload endpoint: its address is its node's)", () => {
  const node = "10.176.48.106";
  const objects = [
    {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "edge-host", namespace: "kube-system", labels: { app: "edge-host" } },
      spec: {
        nodeName: node,
        hostNetwork: true,
        containers: [{ name: "edge", image: "edge", ports: [{ containerPort: 8443 }] }],
      },
      status: {
        phase: "Running",
        podIP: node,
        podIPs: [{ ip: node }],
        conditions: [{ type: "Ready", status: "True" }],
      },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "edge-host", namespace: "kube-system" },
      spec: {
        type: "NodePort",
        selector: { app: "edge-host" },
        ports: [{ port: 443, targetPort: 8443, nodePort: 32443 }],
      },
    },
  ];
  beforeAll(async () => {
    for (const o of objects) await client().create(o);
    await demo.cluster.settle(
      () =>
        demo.cluster.object("Service", "kube-system", "edge-host") !== undefined &&
        demo.cluster.object("Pod", "kube-system", "edge-host") !== undefined,
    );
  });
  afterAll(async () => {
    for (const o of objects) await client().delete(o);
  });

  it("on the pod's node the host gets the packet: the normal stage sees the translated address and port", async () => {
    const r = await explain({ port: 32443 });
    expect(r.dnat).toMatchObject({ service: "kube-system/edge-host", to: { ip: node, port: 8443 } });
    expect(r.trace.filter((t) => t.kind === "stage").map((t) => `${t.stage} ${t.endpoint}`)).toEqual([
      `untracked ${PUBLIC_HEP}`,
      `preDNAT ${PUBLIC_HEP}`,
      `normal ${PUBLIC_HEP}`,
    ]);
    expect(r.trace.find((t) => t.kind === "stage" && t.stage === "normal")?.message).toContain(
      `destination ${node}:8443`,
    );
    expect(decided(r)).toMatchObject({ kind: "end-of-tier", stage: "normal", endpoint: PUBLIC_HEP });
  });

  it("through another node the packet is forwarded: the forward stage sees the translated address", async () => {
    const other = "hep/10.184.58.42-worker-public";
    const r = await explain({ endpoint: other, port: 32443 });
    expect(r.trace.filter((t) => t.kind === "stage").map((t) => t.stage)).toEqual(["untracked", "preDNAT", "forward"]);
    expect(r.trace.find((t) => t.stage === "forward" && t.kind === "stage")?.message).toContain(
      `destination ${node}:8443`,
    );
    expect(decided(r)).toMatchObject({ kind: "end-of-tier", stage: "forward", endpoint: other });
  });
});

// Issue 17's corners through the route, on the applied objects and as what-if (proposedYaml).
describe("explain where Calico is subtle", () => {
  const ACCESS_WEP = "wep/default/access";
  const gnp = (name: string, spec: Record<string, unknown>) =>
    JSON.stringify({ apiVersion: "projectcalico.org/v3", kind: "GlobalNetworkPolicy", metadata: { name }, spec });

  it("forwarded traffic meets the departure host endpoint's applyOnForward egress policy (docs: Apply on forwarded traffic)", async () => {
    // Arriving on the first worker's private interface, routed to the nginx pod on 10.184.58.23. With ipipMode Never
    // Felix routes to the pod's block by the node's own interface (felix/calc/l3_route_resolver.go), the one holding
    // its InternalIP: it leaves by the private interface and arrives on the other node's.
    await setIpipMode("Never");
    const PRIVATE_HEP = "hep/10.176.48.106-worker-private";
    const toRemotePod = {
      endpoint: PRIVATE_HEP,
      peer: { ip: "10.176.48.9" },
      port: 80,
      preDnatDestination: { ip: "172.30.30.9", port: 80 },
      forwarded: true,
    };
    const today = await explain(toRemotePod);
    expect(today.verdict).toBe("deny");
    expect(today.trace.flatMap((t) => (t.kind === "stage" ? [`${t.endpoint} ${t.stage}`] : []))).toEqual([
      `${PRIVATE_HEP} untracked`,
      `${PRIVATE_HEP} preDNAT`,
      `${PRIVATE_HEP} forward`,
      `${PRIVATE_HEP} forward`,
      "hep/10.184.58.23-worker-private untracked",
      "hep/10.184.58.23-worker-private preDNAT",
      "hep/10.184.58.23-worker-private forward",
      "wep/default/nginx-5d9c8f6b7c-r8wtn normal",
    ]);
    const noForwardOut = (selector: string) =>
      gnp("no-forward-out", {
        selector,
        applyOnForward: true,
        types: ["Egress"],
        egress: [{ action: "Deny", destination: { nets: ["172.30.30.0/24", "192.0.2.0/24"] } }],
      });
    const denied = await explain({ ...toRemotePod, proposedYaml: noForwardOut("ibm.role == 'worker_private'") });
    expect(decided(denied)).toMatchObject({
      kind: "rule",
      stage: "forward",
      endpoint: PRIVATE_HEP,
      policy: "GlobalNetworkPolicy//no-forward-out",
    });
    expect(denied.trace.filter((t) => t.kind === "stage" && t.endpoint === PRIVATE_HEP).length).toBe(4);
    // Routed beyond the cluster: either interface could be the way out, and one has forward egress policy.
    const outside = { ...toRemotePod, preDnatDestination: { ip: "192.0.2.80", port: 80 } };
    expect((await explain(outside)).verdict).toBe("allow");
    const after = await explain({ ...outside, proposedYaml: noForwardOut("ibm.role == 'worker_private'") });
    expect(after.verdict).toBe("undetermined");
    expect(decided(after)).toMatchObject({ kind: "undetermined", result: "undetermined" });
    expect(decided(after)?.message).toContain("depends on routing");
    // With ipipMode Always (the seed's) the route to the pod's block leaves by tunl0, which no host endpoint
    // governs here: the private interface's forward egress policy never sees the packet, nor does the other node's.
    await setIpipMode("Always");
    const tunnelled = await explain({ ...toRemotePod, proposedYaml: noForwardOut("ibm.role == 'worker_private'") });
    expect(tunnelled.verdict).toBe("deny");
    expect(decided(tunnelled)).toMatchObject({ kind: "end-of-tier", endpoint: "wep/default/nginx-5d9c8f6b7c-r8wtn" });
    expect(tunnelled.trace.flatMap((t) => (t.kind === "stage" ? [`${t.endpoint} ${t.stage}`] : []))).toEqual([
      `${PRIVATE_HEP} untracked`,
      `${PRIVATE_HEP} preDNAT`,
      `${PRIVATE_HEP} forward`,
      "wep/default/nginx-5d9c8f6b7c-r8wtn normal",
    ]);
    expect(tunnelled.trace).toContainEqual(
      expect.objectContaining({
        kind: "note",
        message:
          "the packet leaves node 10.176.48.106 by tunl0, address 172.30.10.0 (IPPool default-ipv4-ippool ipipMode Always): no host endpoint governs it",
      }),
    );
  });

  it("host to its own pod is always allowed, applied and what-if (felix/rules/static.go filterOutputChain)", async () => {
    const fromHost = { endpoint: ACCESS_WEP, peer: { localHost: true }, port: 8080 };
    const r = await explain(fromHost);
    expect(r.verdict).toBe("allow");
    expect(decided(r)?.message).toContain("always allowed");
    const denyAll = gnp("deny-access", { selector: "run == 'access'", ingress: [{ action: "Deny" }] });
    expect((await explain({ ...fromHost, proposedYaml: denyAll })).verdict).toBe("allow");
    // From a host endpoint's address on another node, the pod's policy applies.
    const other = await explain({
      endpoint: ACCESS_WEP,
      peer: { ip: "10.184.58.23" },
      port: 8080,
      proposedYaml: denyAll,
    });
    expect(decided(other)).toMatchObject({ policy: "GlobalNetworkPolicy//deny-access", result: "deny" });
  });

  it("the host's own egress to a remote pod is policed on the interface it leaves by, applied and what-if (felix/rules/dispatch.go HostDispatchChains)", async () => {
    // 10.176.48.107's own packet to the nginx pod on 10.176.48.106: with ipipMode Always (the seed's) it leaves by
    // tunl0, which the private host endpoint (eth0) does not cover, so its egress policy never sees it.
    const PRIVATE_107 = "hep/10.176.48.107-worker-private";
    const hostToPod = { endpoint: PRIVATE_107, direction: "Egress", peer: { ip: NGINX_POD.ip }, port: 80 };
    const denyOut = (selector: string) =>
      gnp("deny-host-out", { selector, types: ["Egress"], egress: [{ action: "Deny" }], order: 1 });
    const tunnelled = await explain({ ...hostToPod, proposedYaml: denyOut("ibm.role == 'worker_private'") });
    expect(tunnelled.trace).toContainEqual(
      expect.objectContaining({
        kind: "note",
        endpoint: PRIVATE_107,
        message: expect.stringContaining(
          "the packet leaves node 10.176.48.107 by tunl0, address 172.30.20.0 (IPPool default-ipv4-ippool ipipMode Always): no host endpoint governs it, so 10.176.48.107-worker-private's policy does not apply",
        ),
      }),
    );
    // Then the pod sees tunl0's address, no run=access pod: access-nginx drops it, not the proposed policy.
    expect(tunnelled.verdict).toBe("deny");
    expect(decided(tunnelled)).toMatchObject({ endpoint: NGINX_WEP });
    // By the node's own interface (ipipMode Never) the private host endpoint governs it: the proposed policy denies.
    await setIpipMode("Never");
    try {
      const direct = await explain({ ...hostToPod, proposedYaml: denyOut("ibm.role == 'worker_private'") });
      expect(decided(direct)).toMatchObject({
        stage: "normal",
        endpoint: PRIVATE_107,
        policy: "GlobalNetworkPolicy//deny-host-out",
      });
    } finally {
      await setIpipMode("Always");
    }
    // Applied: an `interfaceName: "*"` host endpoint covers tunl0 (endpoint_mgr.go, the all-interfaces default).
    const all = {
      apiVersion: "projectcalico.org/v3",
      kind: "HostEndpoint",
      metadata: { name: "10.176.48.107-all", labels: { role: "all-interfaces" } },
      spec: { node: "10.176.48.107", interfaceName: "*" },
    };
    const policy = JSON.parse(denyOut("role == 'all-interfaces'"));
    await client().create(demo.sim.stored(all));
    await client().create(demo.sim.stored(policy));
    try {
      await demo.cluster.settle(
        () =>
          demo.cluster.object("HostEndpoint", undefined, all.metadata.name) !== undefined &&
          demo.cluster.object("GlobalNetworkPolicy", undefined, "deny-host-out") !== undefined,
      );
      const covered = await explain(hostToPod);
      expect(decided(covered)).toMatchObject({
        stage: "normal",
        endpoint: "hep/10.176.48.107-all",
        policy: "GlobalNetworkPolicy//deny-host-out",
      });
      expect(covered.trace).toContainEqual(
        expect.objectContaining({
          kind: "note",
          message: expect.stringContaining(
            "host endpoint 10.176.48.107-all governs it, so its policy applies, not 10.176.48.107-worker-private's",
          ),
        }),
      );
    } finally {
      await client().delete(demo.sim.stored(policy));
      await client().delete(demo.sim.stored(all));
    }
  });

  it("rejects peer.localHost on a host endpoint's ingress, naming the field", async () => {
    const res = await demo.app.inject({
      method: "POST",
      url: "/api/v1/clusters/demo/explain",
      headers: { "x-palisade-csrf": "1" },
      payload: { endpoint: PUBLIC_HEP, direction: "Ingress", peer: { localHost: true }, protocol: "TCP", port: 22 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ details: [{ path: "peer.localHost" }] });
  });

  it("walks a ClusterIP to each endpoint kube-proxy may pick: one verdict for all, else undetermined (issue 17)", async () => {
    // kube-dns 172.21.0.10:53/UDP has two ready endpoints in its EndpointSlice, the coredns pods.
    const toDns = { endpoint: ACCESS_WEP, direction: "Egress", peer: { ip: "172.21.0.10" }, protocol: "UDP", port: 53 };
    const onlyTo = (destination: Record<string, unknown>) =>
      gnp("only-dns-pods", {
        selector: "run == 'access'",
        types: ["Egress"],
        egress: [{ action: "Allow", destination }],
      });
    const dns = await explain({ ...toDns, proposedYaml: onlyTo({ selector: "k8s-app == 'kube-dns'" }) });
    expect(dns.verdict).toBe("allow");
    expect(dns.trace[0]).toMatchObject({ kind: "dnat", endpoint: ACCESS_WEP, result: "next" });
    expect(dns.trace[0]?.message).toContain("one of its 2 ready endpoints chosen at random");
    // Only coredns-7c6f8d5b9d-8jxkq (172.30.20.3) allowed: the verdict depends on kube-proxy's pick.
    const one = await explain({ ...toDns, proposedYaml: onlyTo({ nets: ["172.30.20.3/32"] }) });
    expect(one.verdict).toBe("undetermined");
    expect(decided(one)?.message).toContain("ClusterIP of Service kube-system/kube-dns");
    expect(decided(one)?.message).toContain("verdict depends on which (172.30.20.3:53 allow, 172.30.40.");
    // The host's own packet too (filter OUTPUT runs after kube-proxy's nat OUTPUT): the master proxy is the
    // kubernetes Service's only endpoint, IBM's local master proxy.
    const master = await explain({
      endpoint: "hep/10.176.48.106-worker-private",
      direction: "Egress",
      peer: { ip: "172.21.0.1" },
      port: 443,
    });
    expect(master.trace[0]?.message).toContain("-> 172.20.0.1:2040, its only ready endpoint");
    expect(master.trace.find((t) => t.kind === "stage")?.message).toContain("destination 172.20.0.1:2040");
  });

  it("is undetermined, with the reason, for an http match and the pod's own host", async () => {
    const http = gnp("http-only", {
      selector: "run == 'access'",
      ingress: [{ action: "Allow", protocol: "TCP", http: { methods: ["GET"] } }],
    });
    expect((await explain({ endpoint: ACCESS_WEP, port: 8080, proposedYaml: http })).verdict).toBe("undetermined");
    const toHost = await explain({ endpoint: ACCESS_WEP, direction: "Egress", peer: { localHost: true }, port: 10250 });
    expect(toHost).toMatchObject({ verdict: "undetermined", summary: expect.stringMatching(/^Undetermined: /) });
    expect(decided(toHost)?.message).toContain("DefaultEndpointToHostAction");
  });
});

describe("explain matches `services` in rules against the Services' EndpointSlices (issue 17; felix/serviceindex)", () => {
  // The access pod and shop's frontend-7f8b9c5d4-hx2lp (172.30.20.31) both run on 10.176.48.107; Service
  // shop/frontend targets port 8080, so kube-sim's slice for it holds 172.30.20.31:8080/TCP.
  const ACCESS_WEP = "wep/default/access";
  const FRONTEND = { ip: "172.30.20.31", name: "frontend-7f8b9c5d4-hx2lp" };
  const toFrontend = { endpoint: ACCESS_WEP, direction: "Egress", peer: { ip: FRONTEND.ip }, port: 8080 };
  const policy = {
    apiVersion: "projectcalico.org/v3",
    kind: "GlobalNetworkPolicy",
    metadata: { name: "access-to-frontend" },
    spec: {
      selector: "run == 'access'",
      types: ["Egress"],
      egress: [
        { action: "Allow", protocol: "TCP", destination: { services: { name: "frontend", namespace: "shop" } } },
      ],
    },
  };
  const rule = (r: ExplainResult) =>
    r.trace.find((t) => t.kind === "rule" && t.policy === "GlobalNetworkPolicy//access-to-frontend");
  const setFrontendLabel = async (app: string) => {
    const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: FRONTEND.name, namespace: "shop" } };
    await demo.mergePatch({ ...pod, metadata: { ...pod.metadata, labels: { app } } }, () =>
      demo.cluster
        .objects("EndpointSlice")
        .some(
          (s) =>
            s.metadata.labels?.["kubernetes.io/service-name"] === "frontend" &&
            JSON.stringify(s.endpoints).includes(FRONTEND.ip) === (app === "frontend"),
        ),
    );
  };

  it("what-if: the Service's endpoint on its port matches; another port does not", async () => {
    const proposedYaml = JSON.stringify(policy);
    const r = await explain({ ...toFrontend, proposedYaml });
    expect(r.verdict).toBe("allow");
    expect(rule(r)).toMatchObject({ matched: true, result: "allow" });
    const other = await explain({ ...toFrontend, port: 9090, proposedYaml });
    expect(other.verdict).toBe("deny");
    expect(rule(other)?.message).toContain(
      "the address is an endpoint of Service shop/frontend, but not with this port",
    );
  });

  it("applied: follows the slices kube-sim keeps as the pod leaves and rejoins the Service", async () => {
    await client().create(demo.sim.stored(policy));
    try {
      await demo.cluster.settle(
        () => demo.cluster.object("GlobalNetworkPolicy", undefined, policy.metadata.name) !== undefined,
      );
      expect(rule(await explain(toFrontend))).toMatchObject({ matched: true, result: "allow" });
      await setFrontendLabel("frontend-canary");
      const out = await explain(toFrontend);
      expect(out.verdict).toBe("deny");
      expect(rule(out)?.message).toContain("is not an endpoint of Service shop/frontend");
    } finally {
      await setFrontendLabel("frontend");
      await client().delete(demo.sim.stored(policy));
    }
  });
});

describe("explain's masquerade address, from the IPPool holding the pod's address (issue 17 item 5)", () => {
  const setTunnel = (address: string | undefined) => annotateNode("10.184.58.42", IPIP_TUNNEL, address);
  const note = (r: ExplainResult) => r.trace.find((t) => t.kind === "note" && t.endpoint === NGINX_WEP)?.message;
  const viaOtherWorker = { endpoint: "hep/10.184.58.42-worker-public", port: 31380 };
  let restore: () => Promise<void>;
  beforeAll(async () => {
    restore = await unrecord(
      ["10.184.58.42", IPIP_TUNNEL],
      ["10.184.58.42", NODE_ADDRESS],
      ["10.176.48.107", NODE_ADDRESS],
    );
  });
  afterAll(async () => {
    await setIpipMode("Always");
    await restore();
  });

  it("ipipMode Always: the node's IPIP tunnel address, from its Node's annotation", async () => {
    await setTunnel("172.30.40.1");
    const r = await explain(viaOtherWorker);
    expect(note(r)).toContain(
      "see source 172.30.40.1 (node 10.184.58.42's IPIP tunnel address (IPPool default-ipv4-ippool ipipMode Always",
    );
    // It arrives on node 10.176.48.106 by tunl0, which no host endpoint governs (the demo's are named eth0 and
    // eth1): the pod's access-nginx decides, and 172.30.40.1 is no run=access pod.
    expect(r.verdict).toBe("deny");
    expect(decided(r)).toMatchObject({ kind: "end-of-tier", endpoint: NGINX_WEP });
    await setTunnel(undefined);
  });

  it("ipipMode Never: the node's InternalIP; CrossSubnet: by the nodes' subnets (felix/calc/l3_route_resolver.go nodeInOurSubnet)", async () => {
    await setIpipMode("Never");
    const never = await explain(viaOtherWorker);
    expect(note(never)).toContain(
      "see source 10.184.58.42 (node 10.184.58.42's InternalIP: IPPool default-ipv4-ippool encapsulates nothing",
    );
    // The InternalIP is no run=access pod: access-nginx drops it.
    expect(never.verdict).toBe("deny");
    await setIpipMode("CrossSubnet");
    // Without the node's own subnet (projectcalico.org/IPv4Address, the Calico Node's spec.bgp.ipv4Address) the
    // route, and so the masquerade address, is not known.
    const cross = await explain(viaOtherWorker);
    expect(note(cross)).toContain(
      "node 10.184.58.42's own subnet (its Calico Node's spec.bgp.ipv4Address, the projectcalico.org/IPv4Address annotation on its Node) is not recorded",
    );
    expect(cross.verdict).toBe("undetermined");
    expect(decided(cross)?.message).toContain("source is masqueraded");
    // 10.176.48.106 is outside 10.184.58.42's /26: the route leaves by tunl0, whose address it does not record.
    await annotateNode("10.184.58.42", NODE_ADDRESS, "10.184.58.42/26");
    const outside = await explain(viaOtherWorker);
    expect(note(outside)).toContain(
      "node 10.184.58.42's IPIP tunnel address (IPPool default-ipv4-ippool ipipMode CrossSubnet, and node 10.176.48.106 (10.176.48.106) is outside node 10.184.58.42's subnet 10.184.58.42/26",
    );
    expect(outside.verdict).toBe("undetermined");
    // Through 10.176.48.107, in the pod's node's subnet: no encapsulation, so its InternalIP, which access-nginx drops.
    await annotateNode("10.176.48.107", NODE_ADDRESS, "10.176.48.107/26");
    const inside = await explain({ ...viaOtherWorker, endpoint: "hep/10.176.48.107-worker-public" });
    expect(note(inside)).toContain(
      "see source 10.176.48.107 (node 10.176.48.107's InternalIP: IPPool default-ipv4-ippool ipipMode CrossSubnet, and node 10.176.48.106 (10.176.48.106) is in node 10.176.48.107's subnet 10.176.48.107/26)",
    );
    expect(inside.verdict).toBe("deny");
    // The same as a what-if: a proposed policy on the pod that admits the node's InternalIP decides it.
    const admit = JSON.stringify({
      apiVersion: "projectcalico.org/v3",
      kind: "NetworkPolicy",
      metadata: { name: "admit-node-107", namespace: "default" },
      spec: {
        order: 1,
        selector: "run == 'nginx'",
        types: ["Ingress"],
        ingress: [{ action: "Allow", source: { nets: ["10.176.48.107/32"] } }],
      },
    });
    const whatIf = await explain({
      ...viaOtherWorker,
      endpoint: "hep/10.176.48.107-worker-public",
      proposedYaml: admit,
    });
    expect(whatIf).toMatchObject({ verdict: "allow", whatIf: true });
    expect(decided(whatIf)).toMatchObject({ policy: "NetworkPolicy/default/admit-node-107" });
    // Through 10.184.58.42 it stays undetermined: the source is the tunnel address, which its Node does not record.
    expect((await explain({ ...viaOtherWorker, proposedYaml: admit })).verdict).toBe("undetermined");
  });
});

// Issue 17's honesty rule for tunnels: with ipipMode Always the route to a pod on another node goes by tunl0
// (felix/calc/l3_route_resolver.go), and the host endpoint governing tunl0 is the first by name whose interfaceName
// is tunl0 or, without one, whose expectedIPs hold tunl0's address, the node's IPIP tunnel address
// (felix/dataplane/linux/endpoint_mgr.go resolveHostEndpoints). Where that address is not recorded and such a host
// endpoint has policy for the stage, the verdict depends on it: undetermined.
describe("explain through a tunnel device whose address decides the host endpoint (issue 17 honesty rule)", () => {
  const NODE = "10.184.58.23";
  const toRemoteNginx = {
    endpoint: "wep/default/access",
    direction: "Egress",
    peer: { ip: "172.30.30.9" },
    port: 80,
  };
  const tunnelHep = {
    apiVersion: "projectcalico.org/v3",
    kind: "HostEndpoint",
    metadata: { name: `${NODE}-tunnel`, labels: { role: "tunnel" } },
    spec: { node: NODE, expectedIPs: ["172.30.30.1"] },
  };
  const denyForward = {
    apiVersion: "projectcalico.org/v3",
    kind: "GlobalNetworkPolicy",
    metadata: { name: "tunnel-forward-deny" },
    spec: { selector: "role == 'tunnel'", applyOnForward: true, types: ["Ingress"], ingress: [{ action: "Deny" }] },
  };
  const proposedYaml = `${JSON.stringify(tunnelHep)}\n---\n${JSON.stringify(denyForward)}`;
  let restore: () => Promise<void>;
  beforeAll(async () => {
    restore = await unrecord([NODE, IPIP_TUNNEL]);
  });
  afterAll(async () => {
    await restore();
  });

  it("what-if: a host endpoint matched by expectedIPs may govern tunl0, whose address the Node does not record", async () => {
    expect((await explain(toRemoteNginx)).verdict).toBe("allow");
    const r = await explain({ ...toRemoteNginx, proposedYaml });
    expect(r).toMatchObject({ verdict: "undetermined", whatIf: true });
    expect(decided(r)).toMatchObject({ kind: "undetermined", stage: "forward" });
    expect(decided(r)?.message).toBe(
      `the packet arrives on node ${NODE} by tunl0, whose address (node ${NODE}'s IPIP tunnel address) its Node does not record (IPPool default-ipv4-ippool ipipMode Always); the host endpoint governing it (Felix matches one without an interfaceName by its expectedIPs) could be hep/${NODE}-tunnel, an interface with no host endpoint, and hep/${NODE}-tunnel has untracked/preDNAT/forward ingress policy`,
    );
  });

  it("applied: the recorded tunnel address decides whether that host endpoint's forward policy applies", async () => {
    await client().create(demo.sim.stored(tunnelHep));
    await client().create(demo.sim.stored(denyForward));
    try {
      await demo.cluster.settle(
        () =>
          demo.cluster.object("HostEndpoint", undefined, tunnelHep.metadata.name) !== undefined &&
          demo.cluster.object("GlobalNetworkPolicy", undefined, denyForward.metadata.name) !== undefined,
      );
      expect((await explain(toRemoteNginx)).verdict).toBe("undetermined");
      await annotateNode(NODE, IPIP_TUNNEL, "172.30.30.1");
      const governed = await explain(toRemoteNginx);
      expect(governed.verdict).toBe("deny");
      expect(decided(governed)).toMatchObject({
        kind: "rule",
        stage: "forward",
        endpoint: `hep/${NODE}-tunnel`,
        policy: "GlobalNetworkPolicy//tunnel-forward-deny",
      });
      await annotateNode(NODE, IPIP_TUNNEL, "172.30.30.2");
      const other = await explain(toRemoteNginx);
      expect(other.verdict).toBe("allow");
      expect(other.trace).toContainEqual(
        expect.objectContaining({
          kind: "note",
          message: `the packet arrives on node ${NODE} by tunl0, address 172.30.30.2 (IPPool default-ipv4-ippool ipipMode Always): no host endpoint governs it`,
        }),
      );
    } finally {
      await client().delete(demo.sim.stored(denyForward));
      await client().delete(demo.sim.stored(tunnelHep));
    }
  });
});

// A host's own packet to a pod on another node leaves by tunl0 when the pod's IPPool encapsulates: its source is
// then tunl0's address, the node's IPIP tunnel address (the kernel's choice for the device; Felix masquerades any
// other local source to it, felix/rules/static.go StaticNATPostroutingChains), not the node's InternalIP.
describe("a host's own packet to a remote pod through a tunnel takes the tunnel address as its source (issue 17)", () => {
  const SENDER = "10.176.48.107";
  const fromHost = { endpoint: NGINX_WEP, peer: { ip: SENDER }, port: 80 };
  const admit = (net: string) =>
    JSON.stringify({
      apiVersion: "projectcalico.org/v3",
      kind: "NetworkPolicy",
      metadata: { name: "admit-host", namespace: "default" },
      spec: {
        order: 1,
        selector: "run == 'nginx'",
        types: ["Ingress"],
        ingress: [{ action: "Allow", source: { nets: [net] } }],
      },
    });
  let restore: () => Promise<void>;
  beforeAll(async () => {
    restore = await unrecord([SENDER, IPIP_TUNNEL]);
  });
  afterAll(async () => {
    await restore();
    await setIpipMode("Always");
  });

  it("what-if and applied: undetermined while the sender's tunnel address is not recorded, then decided by it", async () => {
    // A rule admitting the node's InternalIP would be a confident allow if the source were taken as given.
    const byInternalIp = await explain({ ...fromHost, proposedYaml: admit(`${SENDER}/32`) });
    expect(byInternalIp).toMatchObject({ verdict: "undetermined", whatIf: true });
    expect(decided(byInternalIp)?.message).toContain(
      `node ${SENDER}'s own packet leaves it by tunl0, whose address (node ${SENDER}'s IPIP tunnel address) its Node does not record`,
    );
    // The host's egress through its own host endpoint, to the same pod: the same source at the pod's node.
    const egress = await explain({
      endpoint: `hep/${SENDER}-worker-private`,
      direction: "Egress",
      peer: { ip: NGINX_POD.ip },
      port: 80,
      proposedYaml: admit(`${SENDER}/32`),
    });
    expect(egress.verdict).toBe("undetermined");
    // Applied: the Node records the tunnel address, which is the source the pod's policy sees.
    await annotateNode(SENDER, IPIP_TUNNEL, "172.30.20.1");
    expect((await explain({ ...fromHost, proposedYaml: admit(`${SENDER}/32`) })).verdict).toBe("deny");
    const byTunnel = await explain({ ...fromHost, proposedYaml: admit("172.30.20.1/32") });
    expect(byTunnel.verdict).toBe("allow");
    expect(byTunnel.trace).toContainEqual(
      expect.objectContaining({
        kind: "note",
        endpoint: NGINX_WEP,
        message: expect.stringContaining(
          `node ${SENDER}'s own packet leaves it by tunl0, address 172.30.20.1 (IPPool default-ipv4-ippool ipipMode Always), so its source is that device's address 172.30.20.1`,
        ),
      }),
    );
    // ipipMode Never: no tunnel, the InternalIP is the source.
    await setIpipMode("Never");
    expect((await explain({ ...fromHost, proposedYaml: admit(`${SENDER}/32`) })).verdict).toBe("allow");
  });
});

describe("explain checks the addresses it is given under their own field names", () => {
  const refused = async (body: Record<string, unknown>) => {
    const res = await postExplain(body);
    expect(res.statusCode, res.body).toBe(400);
    return res.json<ErrorBody>();
  };

  it("reports a bad preDnatDestination.ip under that path, not localIp", async () => {
    expect(await refused({ port: 80, preDnatDestination: { ip: "198.51.100.999", port: 80 } })).toMatchObject({
      code: "BadRequest",
      details: [{ path: "preDnatDestination.ip", message: "not an IP address: 198.51.100.999" }],
    });
  });

  it("refuses a localIp the endpoint does not have, even one another endpoint owns, naming the field", async () => {
    expect(await refused({ port: 80, localIp: NGINX_POD.ip })).toMatchObject({
      code: "BadRequest",
      details: [
        { path: "localIp", message: `${NGINX_POD.ip} is not an address of ${PUBLIC_HEP} (it has ${WORKER_PUBLIC_IP})` },
      ],
    });
    expect(await refused({ port: 80, localIp: "not-an-ip" })).toMatchObject({
      details: [{ path: "localIp", message: "not an IP address: not-an-ip" }],
    });
    expect((await explain({ port: 80, localIp: WORKER_PUBLIC_IP })).verdict).toBeDefined();
  });
});
