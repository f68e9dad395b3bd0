import type { AddressInfo } from "node:net";
import type { ClusterSummary, Health, PolicyList, ServerEvent } from "@palisade/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ControlPlaneHarness, startOnControlPlane } from "../testing/control-plane";
import { KubeClient } from "./http";

const START_TIMEOUT_MS = 15 * 60_000;
/** A generous bound for "within a few seconds": long enough for a loaded 2-core machine, short of any relist timer. */
const SETTLE_MS = 20_000;
const GNPS = "/apis/crd.projectcalico.org/v1/globalnetworkpolicies";

const gnp = (name: string, port: number) => ({
  apiVersion: "crd.projectcalico.org/v1",
  kind: "GlobalNetworkPolicy",
  metadata: { name },
  spec: {
    order: 500,
    selector: "ibm.role == 'worker_public'",
    types: ["Ingress"],
    ingress: [{ action: "Allow", protocol: "TCP", destination: { ports: [port] } }],
  },
});

/** Server-Sent Events from the BFF's events route, collected as they arrive. */
class EventStream {
  readonly events: ServerEvent[] = [];
  private readonly abort = new AbortController();
  private readonly waiters = new Set<() => void>();

  static async open(url: string, headers: Record<string, string>): Promise<EventStream> {
    const stream = new EventStream();
    const res = await fetch(url, { headers, signal: stream.abort.signal });
    if (res.status !== 200 || res.body === null) throw new Error(`events: HTTP ${res.status}`);
    void stream.read(res.body.pipeThrough(new TextDecoderStream()).getReader());
    return stream;
  }

  /** Resolves with the first event (past or future) that matches, or rejects after `timeoutMs`. */
  next(match: (e: ServerEvent) => boolean, from: number, timeoutMs = SETTLE_MS): Promise<ServerEvent> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.events.slice(from).find(match);
        if (found === undefined) return false;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(found);
        return true;
      };
      const waiter = (): void => void check();
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no matching event within ${timeoutMs}ms; got ${JSON.stringify(this.events.slice(from))}`));
      }, timeoutMs);
      if (!check()) this.waiters.add(waiter);
    });
  }

  close(): void {
    this.abort.abort();
  }

  private async read(reader: ReadableStreamDefaultReader<string>): Promise<void> {
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const data = buffer
            .slice(0, end)
            .split("\n")
            .find((line) => line.startsWith("data: "));
          buffer = buffer.slice(end + 2);
          if (data !== undefined) this.events.push(JSON.parse(data.slice("data: ".length)) as ServerEvent);
          end = buffer.indexOf("\n\n");
        }
        for (const waiter of [...this.waiters]) waiter();
      }
    } catch {
      // Aborted by close().
    }
  }
}

/** Polls `probe` until it returns a value, or throws after `timeoutMs` with the last value seen. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = SETTLE_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs}ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("the BFF across a kube-apiserver restart (real control plane, v1 Calico CRDs)", () => {
  let h: ControlPlaneHarness;
  let base: string;
  let admin: KubeClient;
  const headers = (): Record<string, string> => ({ authorization: `Bearer ${h.cp.tokens.admin}` });
  const get = (path: string) => h.app.inject({ url: path, headers: headers() });
  const summary = async (): Promise<ClusterSummary> =>
    (await get(`/api/v1/clusters/${h.cluster.name}`)).json<ClusterSummary>();
  const policyNames = async (): Promise<string[]> => {
    const res = await get(`/api/v1/clusters/${h.cluster.name}/policies`);
    expect(res.statusCode, res.body).toBe(200);
    return res
      .json<PolicyList>()
      .items.filter((p) => p.kind === "GlobalNetworkPolicy")
      .map((p) => p.name);
  };

  beforeAll(async () => {
    // Its own control plane (not the run's shared one), since the test stops its API server.
    h = await startOnControlPlane("v1");
    await h.app.listen({ host: "127.0.0.1", port: 0 });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    admin = new KubeClient(h.cluster.kubeConfig, h.cp.server);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await h?.close();
  });

  it("reports reconnecting, answers from its cache meanwhile, then shows the cluster as it is now", async () => {
    await admin.request("POST", GNPS, { body: gnp("before-restart", 8443) });
    await eventually("the BFF lists before-restart", async () =>
      (await policyNames()).includes("before-restart") ? true : undefined,
    );
    const ready = await get("/readyz");
    expect(ready.statusCode, ready.body).toBe(200);
    const events = await EventStream.open(`${base}/api/v1/clusters/${h.cluster.name}/events`, headers());
    try {
      await events.next((e) => e.type === "status" && e.status === "ready", 0);

      const beforeStop = events.events.length;
      await h.cp.stopApiServer();
      const reconnecting = await events.next((e) => e.type === "status" && e.status === "reconnecting", beforeStop);
      expect(reconnecting).toMatchObject({ cluster: h.cluster.name, message: expect.any(String) });
      const down = await summary();
      expect(down.status).toBe("reconnecting");
      expect(down.message).toEqual(expect.any(String));
      // Reads keep answering from the cache, flagged by the status above; nothing has crashed.
      expect(await policyNames()).toContain("before-restart");
      expect((await get("/healthz")).statusCode).toBe(200);

      // Changes made while the BFF is disconnected: the first requests the new API server serves.
      const beforeStart = events.events.length;
      await h.cp.startApiServer();
      await admin.request("POST", GNPS, { body: gnp("while-away", 9443) });
      await admin.request("DELETE", `${GNPS}/before-restart`);
      const written = performance.now();

      const names = await eventually("the BFF shows while-away and no longer before-restart", async () => {
        const now = await policyNames();
        return now.includes("while-away") && !now.includes("before-restart") ? now : undefined;
      });
      expect(names).toContain("while-away");
      console.info(`the BFF showed the changes ${Math.round(performance.now() - written)}ms after they were written`);
      await events.next((e) => e.type === "status" && e.status === "ready", beforeStart);
      await events.next((e) => e.type === "change" && e.action === "added" && e.name === "while-away", beforeStart);
      await events.next(
        (e) => e.type === "change" && e.action === "deleted" && e.name === "before-restart",
        beforeStart,
      );
      expect((await summary()).status).toBe("ready");
      const readyAgain = await get("/readyz");
      expect(readyAgain.statusCode, readyAgain.body).toBe(200);
      expect(readyAgain.json<Health>()).toEqual({ status: "ready", unsynced: [] });
      // Every status the stream reported, in order, with repeats folded.
      const statuses = events.events.flatMap((e) => (e.type === "status" ? [e.status] : []));
      expect(statuses.filter((s, i) => s !== statuses[i - 1])).toEqual(["ready", "reconnecting", "ready"]);
    } finally {
      events.close();
    }
  });
});
