/**
 * One cluster's flows: where they come from and the ring that holds them. A cluster whose cache has the Service
 * `calico-system/goldmane` (Calico 3.30+) is read from Goldmane, over gRPC with mutual TLS, with the client
 * certificate from a Secret or from files (`FlowsConfig`); the demo cluster has its own source (`demo-flows.ts`).
 * Every failure (no certificate, a refused handshake, Goldmane gone) is this cluster's status with the reason; the
 * feed retries and the other clusters carry on.
 */
import { readFile } from "node:fs/promises";
import type * as grpc from "@grpc/grpc-js";
import type { Flow, FlowSourceStatus } from "@palisade/contract";
import type { Cluster } from "../clusters/cluster";
import { KubeError } from "../kube/http";
import { startDemoFlows } from "./demo-flows";
import { FlowStore, type NewFlow } from "./flow-store";
import { fromWire, type GoldmaneTls, goldmaneChannel, listFlows, streamFlows, type WireFlow } from "./goldmane";
import { CATCH_UP_INTERVALS, LateFlows, type Taken } from "./late-flows";
import { withPolicyKey } from "./policy-hits";

/** How to reach one cluster's Goldmane. */
export interface GoldmaneSettings {
  /** `host:port`; default `goldmane.calico-system.svc:7443` (reachable in-cluster). */
  readonly address?: string | undefined;
  /** The name Goldmane's certificate carries, when not the address's host (default `goldmane.calico-system.svc`). */
  readonly serverName?: string | undefined;
  /** A Secret `namespace/name` with `tls.crt`, `tls.key` and `ca.crt` (PEM). */
  readonly secret?: string | undefined;
  /** Or PEM files. */
  readonly caFile?: string | undefined;
  readonly certFile?: string | undefined;
  readonly keyFile?: string | undefined;
}

export interface FlowsConfig {
  /** Flows held per cluster (the oldest go first). */
  readonly capacity: number;
  /** Per cluster name; `*` applies to every cluster without its own entry. */
  readonly goldmane: Readonly<Record<string, GoldmaneSettings>>;
}

export const GOLDMANE_SERVICE = { namespace: "calico-system", name: "goldmane" } as const;
const DEFAULT_ADDRESS = "goldmane.calico-system.svc:7443";
const DEFAULT_SERVER_NAME = "goldmane.calico-system.svc";
/** How far back a fresh stream asks Goldmane for (its own history is an hour of 15 s buckets). */
const HISTORY_S = 3600;
/** Goldmane's default interval (`AGGREGATION_WINDOW`): how often to catch up until a flow has shown the real one. */
const GOLDMANE_INTERVAL_S = 15;
const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 30_000;

type SourceState = Omit<FlowSourceStatus, "held" | "capacity" | "oldest" | "newest">;
export type SourceListener = (status: FlowSourceStatus) => void;

export class ClusterFlows {
  readonly store: FlowStore;
  private state: SourceState = { kind: "none", status: "absent" };
  private readonly listeners = new Set<SourceListener>();
  private stopSource: (() => void) | undefined;
  private offCache: (() => void) | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryMs = RETRY_MIN_MS;
  /** What Goldmane has given, by flow key and interval, to catch up on late flows with `Flows.List`. */
  private readonly late = new LateFlows();
  private catchUpRunning = false;
  private stopped = false;
  private started = false;

  constructor(
    private readonly cluster: Cluster,
    private readonly config: FlowsConfig,
  ) {
    this.store = new FlowStore(config.capacity);
  }

