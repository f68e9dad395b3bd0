import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { stringify } from "yaml";
import { type ControlPlaneBinaries, ensureBinaries } from "./binaries.js";
import { CONTROL_PLANE_USERS, type ControlPlaneConnection, type ControlPlaneUser } from "./connection.js";
import {
  type CrdManifest,
  type CrdSet,
  installCrds,
  loadAdminPolicyCrds,
  loadCrdFile,
  loadCrdSet,
  palisadeCrds,
  warmUpCustomResources,
} from "./crds.js";
import { type KubeHttpTarget, kubeRequest } from "./kube-http.js";
import { generatePki } from "./pki.js";
import { createRunDir, logTail, type ManagedProcess, releaseTempDir, spawnManaged } from "./processes.js";
import { installRbac } from "./rbac.js";

export interface StartControlPlaneOptions {
  /** Which Calico CRDs to install: classic `crd.projectcalico.org/v1` or native `projectcalico.org/v3`. */
  crds: CrdSet;
  /** More CRD manifests to install with the set (ClusterInformation, to say which Calico the cluster runs). */
  extraCrdFiles?: readonly string[];
  /** How long to wait for /readyz; a cold 2-core machine needs well over the usual few seconds. */
  readyTimeoutMs?: number;
}

export interface ControlPlaneTimings {
  /** build.sh: a cache hit is milliseconds; a cold build is minutes. */
  binariesMs: number;
  /** From spawning etcd to kube-apiserver's /readyz answering ok. */
  readyMs: number;
  /** RBAC objects, then CRDs until every served version lists, then the custom-resource warm-up. */
  bootstrapMs: number;
}

export interface ControlPlane {
  /** https://127.0.0.1:<port> */
  server: string;
  caPem: string;
  crds: CrdSet;
  /** Bearer tokens from the static token file; admin is in system:masters. */
  tokens: Record<ControlPlaneUser, string>;
  /** Kubeconfig for admin. */
  kubeconfigPath: string;
  /** Writes (once) and returns a kubeconfig for the given user. */
  kubeconfigFor(user: ControlPlaneUser): string;
  /** Folder holding etcd.log and kube-apiserver.log, for diagnosing a failing test before stop() removes it. */
  logDir: string;
  timings: ControlPlaneTimings;
  /** etcd's and kube-apiserver's process ids, each the leader of its own process group (a restart changes the latter). */
  readonly pids: Record<"etcd" | "kube-apiserver", number>;
  /** The serializable part, with a kubeconfig written for every user; what the vitest global setup publishes. */
  connection(): ControlPlaneConnection;
  /**
   * Stops only kube-apiserver (its whole process group), leaving etcd and every stored object in place: clients see
   * their watches end and new connections refused, as during an API server restart. Idempotent.
   */
  stopApiServer(): Promise<void>;
  /**
   * Starts kube-apiserver again on the same port, certificates, tokens and etcd; resolves once /readyz answers ok and
   * every Calico resource is served again. A no-op beyond that wait when it is already running.
   */
  startApiServer(): Promise<void>;
  /** stopApiServer() then startApiServer(). */
  restartApiServer(): Promise<void>;
  /** Stops kube-apiserver and etcd (their whole process groups) and deletes the temporary folders. Idempotent. */
  stop(): Promise<void>;
}

/** Listens on a kernel-chosen loopback port, keeping the listener in `held` until the caller releases it. */
function holdEphemeralPort(held: Server[]): Promise<number> {
  const server = createServer();
  held.push(server);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address && typeof address === "object") resolve(address.port);
      else reject(new Error("could not allocate a loopback port"));
    });
  });
}

/**
 * Free loopback ports for the children. All listeners stay open until every port is known, so no two coincide;
 * they are released for the children to bind, and another process could take one in between, which
 * startControlPlane retries.
 */
