import type { ConnectivityDiff, ErrorBody, ExplainResult } from "@palisade/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDocuments } from "../documents/load";
import { planDocuments } from "../documents/plan";
import { type DemoHarness, startDemo } from "../testing/demo";
import { connectivityOf } from "../views/connectivity";

const CSRF = { "x-palisade-csrf": "1" };

/** Nothing may reach the `access` pod any more. */
const ISOLATE_ACCESS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: isolate-access
  namespace: default
spec:
  podSelector:
    matchLabels: { run: access }
  policyTypes: [Ingress]
`;

describe("the connectivity diff route on the demo cluster", { timeout: 60_000 }, () => {
  let demo: DemoHarness;
  const post = (path: string, payload: object) =>
    demo.app.inject({ method: "POST", url: `/api/v1/clusters/demo/${path}`, headers: CSRF, payload });
  beforeAll(async () => {
    demo = await startDemo();
  });
  afterAll(async () => {
    await demo.close();
  });

  it("lists the traffic a new policy cuts, and explain agrees on each example packet before and after", async () => {
    const res = await post("connectivity", { yaml: ISOLATE_ACCESS });
    expect(res.statusCode, res.body).toBe(200);
    const diff = res.json<ConnectivityDiff>();
    expect(diff).toMatchObject({ touched: 1, complete: true });
    expect(diff.changes.length).toBeGreaterThan(0);
    for (const c of diff.changes) {
      expect(c.to).toMatchObject({ kind: "endpoints", description: "pod in default with run=access" });
      expect([c.before, c.after]).toEqual(["allow", "deny"]);
    }
    // Every pod and host endpoint that could reach it loses it, on every protocol and port; the access pod itself
    // and its own host (Felix always allows host to local pod) are not listed.
    const from = diff.changes.map((c) => `${c.from.description}: ${c.protocol} ${c.ports}`).sort();
    expect(from).toContain("host endpoints with ibm.role=worker_public: any all");
    const senders = diff.changes.flatMap((c) => (c.from.kind === "endpoints" ? c.from.sample : []));
    expect(senders).toContain("wep/default/nginx-5d9c8f6b7c-4xkzq");
    expect(senders).toContain("wep/shop/frontend-7f8b9c5d4-hx2lp");
    for (const c of diff.changes.slice(0, 5)) {
      const now = await post("explain", c.example);
      const then = await post("explain", { ...c.example, proposedYaml: ISOLATE_ACCESS });
      expect([now.json<ExplainResult>().verdict, then.json<ExplainResult>().verdict]).toEqual([c.before, c.after]);
    }
    // Nothing was written.
    expect(demo.cluster.object("NetworkPolicy", "default", "isolate-access")).toBeUndefined();
  });

  it("lets other requests in between slices of the walk, and they see the live model", async () => {
    const cluster = demo.cluster;
    const planned = planDocuments(cluster, await loadDocuments(ISOLATE_ACCESS, cluster.validationTarget));
    let listed: string[] | undefined;
    // A slice of 0 ms yields after every packet.
    const diff = connectivityOf(cluster, planned, 0).then((d) => ({ d, listed }));
    void demo.app.inject({ method: "GET", url: "/api/v1/clusters/demo/policies" }).then((res) => {
      listed = res.json<{ items: { name: string }[] }>().items.map((p) => p.name);
    });
    const { d, listed: meanwhile } = await diff;
    expect(d.changes.length).toBeGreaterThan(0);
    expect(meanwhile).toBeDefined();
    expect(meanwhile?.length).toBeGreaterThan(0);
    expect(meanwhile).not.toContain("isolate-access");
  });

  it("answers 422 naming the field for a document that does not validate", async () => {
    const res = await post("connectivity", {
      yaml: ISOLATE_ACCESS.replace("policyTypes: [Ingress]", "policyTypes: [Sideways]"),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json<ErrorBody>().message).toContain("policyTypes");
  });
});