  /** Idempotent: the cluster calls it again on every discovery retry. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    if (this.cluster.source === "demo") {
      this.setState({ kind: "demo", status: "connected", message: "the demo cluster's own flow source" });
      this.stopSource = startDemoFlows(this.cluster, this.store);
      return;
    }
    this.offCache = this.cluster.onCacheChange(({ type, object }) => {
      if (type.resource !== "Service") return;
      if (object.metadata.namespace === GOLDMANE_SERVICE.namespace && object.metadata.name === GOLDMANE_SERVICE.name) {
        this.discover();
      }
    });
    this.discover();
  }

  stop(): void {
    this.stopped = true;
    this.offCache?.();
    this.stopSource?.();
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
  }

  status(): FlowSourceStatus {
    return { ...this.state, held: this.store.size, capacity: this.store.capacity, ...this.store.span() };
  }

  /** Calls `listener` when the source's status changes; returns the unsubscribe function. */
  onStatus(listener: SourceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A flow from the source, its hits named by the live model's policies, into the ring. */
  ingest(flow: NewFlow): Flow {
    const index = this.cluster.model.index;
    return this.store.add({
      ...flow,
      enforced: flow.enforced.map((h) => withPolicyKey(index, h)),
      pending: flow.pending.map((h) => withPolicyKey(index, h)),
    });
  }

  private settings(): GoldmaneSettings | undefined {
    return this.config.goldmane[this.cluster.name] ?? this.config.goldmane["*"];
  }

  /** Starts or stops the Goldmane feed as the Service comes and goes. */
  private discover(): void {
    if (this.stopped) return;
    const present = this.cluster.object("Service", GOLDMANE_SERVICE.namespace, GOLDMANE_SERVICE.name) !== undefined;
    if (!present) {
      this.stopFeed();
      this.setState({
        kind: "none",
        status: "absent",
        message: `no Service ${GOLDMANE_SERVICE.namespace}/${GOLDMANE_SERVICE.name}: Calico's flow aggregator (Goldmane, Calico 3.30+) is not installed`,
      });
      return;
    }
    if (this.stopSource !== undefined || this.retryTimer !== undefined) return;
    void this.connect();
  }

  private stopFeed(): void {
    this.stopSource?.();
    this.stopSource = undefined;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private async connect(): Promise<void> {
    const settings = this.settings() ?? {};
    const address = settings.address ?? DEFAULT_ADDRESS;
    this.setState({ kind: "goldmane", status: "connecting", address });
    let channel: grpc.Client;
    try {
      const tls = await this.loadTls(settings);
      channel = goldmaneChannel(address, tls);
    } catch (e) {
      this.fail(address, (e as Error).message);
      return;
    }
    if (this.stopped) {
      channel.close();
      return;
    }
    const newest = this.store.span().newest;
    let live = false;
    // Once per Goldmane interval, the intervals already streamed are listed for flows that arrived late; from the
    // start, as the first flow of all may be a late one the stream never sends.
    let period = GOLDMANE_INTERVAL_S;
    let catchUp = setInterval(() => void this.catchUp(channel), period * 1000);
    catchUp.unref();
    const call = streamFlows(channel, newest === undefined ? -HISTORY_S : newest, {
      onFlow: (w) => {
        if (!live) {
          live = true;
          this.retryMs = RETRY_MIN_MS;
          this.setState({ kind: "goldmane", status: "connected", address });
        }
        this.take(w, this.late.streamed(w));
        const width = Math.max(1, this.late.intervalSeconds ?? period);
        if (width !== period) {
          period = width;
          clearInterval(catchUp);
          catchUp = setInterval(() => void this.catchUp(channel), period * 1000);
          catchUp.unref();
        }
      },
      onEnd: (error) => {
        clearInterval(catchUp);
        channel.close();
        this.stopSource = undefined;
        if (this.stopped || error?.code === 1 /* CANCELLED: we stopped it */) return;
        this.fail(address, error === undefined ? "the stream ended" : explainGrpcError(error.details || error.message));
      },
    });
    channel.waitForReady(Date.now() + 10_000, (error) => {
      if (error === undefined && !live && !this.stopped)
        this.setState({ kind: "goldmane", status: "connected", address });
    });
    this.stopSource = () => {
      clearInterval(catchUp);
      call.cancel();
      channel.close();
    };
  }

  /** A flow new to Palisade into the ring; more of one held, as an update of that flow. */
  private take(w: WireFlow, taken: Taken): void {
    if (taken.kind === "known") return;
    const flow = fromWire(w);
    if (flow === undefined) return;
    if (taken.kind === "new") this.late.held(w, this.ingest(flow).id);
    else this.store.update(taken.id, flow);
  }

  /**
   * Lists the recent intervals Goldmane has already streamed and takes the flows it has for them that Palisade has
   * not seen: ones Felix reported after Goldmane sent the interval to its streams. A failed list is left to the next
   * round (the stream's own error, if any, is the cluster's status).
   */
  private async catchUp(channel: grpc.Client): Promise<void> {
    if (this.catchUpRunning || this.stopped) return;
    this.catchUpRunning = true;
    try {
      if (this.late.intervalSeconds === undefined) await this.findGrid(channel);
      for (const { start, end } of this.late.intervals()) {
        for (const w of await listFlows(channel, start, end)) {
          // Goldmane lists a key's totals over the range: within one interval, that interval's flow.
          if (w.start_time === start && w.end_time === end) this.take(w, this.late.listed(w));
        }
      }
    } catch {
      // Retried next interval.
    } finally {
      this.catchUpRunning = false;
    }
  }

  /**
   * Goldmane's interval grid when the stream has not shown it: a listed flow starts on the grid (a key's totals
   * start at its first interval in the range), and listing from that start for one second gives that interval alone.
   */
  private async findGrid(channel: grpc.Client): Promise<void> {
    const now = Math.floor(Date.now() / 1000);
    const anchor = (await listFlows(channel, now - CATCH_UP_INTERVALS * GOLDMANE_INTERVAL_S, now))[0]?.start_time;
    if (anchor === undefined) return;
    const one = (await listFlows(channel, anchor, anchor + 1)).find((w) => w.start_time === anchor);
    if (one !== undefined) this.late.anchor(anchor, one.end_time - anchor, Math.floor(Date.now() / 1000));
  }

  private fail(address: string, reason: string): void {
    this.setState({ kind: "goldmane", status: "error", address, message: `Goldmane at ${address}: ${reason}` });
    if (this.stopped) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.discover();
    }, this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2);
  }

