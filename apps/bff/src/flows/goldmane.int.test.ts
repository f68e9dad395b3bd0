/**
 * Palisade against Calico's own flow aggregator: Goldmane built from the Calico module the oracle pins, started with
 * mutual TLS, fed flows through `FlowCollector.Connect` as a node's Felix feeds it, and read back through the BFF
 * (discovered from the Service calico-system/goldmane on a real kube-apiserver).
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type * as grpc from "@grpc/grpc-js";
import { KubeConfig, KubernetesObjectApi } from "@kubernetes/client-node";
import { buildGoldmane, type RunningGoldmane, startGoldmane } from "@palisade/calico/oracle";
import type { FlowList, FlowSourceStatus, PolicyHitList } from "@palisade/contract";
import { type ControlPlane, startControlPlane } from "@palisade/control-plane";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app";
import { AuditLog } from "../audit/log";
import { type ClusterRegistry, openClusters } from "../clusters/registry";
import type { KubeObject } from "../kube/resources";
import { wireHit as hit, wireFlow } from "../testing/wire-flow";
import type { FlowsConfig } from "./cluster-flows";
import { collectorStream, goldmaneChannel, listStatistics, type WireFlow } from "./goldmane";

const START_TIMEOUT_MS = 25 * 60_000;
/** The control plane's admin kubeconfig context: the cluster's name in Palisade. */
const CLUSTER = "admin";

let dir: string;
let goldmane: RunningGoldmane;
let cp: ControlPlane;
let objects: KubernetesObjectApi;
let feeder: grpc.Client;

/** A BFF on the control plane with the given flows configuration. */
async function bff(flows: FlowsConfig): Promise<{ app: FastifyInstance; clusters: ClusterRegistry }> {
  const clusters = await openClusters({ kubeconfig: cp.kubeconfigPath, flows });
  clusters.start();
  await clusters.default?.whenReady();
  const app = await buildApp({ clusters, audit: new AuditLog(join(dir, "audit.jsonl")) });
  return { app, clusters };
}

/** Goldmane's address and Palisade's client certificate, for every cluster. */
const configured = (server = goldmane): FlowsConfig => ({
  capacity: 1000,
  goldmane: {
    "*": {
      address: server.address,
      serverName: server.serverName,
      caFile: server.caFile,
      certFile: server.client.cert,
      keyFile: server.client.key,
    },
  },
});

/** Pushes flows as a node's Felix does (`via` its connection) and waits for Goldmane's receipt of each. */
async function feed(flows: readonly WireFlow[], via = feeder): Promise<void> {
  const stream = collectorStream(via);
  let receipts = 0;
  await new Promise<void>((resolve, reject) => {
    stream.on("data", () => {
      receipts++;
      if (receipts === flows.length) resolve();
    });
    stream.on("error", reject);
    for (const flow of flows) stream.write({ flow });
  });
  stream.end();
}

/** A connection to Goldmane as a node's Felix has. */
async function feederChannel(server = goldmane): Promise<grpc.Client> {
  return goldmaneChannel(server.address, {
    ca: await readFile(server.caFile),
    cert: await readFile(server.client.cert),
    key: await readFile(server.client.key),
    serverName: server.serverName,
  });
}

