import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ClusterList, ErrorBody, Permissions } from "@palisade/contract";
import { type KubeSim, startKubeSim } from "@palisade/kube-sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { buildApp } from "../app";
import { AuditLog } from "../audit/log";
import { openClusters } from "./registry";

describe("clusters from a kubeconfig", () => {
  let sim: KubeSim;
  let dir: string;
  beforeAll(async () => {
    sim = await startKubeSim();
    dir = await mkdtemp(join(tmpdir(), "palisade-kc-"));
  });
  afterAll(async () => {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("serves every context at once, each with its own user's permissions, and reports a broken context", {
    timeout: 30_000,
  }, async () => {
    const config = parse(sim.kubeconfig) as { contexts: { name: string; context: Record<string, string> }[] };
    config.contexts.push({ name: "typo", context: { cluster: "no-such-cluster", user: "kube-sim-admin" } });
    const path = join(dir, "config");
    await writeFile(path, stringify(config));
    const clusters = await openClusters({ kubeconfig: path });
    clusters.start();
    const app = await buildApp({ clusters, audit: new AuditLog(join(dir, "audit.jsonl")) });
    try {
      await Promise.all(
        clusters
          .list()
          .filter((c) => c.name !== "typo")
          .map((c) => c.whenReady()),
      );
      const list = (await app.inject({ url: "/api/v1/clusters" })).json<ClusterList>();
      expect(list.default).toBe("kube-sim-admin");
      expect(list.items.map((c) => [c.name, c.status, c.user ?? null])).toEqual([
        ["kube-sim-admin", "ready", "kube-sim-admin"],
        ["kube-sim-editor", "ready", "kube-sim-editor"],
        ["kube-sim-viewer", "ready", "kube-sim-viewer"],
        ["typo", "error", "kube-sim-admin"],
      ]);
      expect(list.items[3]?.message).toMatch(/context typo names cluster "no-such-cluster"/);
      const broken = await app.inject({ url: "/api/v1/clusters/typo/policies" });
      expect(broken.json<ErrorBody>()).toMatchObject({ statusCode: 502, code: "ClusterUnavailable" });
      const viewer = (await app.inject({ url: "/api/v1/clusters/kube-sim-viewer/permissions" })).json<Permissions>();
      expect(viewer.apply.allowed).toBe(false);
      expect(viewer.kinds.find((k) => k.kind === "GlobalNetworkPolicy")?.verbs.list).toEqual({ allowed: true });
      const editor = (await app.inject({ url: "/api/v1/clusters/kube-sim-editor/permissions" })).json<Permissions>();
      expect(editor.apply).toEqual({ allowed: true });
      // The viewer's write is refused by the cluster and passed on as a 403.
      const write = await app.inject({
        method: "POST",
        url: "/api/v1/clusters/kube-sim-viewer/apply",
        headers: { "x-palisade-csrf": "1" },
        payload: {
          yaml: "apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: v}\nspec: {selector: all(), types: [Ingress]}\n",
        },
      });
      expect(write.json<ErrorBody>()).toMatchObject({ statusCode: 403, code: "Forbidden" });
      // Acting with the caller's own token, reads are the cluster's call too: an unknown token gets nothing.
      const asUser = await buildApp({ clusters, audit: new AuditLog(join(dir, "audit.jsonl")), auth: "token" });
      const read = (token: string) =>
        asUser.inject({
          url: "/api/v1/clusters/kube-sim-admin/policies",
          headers: { authorization: `Bearer ${token}` },
        });
      expect((await read(sim.tokens.viewer)).statusCode).toBe(200);
      expect((await read("not-a-token")).json<ErrorBody>()).toMatchObject({ statusCode: 401, code: "Unauthorized" });
      await asUser.close();
    } finally {
      await app.close();
      await clusters.close();
    }
  });

  it("turns an unreadable or malformed kubeconfig into a cluster in error, not a crash", async () => {
    const missing = await openClusters({ kubeconfig: join(dir, "nope") });
    expect(missing.list().map((c) => c.summary())).toMatchObject([
      { name: "kubeconfig", status: "error", message: expect.stringMatching(/^cannot load the kubeconfig: .*ENOENT/) },
    ]);
    const garbage = join(dir, "garbage");
    await writeFile(garbage, "clusters: [unclosed");
    const bad = await openClusters({ kubeconfig: garbage });
    expect(bad.list()[0]?.summary()).toMatchObject({
      status: "error",
      message: expect.stringMatching(/cannot load the kubeconfig/),
    });
  });
});
