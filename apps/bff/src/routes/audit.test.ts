import { Writable } from "node:stream";
import { KubeConfig } from "@kubernetes/client-node";
import type { AuditEntry, AuditList, ErrorBody } from "@palisade/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app";
import { ClusterAuditStore } from "../audit/cluster-store";
import { Cluster } from "../clusters/cluster";
import { ClusterRegistry } from "../clusters/registry";
import { type DemoHarness, startDemo } from "../testing/demo";

const CSRF = { "x-palisade-csrf": "1" };
const POLICY = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: history-demo
spec:
  order: 1200
  selector: ibm.role == 'worker_public'
  types: [Ingress]
  ingress:
    - action: Deny
      protocol: TCP
      destination:
        ports: ["30000:32767"]
`;

// Each app's first request pays Fastify's ready(): compiling every route's schemas, seconds on a loaded 2-core machine.
describe("the change history kept in the cluster", { timeout: 30_000 }, () => {
  let demo: DemoHarness;
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const post = (path: string, payload: Record<string, unknown>) =>
    demo.app.inject({ method: "POST", url: `/api/v1/clusters/demo/${path}`, headers: CSRF, payload });
  const history = async (query = "") =>
    (await demo.app.inject({ url: `/api/v1/clusters/demo/audit${query}` })).json<AuditList>();

  beforeAll(async () => {
    demo = await startDemo({ logger: { level: "info", base: null, stream } }, {}, "cluster");
  });
  afterAll(async () => {
    await demo.close();
  });

  it("records applies and refusals as AuditRecords, each also one JSON line on stdout", async () => {
    const created = await post("apply", { yaml: POLICY, expected: [] });
    expect(created.statusCode, created.body).toBe(200);
    const stale = await post("apply", {
      yaml: POLICY.replace("order: 1200", "order: 1300"),
      expected: [{ ref: { kind: "GlobalNetworkPolicy", name: "history-demo" }, resourceVersion: "1" }],
    });
    expect(stale.statusCode).toBe(409);

    const all = await history("?name=history-demo&kind=GlobalNetworkPolicy");
    expect(all.items.map((e) => [e.action, e.outcome])).toEqual([
      ["update", "failure"],
      ["create", "success"],
    ]);
    const [refused, applied] = all.items as [AuditEntry, AuditEntry];
    expect(applied.yaml).toContain("order: 1200");
    expect(refused.yaml).toBeUndefined();
    expect((await history("?outcome=refused&object=HISTORY")).items.map((e) => e.id)).toEqual([refused.id]);
    expect((await history("?user=nobody")).total).toBe(0);

    const one = await demo.app.inject({ url: `/api/v1/clusters/demo/audit/${applied.id}` });
    expect(one.json<AuditEntry>()).toEqual(applied);
    const missing = await demo.app.inject({ url: "/api/v1/clusters/demo/audit/no-such-entry" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json<ErrorBody>().message).toBe("history entry no-such-entry does not exist");

    const logged = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === "audit");
    expect(logged.map((l) => l.audit.id)).toEqual([applied.id, refused.id]);
    expect(logged[0].audit).toEqual(applied);
  });

  it("is the same history for a second replica on the same cluster", async () => {
    const kc = new KubeConfig();
    kc.loadFromString(demo.sim.kubeconfig);
    const cluster = new Cluster({ name: "demo", source: "demo", kubeConfig: kc, isDefault: true });
    const registry = new ClusterRegistry([cluster], "demo");
    const replica = await buildApp({ clusters: registry, audit: new ClusterAuditStore(registry) });
    try {
      const theirs = (await replica.inject({ url: "/api/v1/clusters/demo/audit" })).json<AuditList>();
      expect(theirs).toEqual(await history());
      expect(theirs.total).toBeGreaterThan(0);
    } finally {
      await replica.close();
      await registry.close();
    }
  });

  it("rejects a filter that is not one of the outcomes, naming the field", async () => {
    const res = await demo.app.inject({ url: "/api/v1/clusters/demo/audit?outcome=maybe" });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("outcome");
  });
});

describe("the change history as each reader's RBAC allows", { timeout: 30_000 }, () => {
  let demo: DemoHarness;
  const PROXY = "10.9.9.9";
  const as = (user: string, groups = "system:authenticated") => ({ "x-remote-user": user, "x-remote-group": groups });
  const history = async (user: string) => {
    const res = await demo.app.inject({ url: "/api/v1/clusters/demo/audit", headers: as(user), remoteAddress: PROXY });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<AuditList>();
  };
  const KUBERNETES_POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: history-rbac
  namespace: default
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;

  beforeAll(async () => {
    demo = await startDemo({ auth: "impersonate", trustedProxies: [PROXY] });
    const res = await demo.app.inject({
      method: "POST",
      url: "/api/v1/clusters/demo/apply",
      headers: { ...as("admin", "system:masters"), ...CSRF },
      remoteAddress: PROXY,
      payload: { yaml: `${POLICY}---\n${KUBERNETES_POLICY}` },
    });
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(async () => {
    await demo.close();
  });

  it("shows a reader only the entries about objects the cluster lets them read", async () => {
    const all = await history("viewer");
    expect(all.items.map((e) => e.object.name).sort()).toEqual(["history-demo", "history-rbac"]);
    // calico-viewer may read Calico's objects but not Kubernetes NetworkPolicies.
    const calicoOnly = await history("calico-viewer");
    expect(calicoOnly).toMatchObject({ total: 1, items: [{ object: { kind: "GlobalNetworkPolicy" } }] });
    const hidden = all.items.find((e) => e.object.name === "history-rbac");
    const one = (user: string) =>
      demo.app.inject({ url: `/api/v1/clusters/demo/audit/${hidden?.id}`, headers: as(user), remoteAddress: PROXY });
    expect((await one("viewer")).statusCode).toBe(200);
    expect((await one("calico-viewer")).statusCode).toBe(404);
    // No read access to the cluster's policies at all: refused, as every cluster route is.
    const res = await demo.app.inject({
      url: "/api/v1/clusters/demo/audit",
      headers: as("stranger", "nobody"),
      remoteAddress: PROXY,
    });
    expect(res.statusCode).toBe(403);
  });
});
