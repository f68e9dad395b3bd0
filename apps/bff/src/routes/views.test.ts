import type {
  ErrorBody,
  ExplainResult,
  GeneratorResult,
  GraphModel,
  HostEndpointDetail,
  HostEndpointList,
  PolicyDetail,
  PolicyList,
  SelectorResult,
  WorkloadEndpointDetail,
} from "@palisade/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoHarness, startDemo } from "../testing/demo";

const PUBLIC_HEP = "10.176.48.106-worker-public";
const PRIVATE_HEP = "10.176.48.106-worker-private";

describe("read routes on the demo cluster", () => {
  let demo: DemoHarness;
  const get = (path: string) => demo.app.inject({ url: `/api/v1/clusters/demo/${path}` });
  beforeAll(async () => {
    demo = await startDemo({}, { storage: "v3" });
  });
  afterAll(async () => {
    await demo.close();
  });

  it("lists policies in evaluation order with stages, match counts, rules in words and tiers", async () => {
    const res = await get("policies");
    expect(res.statusCode).toBe(200);
    const list = res.json<PolicyList>();
    // The seed's admin policies: the ClusterNetworkPolicy runs in kube-admin, before default; the demo's Calico v3.32.0
    // does not enforce the AdminNetworkPolicy and the BaselineAdminNetworkPolicy, listed last (docs/calico-semantics.md §8).
    expect(list.items.map((p) => p.name)).toEqual([
      "cluster-dns",
      "backend-from-frontend-only",
      "access-nginx",
      "allow-node-port-dnat",
      "allow-vrrp",
      "allow-icmp",
      "allow-all-outbound",
      "allow-bigfix-port",
      "allow-sys-mgmt",
      "allow-all-private-default",
      "shop-guard",
      "default",
    ]);
    expect(list.items.find((p) => p.name === "shop-guard")?.enforcement).toEqual({
      state: "not-enforced",
      note: expect.stringMatching(
        /^Not enforced by Calico v3\.32\.0: only Calico v3\.29 to v3\.31 enforce AdminNetworkPolicy/,
      ),
    });
    expect(list.items.find((p) => p.name === "cluster-dns")?.enforcement?.state).toBe("enforced");
    const dnat = list.items.find((p) => p.name === "allow-node-port-dnat");
    expect(dnat).toMatchObject({
      key: "GlobalNetworkPolicy//allow-node-port-dnat",
      applyOnForward: true,
      stages: ["normal", "forward"],
      types: ["Ingress"],
      matched: { hostEndpoints: 4, workloadEndpoints: 0 },
      staged: false,
    });
    // The shop team's staged policy: evaluated in the default tier, enforcing nothing.
    expect(list.items.find((p) => p.name === "backend-from-frontend-only")).toMatchObject({
      key: "StagedNetworkPolicy/shop/backend-from-frontend-only",
      staged: true,
      matched: { workloadEndpoints: 1 },
    });
    const bigfix = list.items.find((p) => p.name === "allow-bigfix-port");
    expect(bigfix?.summary).toBe("ingress: Allow TCP to port 52311; ingress: Allow UDP to port 52311");
    expect(list.items.find((p) => p.name === "allow-all-private-default")?.matched.hostEndpoints).toBe(4);
    // Only the tiers of what Calico v3.32 evaluates: not v3.31's adminnetworkpolicy and baselineadminnetworkpolicy.
    expect(list.tiers).toEqual([
      { name: "kube-admin", order: 1_000, defaultAction: "Pass", exists: true, policyCount: 1 },
      {
        name: "default",
        order: 1_000_000,
        defaultAction: "Deny",
        exists: true,
        policyCount: 9,
        // The Tier object, for the tier form; kube-admin has none (Calico creates it).
        yaml: expect.stringMatching(/^apiVersion: projectcalico.org\/v3\nkind: Tier\nmetadata:\n {2}name: default\n/),
      },
    ]);
    // The foundation route answers the same for the default cluster.
    expect((await demo.app.inject({ url: "/api/v1/policies" })).json<PolicyList>()).toEqual(list);
  });

  it("shows one policy with YAML, rules in words and the endpoints it applies to", async () => {
    const res = await get("policies/GlobalNetworkPolicy/allow-bigfix-port");
    expect(res.statusCode).toBe(200);
    const detail = res.json<PolicyDetail>();
    expect(detail.yaml).toMatch(/^apiVersion: projectcalico.org\/v3\nkind: GlobalNetworkPolicy\n/);
    expect(detail.yaml).not.toMatch(/resourceVersion|uid|creationTimestamp/);
    expect(detail.rules.map((r) => [r.direction, r.index, r.action, r.words])).toEqual([
      ["Ingress", 0, "Allow", "Allow TCP to port 52311"],
      ["Ingress", 1, "Allow", "Allow UDP to port 52311"],
    ]);
    expect(detail.rules[0]?.destination.ports).toEqual(["52311"]);
    expect(detail.rules[0]?.source.endpoints).toBeUndefined();
    expect(detail.appliesTo.total).toBe(4);
    expect(detail.appliesTo.items.every((e) => e.kind === "HostEndpoint" && e.name.endsWith("-public"))).toBe(true);
    expect(detail.warnings).toEqual([]);
  });

  it("shows a Kubernetes NetworkPolicy as Calico evaluates it, with its translation and peers", async () => {
    const detail = (await get("policies/KubernetesNetworkPolicy/access-nginx?namespace=default")).json<PolicyDetail>();
    expect(detail.summary).toMatchObject({
      key: "KubernetesNetworkPolicy/default/access-nginx",
      calicoName: "knp.default.access-nginx",
      tier: "default",
      order: 1000,
      stages: ["normal"],
      selector: "projectcalico.org/orchestrator == 'k8s' && run == 'nginx'",
      matched: { hostEndpoints: 0, workloadEndpoints: 2 },
    });
    expect(detail.object.apiVersion).toBe("networking.k8s.io/v1");
    expect(detail.calico?.yaml).toContain("order: 1000");
    expect(detail.rules[0]?.source.endpoints?.items.map((e) => e.id)).toEqual(["wep/default/access"]);
    expect(detail.rules[0]?.source.selector).toBe(
      '(projectcalico.org/namespace == "default" && (projectcalico.org/orchestrator == "k8s" && run == "access"))',
    );
    const pod = (await get("workloadendpoints/default/nginx-5d9c8f6b7c-4xkzq")).json<WorkloadEndpointDetail>();
    expect(pod.policies.normal.map((p) => p.key)).toEqual([
      "ClusterNetworkPolicy//cluster-dns",
      "KubernetesNetworkPolicy/default/access-nginx",
    ]);
    expect(pod.policies.preDNAT).toEqual([]);
    expect(pod.summary.effectiveLabels["pcns.projectcalico.org/name"]).toBe("default");
  });

  it("refuses a policy address without its namespace, or with one for a global kind, and 404s unknown ones", async () => {
    expect((await get("policies/NetworkPolicy/x")).json<ErrorBody>()).toMatchObject({
      statusCode: 400,
      code: "BadRequest",
      details: [{ path: "namespace", message: "required" }],
    });
    expect((await get("policies/GlobalNetworkPolicy/allow-icmp?namespace=default")).statusCode).toBe(400);
    expect((await get("policies/GlobalNetworkPolicy/nope")).json<ErrorBody>()).toMatchObject({
      statusCode: 404,
      code: "NotFound",
    });
    expect((await get("policies/Bogus/x")).json<ErrorBody>()).toMatchObject({ statusCode: 400, code: "BadRequest" });
  });

  it("lists host endpoints with roles and, per stage, the policies that apply in order", async () => {
    const list = (await get("hostendpoints")).json<HostEndpointList>();
    expect(list.items).toHaveLength(8);
    expect(list.items.filter((h) => h.role === "public")).toHaveLength(4);
    const pub = (await get(`hostendpoints/${PUBLIC_HEP}`)).json<HostEndpointDetail>();
    expect(pub.summary.interfaceName).toBe("eth1");
    expect(pub.policies.normal.map((p) => p.name)).toEqual([
      "allow-node-port-dnat",
      "allow-vrrp",
      "allow-icmp",
      "allow-all-outbound",
      "allow-bigfix-port",
      "allow-sys-mgmt",
    ]);
    expect(pub.policies.forward.map((p) => p.name)).toEqual(["allow-node-port-dnat"]);
    expect(pub.policies.preDNAT).toEqual([]);
    expect(pub.policies.normal.find((p) => p.name === "allow-all-outbound")?.directions).toEqual(["Egress"]);
    expect(pub.defaultDeny).toBe(false);
    const priv = (await get(`hostendpoints/${PRIVATE_HEP}`)).json<HostEndpointDetail>();
    expect(priv.policies.normal.map((p) => [p.name, p.directions])).toEqual([
      ["allow-all-private-default", ["Ingress", "Egress"]],
    ]);
    expect((await get("hostendpoints/nope")).statusCode).toBe(404);
  });

  it("matches a selector, capped with totals, and reports a parse error with its offset", async () => {
    const ok = (
      await get(`selector?selector=${encodeURIComponent("ibm.role == 'worker_public'")}&limit=3`)
    ).json<SelectorResult>();
    expect(ok).toMatchObject({ canonical: 'ibm.role == "worker_public"', total: 4, truncated: true });
    expect(ok.totals).toEqual({ hostEndpoints: 4, workloadEndpoints: 0 });
    expect(ok.items).toHaveLength(3);
    const bad = await get(`selector?selector=${encodeURIComponent("ibm.role == ")}`);
    expect(bad.statusCode).toBe(400);
    // The message counts characters from 1, as people and editors do; the offset stays 0-based data.
    expect(bad.json<ErrorBody>()).toMatchObject({
      code: "InvalidSelector",
      message: expect.stringMatching(/^the selector does not parse at character 13: /),
      details: [{ path: "selector", offset: 12 }],
    });
    expect((await get("selector?selector=a&limit=0")).statusCode).toBe(400);
  });

  it("builds the graph: nodes, their interfaces, and policy-to-endpoint edges", async () => {
    const graph = (await get("graph?edges=true")).json<GraphModel>();
    expect((await get("graph")).json<GraphModel>().edges).toEqual([]);
    expect(graph.nodes).toHaveLength(4);
    expect(graph.interfaces).toHaveLength(8);
    expect(graph.interfaces.every((i) => i.node?.startsWith("node/"))).toBe(true);
    expect(graph.policyCount).toBe((await get("policies")).json<PolicyList>().items.length);
    // An admin policy is drawn to the pods its subject selects; one the cluster's Calico does not enforce, to none.
    const dnsEdges = graph.edges.filter((e) => e.policy === "ClusterNetworkPolicy//cluster-dns").map((e) => e.endpoint);
    expect(dnsEdges.length).toBe(graph.pods.length);
    expect(graph.edges.some((e) => e.policy === "AdminNetworkPolicy//shop-guard")).toBe(false);
    expect(graph.pods.find((p) => p.name === "access")).toMatchObject({
      namespace: "default",
      node: "node/10.176.48.107",
    });
    expect(
      graph.edges.filter((e) => e.policy === "KubernetesNetworkPolicy/default/access-nginx").map((e) => e.endpoint),
    ).toEqual(["wep/default/nginx-5d9c8f6b7c-4xkzq", "wep/default/nginx-5d9c8f6b7c-r8wtn"]);
    const privateEdges = graph.edges.filter((e) => e.policy === "GlobalNetworkPolicy//allow-all-private-default");
    expect(privateEdges.map((e) => e.endpoint)).toEqual([
      "hep/10.176.48.106-worker-private",
      "hep/10.176.48.107-worker-private",
      "hep/10.184.58.23-worker-private",
      "hep/10.184.58.42-worker-private",
    ]);
    expect(privateEdges[0]?.directions).toEqual(["Ingress", "Egress"]);
  });

  it("groups the graph's pods by namespace and workload with counts, and lists only what is expanded", async () => {
    const all = (await get("graph?edges=true")).json<GraphModel>();
    // The demo is small, so every group starts expanded.
    expect(all.groups.every((g) => g.expanded)).toBe(true);
    const shop = all.groups.find((g) => g.id === "group/shop");
    expect(shop?.pods).toBe(all.pods.filter((p) => p.namespace === "shop").length);
    // nginx's pods carry `run: nginx` and no controller: one workload of two pods.
    expect(all.groups.find((g) => g.id === "group/default/app/nginx")).toEqual({
      id: "group/default/app/nginx",
      namespace: "default",
      workload: { kind: "app", name: "nginx" },
      pods: 2,
      expanded: true,
    });

    // A namespace opened: its workloads as groups, no pod of a workload, edges only to interfaces and listed pods.
    const open = (await get("graph?expand=default&edges=true")).json<GraphModel>();
    expect(open.groups.filter((g) => g.expanded).map((g) => g.id)).toEqual(["group/default"]);
    expect(open.groups.find((g) => g.id === "group/default/app/nginx")).toMatchObject({ pods: 2, expanded: false });
    expect(open.pods.some((p) => p.name.startsWith("nginx-"))).toBe(false);
    const listed = new Set([...open.pods.map((p) => p.id), ...open.interfaces.map((i) => i.id)]);
    expect(open.edges.every((e) => listed.has(e.endpoint))).toBe(true);

    // A workload opened: its pods, with the same edges as in the whole picture.
    const nginx = (await get("graph?expand=default/app/nginx&edges=true")).json<GraphModel>();
    expect(nginx.pods.map((p) => p.name)).toEqual(["nginx-5d9c8f6b7c-4xkzq", "nginx-5d9c8f6b7c-r8wtn"]);
    const toNginx = (g: GraphModel) => g.edges.filter((e) => e.endpoint.startsWith("wep/default/nginx-"));
    expect(toNginx(nginx)).toEqual(toNginx(all));

    // Nothing expanded: groups and interfaces only.
    const none = (await get("graph?expand=-&edges=true")).json<GraphModel>();
    expect(none.pods).toEqual([]);
    expect(none.groups.every((g) => g.workload === undefined && !g.expanded)).toBe(true);
    expect(none.edges.every((e) => e.endpoint.startsWith("hep/"))).toBe(true);

    const shopAll = (await get("graph?expand=shop/*")).json<GraphModel>();
    expect(shopAll.pods.map((p) => p.id)).toEqual(all.pods.filter((p) => p.namespace === "shop").map((p) => p.id));
    expect((await get("graph?expand=*")).json<GraphModel>().pods).toHaveLength(all.pods.length);
  });

  it("explains packets: failsafe SSH, the deciding rule, the end-of-tier deny, and a what-if deny-nodeports", async () => {
    const explain = (body: Record<string, unknown>) =>
      demo.app.inject({
        method: "POST",
        url: "/api/v1/clusters/demo/explain",
        headers: { "x-palisade-csrf": "1" },
        payload: { endpoint: `hep/${PUBLIC_HEP}`, direction: "Ingress", peer: { ip: "203.0.113.200" }, ...body },
      });
    const ssh = (await explain({ protocol: "TCP", port: 22 })).json<ExplainResult>();
    expect(ssh.verdict).toBe("allow");
    expect(ssh.trace[ssh.decidedBy]?.kind).toBe("failsafe");
    const bigfix = (await explain({ protocol: "TCP", port: 52311 })).json<ExplainResult>();
    expect(bigfix.verdict).toBe("allow");
    expect(bigfix.trace[bigfix.decidedBy]).toMatchObject({
      kind: "rule",
      policy: "GlobalNetworkPolicy//allow-bigfix-port",
      rule: 0,
      action: "Allow",
      matched: true,
    });
    const other = (await explain({ protocol: "TCP", port: 8080 })).json<ExplainResult>();
    expect(other.verdict).toBe("deny");
    expect(other.trace[other.decidedBy]).toMatchObject({ kind: "end-of-tier", tier: "default", action: "Deny" });
    expect(other.whatIf).toBe(false);
    const proposedYaml = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: { name: deny-bigfix }
spec:
  order: 100
  preDNAT: true
  applyOnForward: true
  selector: ibm.role == 'worker_public'
  types: [Ingress]
  ingress: [{ action: Deny, protocol: TCP, destination: { ports: [52311] } }]
`;
    const after = (await explain({ protocol: "TCP", port: 52311, proposedYaml })).json<ExplainResult>();
    expect(after).toMatchObject({ verdict: "deny", whatIf: true });
    expect(after.trace[after.decidedBy]).toMatchObject({
      stage: "preDNAT",
      policy: "GlobalNetworkPolicy//deny-bigfix",
    });
    expect(demo.cluster.object("GlobalNetworkPolicy", undefined, "deny-bigfix")).toBeUndefined();
    expect(after.trace[after.decidedBy]?.result).toBe("deny");
    expect(after.trace.filter((t) => t.kind === "stage").map((t) => t.result)).toEqual(["next", "next"]);
    const nodePort = (
      await explain({
        protocol: "TCP",
        preDnatDestination: { ip: "198.51.100.14", port: 30080 },
        proposedYaml: proposedYaml.replace("52311", "30000:32767"),
      })
    ).json<ExplainResult>();
    expect(nodePort.verdict).toBe("deny");
    expect(nodePort.trace[nodePort.decidedBy]).toMatchObject({ stage: "preDNAT", kind: "rule", matched: true });
    expect(nodePort.trace.filter((t) => t.kind === "stage").map((t) => t.stage)).toEqual(["untracked", "preDNAT"]);
    const unknown = await explain({ endpoint: "hep/nope", protocol: "TCP", port: 1 });
    expect(unknown.json<ErrorBody>()).toMatchObject({ statusCode: 404, details: [{ path: "endpoint" }] });
  });

  it("generates wizard policies with the endpoints they would apply to, writing nothing", async () => {
    const gen = (name: string, payload: Record<string, unknown>) =>
      demo.app.inject({
        method: "POST",
        url: `/api/v1/clusters/demo/generators/${name}`,
        headers: { "x-palisade-csrf": "1" },
        payload,
      });
    const deny = (await gen("deny-nodeports", {})).json<GeneratorResult>();
    expect(deny.objects[0]?.metadata.name).toBe("deny-nodeports");
    expect(deny.yaml).toContain("preDNAT: true");
    expect(deny.errors).toEqual([]);
    expect(deny.appliesTo.total).toBe(4);
    expect(deny.appliesTo.items.every((e) => e.name.endsWith("-public"))).toBe(true);
    const allow = (
      await gen("prednat-allowlist", {
        sourceCidrs: ["203.0.113.0/24"],
        destinationIps: ["198.51.100.40"],
        ports: [443],
        protocol: "TCP",
      })
    ).json<GeneratorResult>();
    expect(allow.objects[0]?.spec).toMatchObject({ order: 500, preDNAT: true, applyOnForward: true });
    expect(allow.errors).toEqual([]);
    const log = (
      await gen("log-denied-packets", { policy: { kind: "GlobalNetworkPolicy", name: "allow-bigfix-port" } })
    ).json<GeneratorResult>();
    expect(log.objects[0]?.spec).toMatchObject({
      order: 3000,
      selector: "ibm.role in { 'worker_public', 'master_public' }",
    });
    const missing = await gen("log-denied-packets", { policy: { kind: "GlobalNetworkPolicy", name: "nope" } });
    expect(missing.statusCode).toBe(404);
    const bad = await gen("prednat-allowlist", { sourceCidrs: [], destinationIps: ["x"], ports: [1], protocol: "TCP" });
    expect(bad.json<ErrorBody>()).toMatchObject({ statusCode: 400, code: "BadRequest" });
    expect(demo.cluster.object("GlobalNetworkPolicy", undefined, "deny-nodeports")).toBeUndefined();
  });
});
