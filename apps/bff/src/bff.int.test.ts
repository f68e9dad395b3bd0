import { readFile } from "node:fs/promises";
import type { ApplyErrorBody, ApplyResult, DeleteImpact, PolicyDetail, PolicyList } from "@palisade/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "./app";
import { AuditLog } from "./audit/log";
import { applyDocuments } from "./documents/apply";
import { loadDocuments } from "./documents/load";
import { planDocuments } from "./documents/plan";
import { KubeError } from "./kube/http";
import { ObjectClient } from "./kube/objects";
import { type ControlPlaneHarness, startOnControlPlane } from "./testing/control-plane";

const START_TIMEOUT_MS = 15 * 60_000;

const HEPS = `apiVersion: projectcalico.org/v3
kind: HostEndpoint
metadata:
  name: w1-public
  labels: { ibm.role: worker_public }
spec:
  node: w1
  interfaceName: eth1
  expectedIPs: ["198.51.100.14"]
---
apiVersion: projectcalico.org/v3
kind: HostEndpoint
metadata:
  name: w1-private
  labels: { ibm.role: worker_private }
spec:
  node: w1
  interfaceName: eth0
  expectedIPs: ["10.176.48.106"]
`;

const gnp = (name: string, order: number, port: number) => `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: ${name}
spec:
  order: ${order}
  selector: ibm.role == 'worker_public'
  types: [Ingress]
  ingress:
    - action: Allow
      protocol: TCP
      destination:
        ports: [${port}]
`;