/** Namespace calico-system and Service goldmane, as the operator installs them (created once). */
async function goldmaneService(): Promise<void> {
  const create = async (o: KubeObject) => {
    try {
      await objects.create(o);
    } catch (e) {
      if ((e as { code?: number }).code !== 409) throw e;
    }
  };
  await create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "calico-system" } });
  await create({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "goldmane", namespace: "calico-system" },
    spec: { ports: [{ port: 7443, protocol: "TCP" }], selector: { "k8s-app": "goldmane" } },
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${goldmane.log().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const flowsOf = async (app: FastifyInstance, query = "") => {
  const res = await app.inject({ url: `/api/v1/clusters/${CLUSTER}/flows${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<FlowList>();
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "palisade-goldmane-"));
  const [binary, plane] = await Promise.all([buildGoldmane(), startControlPlane({ crds: "v3" })]);
  cp = plane;
  goldmane = await startGoldmane(binary, dir);
  const kc = new KubeConfig();
  kc.loadFromFile(cp.kubeconfigPath);
  objects = KubernetesObjectApi.makeApiClient(kc);
  feeder = await feederChannel();
}, START_TIMEOUT_MS);

afterAll(async () => {
  feeder?.close();
  await goldmane?.stop();
  await cp?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe("flows from Calico's Goldmane", () => {
  it("is found through Service calico-system/goldmane, lists and streams flows with enforced and pending hits", async () => {
    const { app, clusters } = await bff(configured());
    try {
      // No Service yet: no flow source, and no connection attempted.
      const before = await flowsOf(app);
      expect(before.source).toMatchObject({ kind: "none", status: "absent", held: 0 });
      expect(before.source.message).toMatch(/no Service calico-system\/goldmane/);

      await objects.create({
        apiVersion: "projectcalico.org/v3",
        kind: "StagedGlobalNetworkPolicy",
        metadata: { name: "tighten" },
        spec: {
          selector: "app == 'web'",
          ingress: [{ action: "Allow", source: { selector: "app == 'client'" } }, { action: "Deny" }],
        },
      });
      await goldmaneService();
      await until("the source to connect", async () => {
        const { source } = await flowsOf(app);
        return source.status === "connected" ? source : undefined;
      });

      // Flows for now, the interval Goldmane is still aggregating: they reach Flows.Stream when it closes.
      await feed([
        wireFlow({
          source: "client-*",
          dest: "web-*",
          port: 443,
          action: "Allow",
          enforced: [hit({})],
          packets: 10,
          pending: [hit({ kind: "StagedGlobalNetworkPolicy", name: "tighten" })],
        }),
        wireFlow({
          source: "scanner-*",
          dest: "web-*",
          port: 22,
          action: "Deny",
          packets: 3,
          enforced: [
            hit({
              kind: "EndOfTier",
              name: "allow-web",
              action: "Deny",
              rule_index: -1,
              trigger: hit({ action: "ActionUnspecified" }),
            }),
          ],
          pending: [hit({ kind: "StagedGlobalNetworkPolicy", name: "tighten", action: "Deny", rule_index: 1 })],
        }),
      ]);
      const list = await until("both flows through the BFF", async () => {
        const l = await flowsOf(app);
        return l.items.length >= 2 ? l : undefined;
      });
      const allowed = list.items.find((r) => r.flow.source.name === "client-*")?.flow;
      expect(allowed).toMatchObject({
        action: "Allow",
        reporter: "Dst",
        port: 443,
        protocol: "TCP",
        source: { type: "wep", namespace: "shop", labels: { app: "client" } },
        enforced: [{ kind: "GlobalNetworkPolicy", tier: "default", name: "allow-web", action: "Allow", ruleIndex: 0 }],
        // The staged policy exists in the cluster: its pending hit names it.
        pending: [
          {
            kind: "StagedGlobalNetworkPolicy",
            name: "tighten",
            action: "Allow",
            policy: "StagedGlobalNetworkPolicy//tighten",
          },
        ],
        packetsIn: 10,
        connectionsStarted: 1,
      });
      // allow-web is not in the cluster: the hit keeps Goldmane's names, with no Palisade key.
      expect(allowed?.enforced[0]?.policy).toBeUndefined();
      const denied = list.items.find((r) => r.flow.action === "Deny")?.flow;
      expect(denied?.enforced[0]).toMatchObject({ kind: "EndOfTier", ruleIndex: -1, trigger: { name: "allow-web" } });
      expect(denied?.pending[0]).toMatchObject({ name: "tighten", action: "Deny", ruleIndex: 1 });

      // The staged policy's pending hits: "would deny 1 flow from shop/scanner-*".
      const hitsRes = await app.inject({ url: `/api/v1/clusters/${CLUSTER}/flows/hits` });
      const hits = hitsRes.json<PolicyHitList>();
      const tighten = hits.items.find((p) => p.policy === "StagedGlobalNetworkPolicy//tighten");
      expect(tighten).toMatchObject({ pending: true, allowed: { flows: 1 }, denied: { flows: 1 } });
      expect(tighten?.deniedFrom).toEqual([{ source: "shop/scanner-*", flows: 1 }]);

      // Per policy, the packets counted match Goldmane's own Statistics (GroupBy Policy, PacketCount).
      const stats = (await listStatistics(feeder, {
        type: "PacketCount",
        group_by: "Policy",
        start_time_gte: -60,
        start_time_lt: -1,
      })) as {
        policy: { name: string; kind: string };
        allowed_in: number[];
        allowed_out: number[];
        denied_in: number[];
        denied_out: number[];
      }[];
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      const goldmaneWeb = stats.find((s) => s.policy.name === "allow-web" && s.policy.kind === "GlobalNetworkPolicy");
      const palisadeWeb = hits.items.find((p) => p.name === "allow-web" && !p.pending);
      expect(palisadeWeb?.allowed.packets).toBe(
        sum(goldmaneWeb?.allowed_in ?? []) + sum(goldmaneWeb?.allowed_out ?? []),
      );
      expect(palisadeWeb?.denied.packets).toBe(sum(goldmaneWeb?.denied_in ?? []) + sum(goldmaneWeb?.denied_out ?? []));

      // Live: a flow fed now arrives on the SSE stream.
      const address = await app.listen({ port: 0, host: "127.0.0.1" });
      const controller = new AbortController();
      const res = await fetch(`${address}/api/v1/clusters/${CLUSTER}/flows/stream?port=8080`, {
        signal: controller.signal,
      });
      const reader = res.body?.getReader();
      let text = "";
      await feed([
        wireFlow({ source: "late-*", dest: "web-*", port: 8080, action: "Allow", enforced: [hit({})], packets: 1 }),
      ]);
      while (!text.includes("event: flows")) {
        const chunk = await reader?.read();
        if (chunk === undefined || chunk.done) break;
        text += new TextDecoder().decode(chunk.value);
      }
      controller.abort();
      expect(text).toMatch(/^event: source\ndata: \{"kind":"goldmane","status":"connected"/);
      const batch = JSON.parse(
        text.slice(text.indexOf("event: flows\ndata: ") + "event: flows\ndata: ".length).split("\n")[0] ?? "{}",
      );
      expect(batch.items.map((r: { flow: { source: { name: string } } }) => r.flow.source.name)).toEqual(["late-*"]);
    } finally {
      await app.close();
      await clusters.close();
    }
  }, 120_000);

  it("catches up with Flows.List on a flow Felix reports after Goldmane has streamed its interval", async () => {
    const { app, clusters } = await bff(configured());
    try {
      await goldmaneService();
      await until("the source to connect", async () => {
        const { source } = await flowsOf(app);
        return source.status === "connected" ? source : undefined;
      });
      await feed([
        wireFlow({ source: "ontime-*", dest: "web-*", port: 9090, action: "Allow", enforced: [hit({})], packets: 2 }),
      ]);
      const onTime = await until("the on-time flow from the stream", async () => {
        const { items } = await flowsOf(app, "?port=9090");
        return items.find((r) => r.flow.source.name === "ontime-*")?.flow;
      });
      // Its interval has gone to Goldmane's streams (so it reached the BFF); wait for the stream to move on by one
      // more, then report a flow for that interval as a slow Felix would.
      const interval = onTime.endTime - onTime.startTime;
      await new Promise((r) => setTimeout(r, 2 * interval * 1000));
      const address = await app.listen({ port: 0, host: "127.0.0.1" });
      const controller = new AbortController();
      const res = await fetch(`${address}/api/v1/clusters/${CLUSTER}/flows/stream?port=9091`, {
        signal: controller.signal,
      });
      const reader = res.body?.getReader();
      await feed([
        wireFlow({
          source: "slow-*",
          dest: "web-*",
          port: 9091,
          action: "Deny",
          enforced: [hit({ action: "Deny" })],
          packets: 4,
          start: onTime.startTime,
        }),
      ]);
      let text = "";
      const deadline = Date.now() + 30_000;
      while (!text.includes("event: flows") && Date.now() < deadline) {
        const chunk = await reader?.read();
        if (chunk === undefined || chunk.done) break;
        text += new TextDecoder().decode(chunk.value);
      }
      controller.abort();
      const batch = JSON.parse(
        text.slice(text.indexOf("event: flows\ndata: ") + "event: flows\ndata: ".length).split("\n")[0] ?? "{}",
      );
      expect(batch.items?.map((r: { flow: { source: { name: string } } }) => r.flow.source.name)).toEqual(["slow-*"]);
      const late = batch.items[0].flow;
      expect(late).toMatchObject({
        action: "Deny",
        startTime: onTime.startTime,
        endTime: onTime.endTime,
        packetsIn: 4,
        enforced: [{ name: "allow-web", action: "Deny" }],
      });

      // Taken once, and the on-time flow is not taken again from the list, however many rounds go by.
      await new Promise((r) => setTimeout(r, 3 * interval * 1000));
      const names = (await flowsOf(app)).items.map((r) => r.flow.source.name);
      expect(names.filter((n) => n === "slow-*")).toHaveLength(1);
      expect(names.filter((n) => n === "ontime-*")).toHaveLength(1);

      // Another node's slow Felix reports the on-time flow's key (pods aggregated by generate-name run on several
      // nodes) for its interval: Goldmane adds it to that interval's totals (it drops a repeat only from the same
      // node: flow_collector_service.go), and the held flow is updated to them (the same flow, not a second one).
      const otherNode = await feederChannel();
      try {
        await feed(
          [
            wireFlow({
              source: "ontime-*",
              dest: "web-*",
              port: 9090,
              action: "Allow",
              enforced: [hit({})],
              packets: 3,
              start: onTime.startTime,
            }),
          ],
          otherNode,
        );
      } finally {
        otherNode.close();
      }
      const grown = await until("the on-time flow's late packets", async () => {
        const { items } = await flowsOf(app, "?port=9090");
        const found = items.filter((r) => r.flow.source.name === "ontime-*");
        return found.length === 1 && found[0]?.flow.packetsIn !== onTime.packetsIn ? found : undefined;
      });
      expect(grown[0]?.flow).toMatchObject({ id: onTime.id, startTime: onTime.startTime, packetsIn: 5, bytesIn: 500 });
    } finally {
      await app.close();
      await clusters.close();
    }
  }, 120_000);

  it("takes a late flow that is the first of all, before the stream has sent anything", async () => {
    // A Goldmane of its own, empty: nothing streamed shows its interval grid.
    const fresh = await startGoldmane(await buildGoldmane(), await mkdtemp(join(dir, "fresh-")));
    const node = await feederChannel(fresh);
    const { app, clusters } = await bff(configured(fresh));
    try {
      await goldmaneService();
      await until("the source to connect", async () => {
        const { source } = await flowsOf(app);
        return source.status === "connected" ? source : undefined;
      });
      // Intervals go by empty (and out to the stream), then a slow Felix reports a flow for one of them.
      const start = Math.floor(Date.now() / 1000) - 1;
      await new Promise((r) => setTimeout(r, 3000));
      await feed(
        [
          wireFlow({
            source: "first-*",
            dest: "web-*",
            port: 9092,
            action: "Allow",
            enforced: [hit({})],
            packets: 6,
            start,
          }),
        ],
        node,
      );
      const taken = await until(
        "the late first flow",
        async () => (await flowsOf(app, "?port=9092")).items.find((r) => r.flow.source.name === "first-*")?.flow,
        45_000,
      );
      expect(taken).toMatchObject({ startTime: start, endTime: start + 1, packetsIn: 6 });
    } finally {
      node.close();
      await app.close();
      await clusters.close();
      await fresh.stop();
    }
  }, 120_000);

  it("says why per cluster when mutual TLS is misconfigured, and keeps serving", async () => {
    const cases: [FlowsConfig["goldmane"][string], RegExp][] = [
      // A client certificate Goldmane's CA did not sign: the handshake is refused.
      [
        {
          address: goldmane.address,
          serverName: goldmane.serverName,
          caFile: goldmane.caFile,
          certFile: goldmane.stranger.cert,
          keyFile: goldmane.stranger.key,
        },
        /^Goldmane at 127\.0\.0\.1:\d+: Goldmane refused Palisade's client certificate: it is not signed by the CA Goldmane trusts/,
      ],
      // Goldmane's certificate checked against the wrong CA.
      [
        {
          address: goldmane.address,
          serverName: goldmane.serverName,
          caFile: join(dir, "stranger-ca.pem"),
          certFile: goldmane.client.cert,
          keyFile: goldmane.client.key,
        },
        /^Goldmane at 127\.0\.0\.1:\d+: Goldmane's certificate is not signed by the CA Palisade was given/,
      ],
      // A server name the certificate does not carry.
      [
        {
          address: goldmane.address,
          serverName: "goldmane.elsewhere.svc",
          caFile: goldmane.caFile,
          certFile: goldmane.client.cert,
          keyFile: goldmane.client.key,
        },
        /Goldmane's certificate does not name the server Palisade expects/,
      ],
      [{ address: goldmane.address }, /no client certificate configured/],
      [
        {
          address: goldmane.address,
          caFile: join(dir, "missing.pem"),
          certFile: goldmane.client.cert,
          keyFile: goldmane.client.key,
        },
        /cannot read the CA certificate .*missing\.pem/,
      ],
      [
        { address: goldmane.address, secret: "calico-system/nope" },
        /cannot read the client certificate Secret calico-system\/nope/,
      ],
    ];
    await goldmaneService();
    for (const [settings, message] of cases) {
      const { app, clusters } = await bff({ capacity: 10, goldmane: { "*": settings } });
      try {
        const source = await until(`an error for ${JSON.stringify(settings)}`, async () => {
          const { source } = await flowsOf(app);
          return source.status === "error" ? source : undefined;
        });
        expect(source).toMatchObject<Partial<FlowSourceStatus>>({ kind: "goldmane", status: "error", held: 0 });
        expect(source.message).toMatch(message);
        const policies = await app.inject({ url: `/api/v1/clusters/${CLUSTER}/policies` });
        expect(policies.statusCode).toBe(200);
      } finally {
        await app.close();
        await clusters.close();
      }
    }
  }, 120_000);
});
