import { KubeConfig, KubernetesObjectApi } from "@kubernetes/client-node";
import type { ErrorBody, FlowDetail, FlowList, PolicyHitList } from "@palisade/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoHarness, startDemo } from "../testing/demo";

const ACCESS_NGINX = "KubernetesNetworkPolicy/default/access-nginx";
let demo: DemoHarness;
const get = async <T>(url: string) => {
  const res = await demo.app.inject({ url: `/api/v1/clusters/demo${url}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
};

beforeAll(async () => {
  demo = await startDemo();
  await demo.cluster.settle(() => demo.cluster.flows.store.size > 0, 10_000);
}, 30_000);
afterAll(async () => demo?.close());

describe("the demo cluster's flows", () => {
  it("lists them newest first with Calico's verdict, its trace and Palisade's explain agreeing", async () => {
    const list = await get<FlowList>("/flows?limit=2000");
    expect(list.source).toMatchObject({ kind: "demo", status: "connected", capacity: 100_000 });
    expect(list.source.held).toBeGreaterThan(100);
    expect(list.matched).toBe(list.source.held);
    const times = list.items.map((r) => r.flow.startTime);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // access-nginx (a Kubernetes policy on the nginx pods) lets `access` in by its rule 0 and denies everyone else at
    // the end of the default tier.
    const allowed = list.items.find(
      (r) => r.flow.source.name === "access" && r.flow.destination.name.startsWith("nginx-"),
    );
    expect(allowed?.flow).toMatchObject({
      reporter: "Dst",
      action: "Allow",
      enforced: [
        { kind: "NetworkPolicy", name: "access-nginx", namespace: "default", ruleIndex: 0, policy: ACCESS_NGINX },
      ],
      destination: { type: "wep", name: "nginx-5d9c8f6b7c-*", namespace: "default" },
    });
    expect(allowed?.check.agreement).toBe("agree");
    const denied = list.items.find((r) => r.flow.action === "Deny" && r.flow.destination.name.startsWith("nginx-"));
    expect(denied?.flow.enforced).toEqual([
      expect.objectContaining({
        kind: "EndOfTier",
        tier: "default",
        action: "Deny",
        ruleIndex: -1,
        trigger: expect.objectContaining({ policy: ACCESS_NGINX }),
      }),
    ]);
    expect(denied?.check).toMatchObject({ agreement: "agree", verdict: "deny" });
    const detail = await get<FlowDetail>(`/flows/${denied?.flow.id}`);
    expect(detail).toMatchObject({ request: { direction: "Ingress", port: 80 }, palisade: { verdict: "deny" } });
    // Pods report their egress too; a pod's egress is never denied here, whatever the destination does.
    expect(list.items.some((r) => r.flow.reporter === "Src" && r.flow.action === "Allow")).toBe(true);
    expect(list.items.filter((r) => r.check.agreement === "disagree")).toEqual([]);
  }, 20_000);

  it("filters by action, port, namespace, endpoint, policy and time", async () => {
    // New flows keep arriving (every 5 s): a past `to` keeps the counts comparable.
    const to = ((await get<FlowList>("/flows?limit=1")).source.newest ?? 0) - 30;
    const deny = await get<FlowList>(`/flows?action=Deny&to=${to}&limit=5000`);
    expect(deny.items.length).toBeGreaterThan(0);
    expect(deny.items.every((r) => r.flow.action === "Deny" && r.flow.startTime <= to)).toBe(true);
    const port = await get<FlowList>(`/flows?port=80&namespace=default&endpoint=NGINX&to=${to}&limit=5000`);
    expect(port.items.length).toBeGreaterThan(0);
    for (const { flow } of port.items) {
      expect(flow.port).toBe(80);
      expect(flow.destination.name).toBe("nginx-5d9c8f6b7c-*");
    }
    // access-nginx decides every flow into nginx at the destination (Dst); the sources' egress (Src) names profiles.
    const policy = await get<FlowList>(`/flows?policy=${encodeURIComponent(ACCESS_NGINX)}&to=${to}&limit=5000`);
    expect(policy.matched).toBe(port.items.filter((r) => r.flow.reporter === "Dst").length);
    expect(
      policy.items.every((r) =>
        r.flow.enforced.some((h) => h.policy === ACCESS_NGINX || h.trigger?.policy === ACCESS_NGINX),
      ),
    ).toBe(true);
    const byName = await get<FlowList>(`/flows?policy=access-nginx&to=${to}&limit=1`);
    expect(byName.matched).toBe(policy.matched);
    expect(byName.items).toHaveLength(1);
    const recent = await get<FlowList>(`/flows?from=${to}&limit=5000`);
    expect(recent.items.every((r) => r.flow.endTime >= to)).toBe(true);
    expect(recent.matched).toBeLessThan(recent.source.held);
    const bad = await demo.app.inject({ url: "/api/v1/clusters/demo/flows?action=Drop" });
    expect(bad.statusCode).toBe(400);
  });

  it("counts hits per policy and rule: access-nginx allows `access` by ingress rule 0 and denies the rest", async () => {
    const hits = await get<PolicyHitList>("/flows/hits");
    const access = hits.items.find((p) => p.policy === ACCESS_NGINX && !p.pending);
    expect(access?.allowed.flows).toBeGreaterThan(0);
    expect(access?.denied.flows).toBeGreaterThan(0);
    expect(access?.rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ direction: "Ingress", rule: 0, action: "Allow" }),
        expect.objectContaining({ direction: "Ingress", rule: -1, action: "Deny" }),
      ]),
    );
    expect(access?.deniedFrom.map((d) => d.source)).toContain("shop/frontend-7f8b9c5d4-hx2lp");
    expect(access?.deniedFrom.map((d) => d.source)).not.toContain("default/access");
    expect(hits.flows).toBe(hits.source.held);
    const allowedOnly = await get<PolicyHitList>("/flows/hits?action=Allow");
    expect(allowedOnly.items.find((p) => p.policy === ACCESS_NGINX)?.denied.flows).toBe(0);
  });

  it("counts what the demo's staged policy would do: allow the frontend's calls to the backend, deny the rest", async () => {
    const hits = await get<PolicyHitList>("/flows/hits");
    const staged = hits.items.find((p) => p.policy === "StagedNetworkPolicy/shop/backend-from-frontend-only");
    expect(staged).toMatchObject({ pending: true, tier: "default" });
    expect(staged?.allowed.flows).toBeGreaterThan(0);
    expect(staged?.denied.flows).toBeGreaterThan(0);
    const from = staged?.deniedFrom.map((d) => d.source) ?? [];
    expect(from).toContain("default/access");
    expect(from.some((s) => s.startsWith("shop/frontend-"))).toBe(false);
    // Staged: it decides nothing, so no enforced hit names it.
    expect(hits.items.some((p) => p.name === "backend-from-frontend-only" && !p.pending)).toBe(false);
  });

  it("shows one flow, and 404 for one not held", async () => {
    const list = await get<FlowList>("/flows?limit=1");
    const first = list.items[0];
    expect(first).toBeDefined();
    const one = await get<FlowDetail>(`/flows/${first?.flow.id}`);
    expect({ flow: one.flow, check: one.check }).toEqual(first);
    const missing = await demo.app.inject({ url: "/api/v1/clusters/demo/flows/zzzzzz" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json<ErrorBody>().message).toMatch(/not held/);
  });

  it("flags a flow the live policies no longer explain: its deciding policy was deleted since", async () => {
    const list = await get<FlowList>("/flows?endpoint=access&action=Allow&port=80&limit=1");
    const flow = list.items[0]?.flow;
    expect(flow?.enforced[0]?.policy).toBe(ACCESS_NGINX);
    const kc = new KubeConfig();
    kc.loadFromString(demo.sim.kubeconfig);
    await KubernetesObjectApi.makeApiClient(kc).delete({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "access-nginx", namespace: "default" },
    });
    await demo.cluster.settle(() => demo.cluster.model.index.policy(ACCESS_NGINX) === undefined);
    const row = await get<FlowDetail>(`/flows/${flow?.id}`);
    expect(row.check.agreement).toBe("disagree");
    expect(row.check.notes.join(" ")).toMatch(/access-nginx is not in the cluster now/);
  });
});