async function freePorts(): Promise<{ etcdClient: number; etcdPeer: number; api: number }> {
  const held: Server[] = [];
  try {
    return {
      etcdClient: await holdEphemeralPort(held),
      etcdPeer: await holdEphemeralPort(held),
      api: await holdEphemeralPort(held),
    };
  } finally {
    await Promise.all(held.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

function token(): string {
  return randomBytes(24).toString("base64url");
}

function writeKubeconfig(path: string, server: string, caPem: string, user: string, bearer: string): void {
  const config = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      {
        name: "palisade-test",
        cluster: { server, "certificate-authority-data": Buffer.from(caPem).toString("base64") },
      },
    ],
    users: [{ name: user, user: { token: bearer } }],
    contexts: [{ name: user, context: { cluster: "palisade-test", user } }],
    "current-context": user,
  };
  writeFileSync(path, stringify(config), { mode: 0o600 });
}

async function waitReady(target: KubeHttpTarget, processes: ManagedProcess[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer yet";
  for (;;) {
    for (const p of processes) {
      if (p.hasExited()) {
        throw new Error(`${p.name} exited (${String(await p.exited)}) during start-up:\n${logTail(p.logPath)}`);
      }
    }
    try {
      const res = await kubeRequest(target, "GET", "/readyz", undefined, 2_000);
      if (res.status === 200) return;
      last = `${res.status}: ${res.body}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() > deadline) {
      const logs = processes.map((p) => `--- ${p.name}\n${logTail(p.logPath)}`).join("\n");
      throw new Error(`kube-apiserver not ready after ${timeoutMs}ms (last: ${last})\n${logs}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function startControlPlane(options: StartControlPlaneOptions): Promise<ControlPlane> {
  const t0 = performance.now();
  const binaries = await ensureBinaries();
  const crdManifests = [
    ...loadCrdSet(options.crds),
    ...loadAdminPolicyCrds(),
    ...palisadeCrds(),
    ...(options.extraCrdFiles ?? []).flatMap(loadCrdFile),
  ];
  const binariesMs = performance.now() - t0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(binaries, crdManifests, options, binariesMs);
    } catch (err) {
      // freePorts() releases each port before the child binds it, so a parallel run can take one in between. That
      // is rare, shows as a bind error in the exit log, and a fresh set of ports fixes it.
      if (attempt >= 3 || !(err instanceof Error) || !err.message.includes("address already in use")) throw err;
    }
  }
}

async function launch(
  binaries: ControlPlaneBinaries,
  crdManifests: CrdManifest[],
  options: StartControlPlaneOptions,
  binariesMs: number,
): Promise<ControlPlane> {
  const root = createRunDir();
  const certDir = join(root, "pki");
  const etcdDataDir = join(root, "etcd-data");
  const logDir = join(root, "logs");
  const kubeconfigDir = join(root, "kubeconfig");
  for (const dir of [certDir, logDir, kubeconfigDir]) mkdirSync(dir, { mode: 0o700 });

  let etcd: ManagedProcess | undefined;
  let apiServer: ManagedProcess | undefined;
  let stopped: Promise<void> | undefined;
  /** Serialises stopApiServer/startApiServer/stop, so a stop never races a start that is still spawning. */
  let lifecycle: Promise<unknown> = Promise.resolve();
  const serially = <T>(step: () => Promise<T>): Promise<T> => {
    const next = lifecycle.then(step);
    lifecycle = next.catch(() => undefined);
    return next;
  };
  const stop = (): Promise<void> => {
    stopped ??= serially(async () => {
      // The API server first, so it does not spend its shutdown retrying a vanished etcd.
      await apiServer?.stop();
      await etcd?.stop();
      releaseTempDir(root);
    });
    return stopped;
  };

  try {
    const pki = await generatePki();
    const file = (name: string, content: string): string => {
      const path = join(certDir, name);
      writeFileSync(path, content, { mode: 0o600 });
      return path;
    };
    const caFile = file("ca.crt", pki.ca.certPem);
    const tokens: Record<ControlPlaneUser, string> = { admin: token(), editor: token(), viewer: token() };
    // Static token file: token,user,uid,"groups". Only admin is in a group with rights of its own; editor and
    // viewer get theirs from the ClusterRoleBindings installRbac creates, as a real cluster's users would.
    const tokenFile = file(
      "tokens.csv",
      [
        `${tokens.admin},admin,admin,"system:masters"`,
        `${tokens.editor},editor,editor`,
        `${tokens.viewer},viewer,viewer`,
      ]
        .map((line) => `${line}\n`)
        .join(""),
    );

    const ports = await freePorts();
    const etcdUrl = `https://127.0.0.1:${ports.etcdClient}`;
    const peerUrl = `http://127.0.0.1:${ports.etcdPeer}`;

    etcd = spawnManaged(
      "etcd",
      binaries.etcd,
      [
        "--name=default",
        `--data-dir=${etcdDataDir}`,
        `--listen-client-urls=${etcdUrl}`,
        `--advertise-client-urls=${etcdUrl}`,
        // Single member: the peer port only has to exist, so it stays plain HTTP on loopback.
        `--listen-peer-urls=${peerUrl}`,
        `--initial-advertise-peer-urls=${peerUrl}`,
        `--initial-cluster=default=${peerUrl}`,
        `--cert-file=${file("etcd-server.crt", pki.etcdServer.certPem)}`,
        `--key-file=${file("etcd-server.key", pki.etcdServer.keyPem)}`,
        `--trusted-ca-file=${caFile}`,
        "--client-cert-auth=true",
        // The data dir is thrown away after the run, so durability buys nothing and fsync costs seconds.
        "--unsafe-no-fsync=true",
        "--log-level=warn",
      ],
      join(logDir, "etcd.log"),
    );

    const server = `https://127.0.0.1:${ports.api}`;
    const apiServerArgs = [
      "--bind-address=127.0.0.1",
      "--advertise-address=127.0.0.1",
      `--secure-port=${ports.api}`,
      `--cert-dir=${certDir}`,
      `--tls-cert-file=${file("apiserver.crt", pki.apiServer.certPem)}`,
      `--tls-private-key-file=${file("apiserver.key", pki.apiServer.keyPem)}`,
      `--client-ca-file=${caFile}`,
      `--etcd-servers=${etcdUrl}`,
      `--etcd-cafile=${caFile}`,
      `--etcd-certfile=${file("etcd-client.crt", pki.etcdClient.certPem)}`,
      `--etcd-keyfile=${file("etcd-client.key", pki.etcdClient.keyPem)}`,
      `--token-auth-file=${tokenFile}`,
      "--authorization-mode=Node,RBAC",
      "--anonymous-auth=false",
      "--service-cluster-ip-range=10.96.0.0/16",
      "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
      `--service-account-key-file=${file("sa.pub", pki.serviceAccountPublicKeyPem)}`,
      `--service-account-signing-key-file=${file("sa.key", pki.serviceAccountKeyPem)}`,
      // No kubelets or nodes exist; the endpoint reconciler would only keep rewriting the kubernetes Service.
      "--endpoint-reconciler-type=none",
      "--profiling=false",
      "--shutdown-delay-duration=0s",
    ];
    const spawnApiServer = (): ManagedProcess =>
      spawnManaged("kube-apiserver", binaries.kubeApiserver, apiServerArgs, join(logDir, "kube-apiserver.log"));
    apiServer = spawnApiServer();
    const etcdProcess = etcd;

    const admin: KubeHttpTarget = { server, caPem: pki.ca.certPem, token: tokens.admin };
    const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
    const t2 = performance.now();
    await waitReady(admin, [etcdProcess, apiServer], readyTimeoutMs);
    const t3 = performance.now();
    await installRbac(admin);
    await installCrds(admin, crdManifests);
    await warmUpCustomResources(admin, crdManifests);
    const t4 = performance.now();

    const pids = { etcd: etcdProcess.pid, "kube-apiserver": apiServer.pid };
    const running = (): ManagedProcess | undefined =>
      apiServer !== undefined && !apiServer.hasExited() ? apiServer : undefined;
    const stopApiServer = (): Promise<void> =>
      serially(async () => {
        await apiServer?.stop();
      });
    const startApiServer = (): Promise<void> =>
      serially(async () => {
        if (stopped !== undefined) throw new Error("the control plane has been stopped");
        if (etcdProcess.hasExited()) throw new Error(`etcd has exited:\n${logTail(etcdProcess.logPath)}`);
        const next = running() ?? spawnApiServer();
        apiServer = next;
        pids["kube-apiserver"] = next.pid;
        await waitReady(admin, [etcdProcess, next], readyTimeoutMs);
        // /readyz covers the CRD informer; the warm-up proves each custom resource's handler answers again.
        await warmUpCustomResources(admin, crdManifests);
      });
    const written = new Map<ControlPlaneUser, string>();
    const kubeconfigFor = (user: ControlPlaneUser): string => {
      let path = written.get(user);
      if (!path) {
        path = join(kubeconfigDir, `${user}.yaml`);
        writeKubeconfig(path, server, pki.ca.certPem, user, tokens[user]);
        written.set(user, path);
      }
      return path;
    };

    return {
      server,
      caPem: pki.ca.certPem,
      crds: options.crds,
      tokens,
      kubeconfigPath: kubeconfigFor("admin"),
      kubeconfigFor,
      logDir,
      get pids() {
        return { ...pids };
      },
      timings: { binariesMs, readyMs: t3 - t2, bootstrapMs: t4 - t3 },
      connection: () => ({
        server,
        caPem: pki.ca.certPem,
        crds: options.crds,
        tokens,
        kubeconfigs: Object.fromEntries(CONTROL_PLANE_USERS.map((u) => [u, kubeconfigFor(u)])) as Record<
          ControlPlaneUser,
          string
        >,
      }),
      stopApiServer,
      startApiServer,
      restartApiServer: async () => {
        await stopApiServer();
        await startApiServer();
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
