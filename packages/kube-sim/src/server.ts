import { randomBytes } from "node:crypto";
import { createServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { auditRecordCrd } from "@palisade/contract";
import type { KubeObject } from "./api/object";
import { ROLE_NAMES, type RoleName, type User, userOf } from "./auth/roles";
import { Cluster } from "./cluster/cluster";
import { handleRequest } from "./http/router";
import { kubeconfigYaml, type Tokens } from "./kubeconfig";
import { adminPolicyCrdObjects, type CalicoStorage, calicoCrds } from "./registry/calico-crds";
import { calicoNodeCrd, withCalicoNodes } from "./registry/calico-node";
import { toStorage } from "./registry/calico-storage";
import { clusterInformationCrd, ibmClusterInformation } from "./registry/cluster-information";
import { ibmIPPool, ipPoolCrd } from "./registry/ip-pool";
import { DEFAULT_LARGE_SIZE, type LargeScenarioSize, type ScenarioName, scenarioObjects } from "./scenarios/index";
import { readState, StateWriter } from "./state";
import { generateServingCerts, type ServingCerts } from "./tls";

export interface KubeSimOptions {
  /** Address to listen on; default 127.0.0.1. */
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Default `ibm-classic`. Ignored when `state` names an existing file. */
  readonly scenario?: ScenarioName;
  /** Size of the `large` scenario. */
  readonly size?: Partial<LargeScenarioSize>;
  /**
   * Calico storage: `v1` (classic crd.projectcalico.org) or `v3` (native projectcalico.org/v3 CRDs). By default
   * `ibm-classic` has classic storage, as IBM Cloud classic clusters keep Calico in the Kubernetes datastore, and the
   * other scenarios native v3.
   */
  readonly storage?: CalicoStorage;
  /**
   * A JSON file that keeps objects, CA and tokens across restarts; each write is made durable in it (fsync) before it
   * is acknowledged. A file that exists must be a valid state file: kube-sim refuses to start otherwise.
   */
  readonly state?: string;
  /** How many change events watches can resume across; older resourceVersions get 410 Gone. Default 1000. */
  readonly watchWindow?: number;
  /** Interval of watch bookmarks when clients allow them; default 60 s as on kube-apiserver. */
  readonly bookmarkIntervalMs?: number;
  /**
   * Serve Calico's own Node resource and keep the nodes' Calico addresses there rather than in the Kubernetes Nodes'
   * annotations, as a cluster whose Calico datastore is etcd does (registry/calico-node.ts). Off by default: the
   * demo is on the Kubernetes datastore. Ignored when `state` names an existing file.
   */
  readonly calicoNodes?: boolean;
}

export interface KubeSim {
  /** `https://host:port` */
  readonly server: string;
  /** PEM of the CA that signed the serving certificate. */
  readonly caPem: string;
  readonly storage: CalicoStorage;
  /**
   * A `projectcalico.org/v3` object as this cluster stores it, for writing as another Calico client would: with
   * classic storage the `crd.projectcalico.org/v1` CR (policies named `default.<name>`); other objects as they are.
   * Typed as the client's own object type, which the JSON keeps.
   */
  stored<T extends object>(obj: T): T;
  /** Bearer tokens of the three users: admin (system:masters), editor, viewer. */
  readonly tokens: Tokens;
  /** A kubeconfig (YAML) with the CA, all three users, and the admin context current. */
  readonly kubeconfig: string;
  /** The same kubeconfig with `user`'s context current. */
  kubeconfigFor(user: RoleName): string;
  /** Stops listening, ends open watches, and waits for the state file's last flush. */
  close(): Promise<void>;
}

const VERSION = {
  major: "1",
  minor: "34",
  gitVersion: "v1.34.0-kube-sim",
  gitCommit: "0000000000000000000000000000000000000000",
  gitTreeState: "clean",
  buildDate: "2026-01-01T00:00:00Z",
  goVersion: "go1.24.0",
  compiler: "gc",
  platform: "linux/amd64",
};

/** The storage a scenario has unless told otherwise. */
function defaultStorage(scenario: ScenarioName): CalicoStorage {
  return scenario === "ibm-classic" ? "v1" : "v3";
}

/** Starts a Kubernetes API server over HTTPS (its own CA), seeded with a scenario or restored from a state file. */
export async function startKubeSim(options: KubeSimOptions = {}): Promise<KubeSim> {
  const host = options.host ?? "127.0.0.1";
  const saved = options.state === undefined ? undefined : readState(options.state);
  const storage = saved?.storage ?? options.storage ?? defaultStorage(options.scenario ?? "ibm-classic");
  if (saved !== undefined && options.storage !== undefined && options.storage !== saved.storage) {
    throw new Error(`${options.state} holds a cluster with ${saved.storage} storage, not ${options.storage}`);
  }
  const certs: ServingCerts =
    saved?.certs ?? (await generateServingCerts([...new Set([host, "127.0.0.1", "localhost"])]));
  const tokens: Tokens =
    saved?.tokens ??
    (Object.fromEntries(ROLE_NAMES.map((r) => [r, randomBytes(24).toString("base64url")])) as Record<RoleName, string>);
  const cluster = new Cluster(options.watchWindow === undefined ? {} : { watchWindow: options.watchWindow });
  if (saved !== undefined) {
    cluster.store.restore(saved.snapshot);
    cluster.syncCrdTypes();
  } else {
    const scenario = options.scenario ?? "ibm-classic";
    // Palisade's own history CRD, as deploy/ installs it: the demo keeps its change history in the cluster too.
    const history = auditRecordCrd() as KubeObject;
    cluster.seed([
      ...calicoCrds(storage),
      ...adminPolicyCrdObjects(),
      clusterInformationCrd(storage),
      ipPoolCrd(storage),
      ...(options.calicoNodes === true ? [calicoNodeCrd(storage)] : []),
      history,
    ]);
    const size = { ...DEFAULT_LARGE_SIZE, ...options.size };
    const objects = scenarioObjects(scenario, size);
    const seeded = options.calicoNodes === true ? withCalicoNodes(objects, storage) : objects;
    cluster.seed(seeded.map((o) => toStorage(o, storage)));
    if (scenario === "ibm-classic") cluster.seed([ibmClusterInformation(storage), ibmIPPool(storage)]);
    cluster.store.compact();
  }
  const writer =
    options.state === undefined
      ? undefined
      : new StateWriter(
          options.state,
          () => ({
            format: "kube-sim-state/v1",
            storage,
            certs,
            tokens,
            snapshot: cluster.store.snapshot(),
          }),
          // Watches see a change once it is in the file: a watcher never learns of a write that a crash then loses.
          (state) => cluster.store.publish(state.snapshot.revision),
        );
  if (writer !== undefined) cluster.store.holdEvents();
  // Acknowledged only once durable: the router awaits this before it answers a write.
  const onWrite = async () => {
    await writer?.flush();
  };
  if (saved === undefined) await writer?.flush();
  const users = new Map<string, User>(ROLE_NAMES.map((r) => [tokens[r], userOf(r)]));
  let address = "";
  const httpsServer = createServer({ cert: certs.certPem, key: certs.keyPem }, (req, res) => {
    void handleRequest(
      {
        cluster,
        users,
        serverAddress: () => address,
        bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000,
        version: VERSION,
        onWrite,
      },
      req,
      res,
    );
  });
  // Every socket, from accept on, so close() can destroy them all: closeAllConnections() left informers' open watch
  // connections standing, and close() then waited about 30 s for them.
  const sockets = new Set<Socket>();
  httpsServer.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    httpsServer.once("error", reject);
    httpsServer.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = httpsServer.address() as AddressInfo;
  address = `${host}:${port}`;
  const server = `https://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    server,
    caPem: certs.caPem,
    storage,
    stored: <T extends object>(obj: T) => toStorage(obj as unknown as KubeObject, storage) as unknown as T,
    tokens,
    kubeconfig: kubeconfigYaml(server, certs.caPem, tokens),
    kubeconfigFor: (user) => kubeconfigYaml(server, certs.caPem, tokens, user),
    close: async () => {
      const closed = new Promise<void>((resolve) => httpsServer.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
      await writer?.idle();
    },
  };
}
