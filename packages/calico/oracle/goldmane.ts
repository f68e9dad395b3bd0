/**
 * Calico's Goldmane flow aggregator, built from the Calico module the oracle pins (`build.sh goldmane`, cached under
 * ~/.cache/palisade) and started on loopback with mutual TLS, for tests that read flows through Palisade from Calico's
 * own server. Certificates are made with openssl for each run: a CA, Goldmane's serving certificate (for
 * `goldmane.calico-system.svc` and 127.0.0.1) and a client certificate, as the operator issues them in a cluster.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { join } from "node:path";
import { buildCalicoGoBinary } from "./build-script";

/** Runs `build.sh goldmane` (a cache look-up once built); returns the binary's path. */
export function buildGoldmane(): Promise<string> {
  return buildCalicoGoBinary("goldmane");
}

/** PEM files of one party. */
export interface PemFiles {
  readonly cert: string;
  readonly key: string;
}

export interface RunningGoldmane {
  /** `127.0.0.1:port` */
  readonly address: string;
  /** The name in Goldmane's certificate. */
  readonly serverName: string;
  /** The CA that signed Goldmane's and the client's certificates. */
  readonly caFile: string;
  readonly client: PemFiles;
  /** A client certificate from another CA: Goldmane refuses it. */
  readonly stranger: PemFiles;
  /** Goldmane's log so far (stderr and stdout). */
  log(): string;
  stop(): Promise<void>;
}

const SERVER_NAME = "goldmane.calico-system.svc";

function openssl(args: readonly string[], dir: string): void {
  execFileSync("openssl", [...args], { cwd: dir, stdio: "pipe" });
}

/** A CA in `dir` (`<name>-ca.pem`, `<name>-ca-key.pem`). */
function makeCa(dir: string, name: string): void {
  openssl(
    ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2"].concat([
      "-subj",
      `/CN=${name}-ca`,
      "-keyout",
      `${name}-ca-key.pem`,
      "-out",
      `${name}-ca.pem`,
    ]),
    dir,
  );
}

/** A leaf certificate signed by `ca`, with the given extensions (`extendedKeyUsage`, `subjectAltName`). */
function makeLeaf(dir: string, ca: string, name: string, extensions: string): PemFiles {
  writeFileSync(join(dir, `${name}.ext`), extensions);
  openssl(
    ["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", `/CN=${name}`].concat([
      "-keyout",
      `${name}-key.pem`,
      "-out",
      `${name}.csr`,
    ]),
    dir,
  );
  openssl(
    [
      "x509",
      "-req",
      "-in",
      `${name}.csr`,
      "-CA",
      `${ca}-ca.pem`,
      "-CAkey",
      `${ca}-ca-key.pem`,
      "-CAcreateserial",
    ].concat(["-days", "2", "-extfile", `${name}.ext`, "-out", `${name}.pem`]),
    dir,
  );
  return { cert: join(dir, `${name}.pem`), key: join(dir, `${name}-key.pem`) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts Goldmane on a free loopback port with mutual TLS (certificates written to `dir`), aggregating in 1 s buckets
 * so flows reach streams within seconds; resolves once it listens.
 */
export async function startGoldmane(binary: string, dir: string): Promise<RunningGoldmane> {
  makeCa(dir, "goldmane");
  makeCa(dir, "stranger");
  const server = makeLeaf(
    dir,
    "goldmane",
    "goldmane",
    `extendedKeyUsage=serverAuth\nsubjectAltName=DNS:${SERVER_NAME},IP:127.0.0.1\n`,
  );
  const client = makeLeaf(dir, "goldmane", "palisade", "extendedKeyUsage=clientAuth\n");
  const stranger = makeLeaf(dir, "stranger", "stranger", "extendedKeyUsage=clientAuth\n");
  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(binary, [], {
    env: {
      PATH: process.env.PATH ?? "",
      LOG_LEVEL: "info",
      PORT: String(port),
      SERVER_CERT_PATH: server.cert,
      SERVER_KEY_PATH: server.key,
      CA_CERT_PATH: join(dir, "goldmane-ca.pem"),
      HEALTH_ENABLED: "false",
      AGGREGATION_WINDOW: "1s",
      EMITTER_AGGREGATION_WINDOW: "1s",
      EMIT_AFTER_SECONDS: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const append = (b: Buffer) => {
    output = (output + b.toString()).slice(-200_000);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`goldmane exited (${child.exitCode}):\n${output}`);
    if (/Listening on/.test(output) && (await reachable(port))) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`goldmane did not listen on ${port} within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    address: `127.0.0.1:${port}`,
    serverName: SERVER_NAME,
    caFile: join(dir, "goldmane-ca.pem"),
    client,
    stranger,
    log: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