describe.each(["v1", "v3"] as const)("the BFF on a real kube-apiserver (%s Calico CRDs)", (crds) => {
  let h: ControlPlaneHarness;
  const as = (user: "admin" | "editor" | "viewer") => ({
    authorization: `Bearer ${h.cp.tokens[user]}`,
    "x-palisade-csrf": "1",
  });
  const post = (user: "admin" | "editor" | "viewer", path: string, payload: Record<string, unknown>) =>
    h.app.inject({ method: "POST", url: `/api/v1/clusters/${h.cluster.name}/${path}`, headers: as(user), payload });
  const get = (user: "admin" | "editor" | "viewer", path: string) =>
    h.app.inject({ url: `/api/v1/clusters/${h.cluster.name}/${path}`, headers: as(user) });

  beforeAll(async () => {
    h = await startOnControlPlane(crds);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await h?.close();
  });

  it("discovers the storage mode and syncs every cache", () => {
    expect(h.cluster.storage).toBe(crds);
    expect(h.cluster.caches().every((c) => c.synced)).toBe(true);
  });

  it("applies several documents as the editor, and the cache shows them at once", async () => {
    const res = await post("editor", "apply", { yaml: `${HEPS}---\n${gnp("allow-ssh-alt", 1000, 2222)}` });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json<ApplyResult>();
    expect(result.outcome).toBe("applied");
    expect(result.documents.map((d) => [d.ref.name, d.action, d.status])).toEqual([
      ["w1-public", "create", "ok"],
      ["w1-private", "create", "ok"],
      ["allow-ssh-alt", "create", "ok"],
    ]);
    const list = (await get("editor", "policies")).json<PolicyList>();
    const row = list.items.find((p) => p.name === "allow-ssh-alt");
    expect(row?.matched).toEqual({ hostEndpoints: 1, workloadEndpoints: 0 });
    const audit = (await readFile(h.auditPath, "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(audit.map((e) => [e.object.name, e.action, e.outcome, e.user])).toEqual([
      ["w1-public", "create", "success", "editor"],
      ["w1-private", "create", "success", "editor"],
      ["allow-ssh-alt", "create", "success", "editor"],
    ]);
  });

  it("dry-runs through the cluster without storing anything", async () => {
    const res = await post("editor", "dry-run", { yaml: gnp("dry-only", 1100, 8080) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<ApplyResult>().outcome).toBe("dry-run");
    expect((await get("editor", "policies/GlobalNetworkPolicy/dry-only")).statusCode).toBe(404);
  });

  it("answers a concurrent change with 409 and both versions, never overwriting it", async () => {
    const detail = (await get("editor", "policies/GlobalNetworkPolicy/allow-ssh-alt")).json<PolicyDetail>();
    const seen = detail.summary.resourceVersion;
    // Someone else changes the policy after the editor loaded it.
    const other = await post("admin", "apply", { yaml: gnp("allow-ssh-alt", 1000, 2223) });
    expect(other.statusCode, other.body).toBe(200);
    const mine = await post("editor", "apply", {
      yaml: gnp("allow-ssh-alt", 1000, 2224),
      expected: [{ ref: { kind: "GlobalNetworkPolicy", name: "allow-ssh-alt" }, resourceVersion: seen }],
    });
    expect(mine.statusCode).toBe(409);
    const body = mine.json<ApplyErrorBody>();
    expect(body.code).toBe("Conflict");
    const conflict = body.result?.documents[0]?.conflict;
    expect(conflict?.expectedResourceVersion).toBe(seen);
    expect(conflict?.liveResourceVersion).not.toBe(seen);
    expect(conflict?.liveYaml).toContain("2223");
    expect(conflict?.proposedYaml).toContain("2224");
    const now = (await get("editor", "policies/GlobalNetworkPolicy/allow-ssh-alt")).json<PolicyDetail>();
    expect(now.yaml).toContain("2223");
  });

  it("passes the cluster's 403 on for the viewer and writes nothing", async () => {
    const res = await post("viewer", "apply", { yaml: gnp("viewer-try", 1200, 9000) });
    expect(res.statusCode).toBe(403);
    const body = res.json<ApplyErrorBody>();
    expect(body.code).toBe("Forbidden");
    expect(body.message).toMatch(/forbidden/i);
    expect(body.result?.outcome).toBe("rejected");
    expect((await get("viewer", "policies/GlobalNetworkPolicy/viewer-try")).statusCode).toBe(404);
    const perms = (await get("viewer", "permissions")).json();
    expect(perms.apply).toEqual({ allowed: false, reason: expect.any(String) });
    expect((await get("editor", "permissions")).json().apply).toEqual({ allowed: true });
  });

  it("acts as the proxy's user through impersonation, so the cluster's RBAC decides", async () => {
    const proxied = await buildApp({
      clusters: h.clusters,
      audit: new AuditLog(h.auditPath),
      auth: "impersonate",
      trustedProxies: ["127.0.0.1"],
    });
    const apply = (user: string, remoteAddress: string, name: string) =>
      proxied.inject({
        method: "POST",
        url: `/api/v1/clusters/${h.cluster.name}/apply`,
        remoteAddress,
        headers: { "x-remote-user": user, "x-remote-group": "system:authenticated", "x-palisade-csrf": "1" },
        payload: { yaml: gnp(name, 1400, 6001) },
      });
    expect((await apply("viewer", "127.0.0.1", "imp-viewer")).json<ApplyErrorBody>()).toMatchObject({
      statusCode: 403,
      code: "Forbidden",
    });
    expect((await apply("editor", "10.9.9.9", "imp-spoofed")).statusCode).toBe(401);
    const ok = await apply("editor", "127.0.0.1", "imp-editor");
    expect(ok.statusCode, ok.body).toBe(200);
    const entries = (await readFile(h.auditPath, "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(entries.at(-1)).toMatchObject({ object: { name: "imp-editor" }, user: "editor", outcome: "success" });
    expect(h.cluster.object("GlobalNetworkPolicy", undefined, "imp-viewer")).toBeUndefined();
    await proxied.close();
    const cleanup = await post("editor", "delete", {
      targets: [{ ref: { kind: "GlobalNetworkPolicy", name: "imp-editor" } }],
    });
    expect(cleanup.statusCode, cleanup.body).toBe(200);
  });

  it("rolls back what was written when a later write fails part-way", async () => {
    const yaml = `${gnp("rb-one", 1300, 7001)}---\n${gnp("allow-ssh-alt", 1000, 7002)}`;
    const before = h.cluster.object("GlobalNetworkPolicy", undefined, "allow-ssh-alt");
    const planned = planDocuments(h.cluster, await loadDocuments(yaml));
    const real = new ObjectClient(h.cluster);
    let writes = 0;
    // The cluster accepts both dry runs; the second real write then fails (as if the API server went away).
    const faulty = {
      get: real.get.bind(real),
      delete: real.delete.bind(real),
      create: real.create.bind(real),
      replace: async (...args: Parameters<ObjectClient["replace"]>) => {
        if (args[3].dryRun !== true && ++writes === 1)
          throw new KubeError(0, "Unreachable", "connection reset", undefined);
        return real.replace(...args);
      },
    };
    const audit = new AuditLog(h.auditPath);
    const identity = { mode: "token" as const, token: h.cp.tokens.editor };
    await expect(
      applyDocuments({ cluster: h.cluster, identity, user: "editor", audit, warnings: [] }, planned, false, faulty),
    ).rejects.toMatchObject({ statusCode: 502, extra: { result: { outcome: "rolled-back" } } });
    await h.cluster.settle(() => h.cluster.object("GlobalNetworkPolicy", undefined, "rb-one") === undefined);
    expect(h.cluster.object("GlobalNetworkPolicy", undefined, "rb-one")).toBeUndefined();
    expect(h.cluster.object("GlobalNetworkPolicy", undefined, "allow-ssh-alt")?.spec).toEqual(before?.spec);
    const entries = (await readFile(h.auditPath, "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(entries.slice(-3).map((e) => [e.object.name, e.action, e.outcome])).toEqual([
      ["rb-one", "create", "success"],
      ["allow-ssh-alt", "update", "failure"],
      ["rb-one", "rollback", "success"],
    ]);
  });

  it("previews and performs a conditional delete", async () => {
    const target = { ref: { kind: "GlobalNetworkPolicy", name: "allow-ssh-alt" } };
    const preview = (await post("editor", "delete/preview", { targets: [target] })).json<DeleteImpact>();
    expect(preview.endpoints.map((e) => e.endpoint.name)).toEqual(["w1-public"]);
    expect(preview.endpoints[0]?.becomesDefaultDeny).toBe(true);
    const stale = await post("editor", "delete", { targets: [{ ...target, resourceVersion: "1" }] });
    expect(stale.statusCode).toBe(409);
    expect(h.cluster.object("GlobalNetworkPolicy", undefined, "allow-ssh-alt")).toBeDefined();
    const res = await post("editor", "delete", { targets: [target] });
    expect(res.statusCode, res.body).toBe(200);
    expect((await get("editor", "policies/GlobalNetworkPolicy/allow-ssh-alt")).statusCode).toBe(404);
  });
});