  /** The client certificate, key and CA, from the configured Secret or files; errors name what is missing. */
  private async loadTls(settings: GoldmaneSettings): Promise<GoldmaneTls> {
    const serverName = settings.serverName ?? DEFAULT_SERVER_NAME;
    if (settings.secret !== undefined) {
      const [namespace = "", name = ""] = settings.secret.split("/");
      const client = this.cluster.client;
      if (client === undefined) throw new Error(`cannot read Secret ${settings.secret}: the cluster has no connection`);
      let secret: { data?: Record<string, string> };
      try {
        secret = await client.request(
          "GET",
          `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets/${encodeURIComponent(name)}`,
        );
      } catch (e) {
        const why = e instanceof KubeError ? e.message : String(e);
        throw new Error(`cannot read the client certificate Secret ${settings.secret}: ${why}`);
      }
      const field = (key: string) => {
        const value = secret.data?.[key];
        if (value === undefined) throw new Error(`Secret ${settings.secret} has no ${key}`);
        return Buffer.from(value, "base64");
      };
      return { ca: field("ca.crt"), cert: field("tls.crt"), key: field("tls.key"), serverName };
    }
    const { caFile, certFile, keyFile } = settings;
    if (caFile === undefined || certFile === undefined || keyFile === undefined) {
      throw new Error(
        "no client certificate configured: Goldmane requires mutual TLS; give this cluster a secret (namespace/name with tls.crt, tls.key, ca.crt) or caFile, certFile and keyFile in --flows-config",
      );
    }
    const read = async (what: string, file: string) => {
      try {
        return await readFile(file);
      } catch (e) {
        throw new Error(`cannot read the ${what} ${file}: ${(e as Error).message}`);
      }
    };
    return {
      ca: await read("CA certificate", caFile),
      cert: await read("client certificate", certFile),
      key: await read("client key", keyFile),
      serverName,
    };
  }

  private setState(state: SourceState): void {
    const same =
      state.kind === this.state.kind &&
      state.status === this.state.status &&
      state.message === this.state.message &&
      state.address === this.state.address;
    this.state = state;
    if (same) return;
    const status = this.status();
    for (const l of this.listeners) l(status);
  }
}

/** What a gRPC/TLS failure means for the person configuring it, then the library's own words (one line). */
function explainGrpcError(details: string): string {
  const raw = details
    .replace(/\s*\(\d{4}-\d\d-\d\dT[^)]*\)/g, "")
    .replace(/\s*Resolution note:\s*$/, "")
    .replace(/\s+/g, " ")
    .trim();
  const hints: [RegExp, string][] = [
    [
      /alert (unknown ca|bad certificate|certificate unknown|certificate required|handshake failure)/i,
      "Goldmane refused Palisade's client certificate: it is not signed by the CA Goldmane trusts (tigera-ca-bundle)",
    ],
    [
      /unable to verify|self[- ]signed|unable to get local issuer|certificate signature failure/i,
      "Goldmane's certificate is not signed by the CA Palisade was given (caFile, or ca.crt in the Secret)",
    ],
    [
      /altname|does not match|hostname/i,
      "Goldmane's certificate does not name the server Palisade expects (serverName)",
    ],
    [
      /ECONNREFUSED|connection refused/i,
      "nothing accepts connections at that address (a port-forward or Service address?)",
    ],
    [
      /ENOTFOUND|getaddrinfo|name resolution/i,
      "the address does not resolve (goldmane.calico-system.svc resolves only in-cluster; set address)",
    ],
    [/expired/i, "a certificate has expired"],
  ];
  const hint = hints.find(([re]) => re.test(raw))?.[1];
  return hint === undefined ? raw : `${hint} (${raw})`;
}
