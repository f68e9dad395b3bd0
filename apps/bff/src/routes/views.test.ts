import type {
  ErrorBody,
  GraphModel,
  HostEndpointDetail,
  HostEndpointList,
  PolicyDetail,
  PolicyList,
  SelectorResult,
} from "@palisade/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoHarness, startDemo } from "../testing/demo";

const PUBLIC_HEP = "10.176.48.106-worker-public";
const PRIVATE_HEP = "10.176.48.106-worker-private";

describe("read routes on the demo cluster", () => {
  let demo: DemoHarness;
  const get = (path: string) => demo.app.inject({ url: `/api/v1/clusters/demo/${path}` });
  beforeAll(async () => {
    demo = await startDemo();
  });
  afterAll(async () => {
    await demo.close();
  });

  it("lists policies in evaluation order with stages, match counts, rules in words and tiers", async () => {
    const res = await get("policies");
    expect(res.statusCode).toBe(200);
    const list = res.json<PolicyList>();
    expect(list.items.map((p) => p.name)).toEqual([
      "allow-node-port-dnat",
      "allow-vrrp",
      "allow-icmp",
      "allow-all-outbound",
      "allow-bigfix-port",
      "allow-sys-mgmt",
      "allow-all-private-default",
    ]);
    const dnat = list.items[0];
    expect(dnat).toMatchObject({
      key: "GlobalNetworkPolicy//allow-node-port-dnat",
      applyOnForward: true,
      stages: ["normal", "forward"],
      types: ["Ingress"],
      matched: { hostEndpoints: 4, workloadEndpoints: 0 },
      staged: false,
    });
    const bigfix = list.items.find((p) => p.name === "allow-bigfix-port");
    expect(bigfix?.summary).toBe("ingress: Allow TCP to port 52311; ingress: Allow UDP to port 52311");
    expect(list.items.find((p) => p.name === "allow-all-private-default")?.matched.hostEndpoints).toBe(4);
    expect(list.tiers).toEqual([
      { name: "default", order: 1_000_000, defaultAction: "Deny", exists: true, policyCount: 7 },
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
    expect(bad.json<ErrorBody>()).toMatchObject({
      code: "InvalidSelector",
      details: [{ path: "selector", offset: 12 }],
    });
    expect((await get("selector?selector=a&limit=0")).statusCode).toBe(400);
  });

  it("builds the graph: nodes, their interfaces, and policy-to-endpoint edges", async () => {
    const graph = (await get("graph")).json<GraphModel>();
    expect(graph.nodes).toHaveLength(4);
    expect(graph.interfaces).toHaveLength(8);
    expect(graph.interfaces.every((i) => i.node?.startsWith("node/"))).toBe(true);
    expect(graph.policies.map((p) => p.name)[0]).toBe("allow-node-port-dnat");
    const privateEdges = graph.edges.filter((e) => e.policy === "GlobalNetworkPolicy//allow-all-private-default");
    expect(privateEdges.map((e) => e.endpoint)).toEqual([
      "hep/10.176.48.106-worker-private",
      "hep/10.176.48.107-worker-private",
      "hep/10.184.58.23-worker-private",
      "hep/10.184.58.42-worker-private",
    ]);
    expect(privateEdges[0]?.directions).toEqual(["Ingress", "Egress"]);
  });
});
