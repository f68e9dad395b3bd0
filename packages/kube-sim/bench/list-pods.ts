/**
 * The cost of listing every pod in pages of 500, as client-go and the BFF's informers do, from kube-sim's `large`
 * scenario. Two measurements, each a warm-up then `--runs` timed full lists:
 * - in-process: `listObjects` alone (no HTTP, no JSON), CPU time of this process; then writes once the order is
 *   kept: 100 creates each followed by a first page, and deleting every pod through the store;
 * - over HTTPS: kube-sim in its own process (`src/cli.ts`), pages fetched with keep-alive; wall time, the server's
 *   CPU time (utime + stime from /proc, so it excludes this client) and the client's.
 * Prints one JSON line per measurement, and `uptime`'s load averages.
 * Usage (from the repository root): node --import tsx packages/kube-sim/bench/list-pods.ts
 *   [--nodes 400 --pods 42000 --policies 2000] [--runs 3] [--page 500]
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { Cluster } from "../src/cluster/cluster";
import { listObjects } from "../src/cluster/list";
import { calicoCrds } from "../src/registry/calico-crds";
import { scenarioObjects } from "../src/scenarios/index";
import { startSimChild } from "../src/testing/child";

const { values } = parseArgs({
  options: {
    nodes: { type: "string", default: "400" },
    pods: { type: "string", default: "42000" },
    policies: { type: "string", default: "2000" },
    runs: { type: "string", default: "3" },
    page: { type: "string", default: "500" },
  },
});
const size = { nodes: Number(values.nodes), pods: Number(values.pods), policies: Number(values.policies) };
const runs = Number(values.runs);
const page = Number(values.page);

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const round = (x: number) => Math.round(x * 10) / 10;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

function inProcess(): void {
  const cluster = new Cluster({});
  cluster.seed(calicoCrds("v3"));
  cluster.seed(scenarioObjects("large", size));
  const pods = cluster.registry.findResource("", "pods");
  if (pods === undefined) throw new Error("no pods resource");
  const listAll = () => {
    let count = 0;
    let cont: string | undefined;
    do {
      const list = listObjects(cluster.store, pods, undefined, {
        limit: page,
        ...(cont === undefined ? {} : { continue: cont }),
      });
      count += list.items.length;
      cont = list.metadata.continue;
    } while (cont !== undefined);
    return count;
  };
  listAll();
  const cpu: number[] = [];
  let objects = 0;
  for (let i = 0; i < runs; i++) {
    const c0 = cpuMs();
    objects = listAll();
    cpu.push(cpuMs() - c0);
  }
  console.log(JSON.stringify({ measure: "listObjects in-process", objects, page, cpuMs: cpu.map(round) }));
  // Writes after the order exists: a page between single writes, then every pod deleted (as deletecollection does).
  const c0 = cpuMs();
  for (let i = 0; i < 100; i++) {
    cluster.store.put(
      pods,
      { apiVersion: "v1", kind: "Pod", metadata: { namespace: "bench", name: `p${i}` } },
      "ADDED",
    );
    listObjects(cluster.store, pods, undefined, { limit: page });
  }
  const c1 = cpuMs();
  for (const p of cluster.store.list(pods)) cluster.store.remove(pods, p.metadata.namespace, p.metadata.name ?? "");
  const c2 = cpuMs();
  console.log(
    JSON.stringify({
      measure: "writes after the lists, in-process",
      "100 x (create + first page) cpuMs": round(c1 - c0),
      "delete every pod cpuMs": round(c2 - c1),
    }),
  );
}

async function overHttps(): Promise<void> {
  const args = ["--scenario", "large"];
  for (const [k, v] of Object.entries(size)) args.push(`--${k}`, String(v));
  const sim = await startSimChild(args);
  try {
    const get = async (path: string) => {
      const reply = await sim.call("GET", path);
      if (reply.status !== 200) throw new Error(`GET ${path}: ${reply.status}`);
      return reply.body as { items: unknown[]; metadata: { continue?: string } };
    };
    const listAll = async () => {
      let count = 0;
      let cont: string | undefined;
      do {
        const q = `limit=${page}${cont === undefined ? "" : `&continue=${encodeURIComponent(cont)}`}`;
        const list = await get(`/api/v1/pods?${q}`);
        count += list.items.length;
        cont = list.metadata.continue || undefined;
      } while (cont !== undefined);
      return count;
    };
    await listAll();
    const wall: number[] = [];
    const server: number[] = [];
    const client: number[] = [];
    let objects = 0;
    for (let i = 0; i < runs; i++) {
      const s0 = sim.cpuMs();
      const c0 = cpuMs();
      const t0 = performance.now();
      objects = await listAll();
      wall.push(performance.now() - t0);
      client.push(cpuMs() - c0);
      server.push(sim.cpuMs() - s0);
    }
    console.log(
      JSON.stringify({
        measure: "GET /api/v1/pods over HTTPS",
        objects,
        page,
        wallMs: wall.map(round),
        serverCpuMs: server.map(round),
        clientCpuMs: client.map(round),
        medianWallMs: round(median(wall)),
        medianServerCpuMs: round(median(server)),
      }),
    );
  } finally {
    await sim.stop();
  }
}

console.log(JSON.stringify({ size, runs, page, loadBefore: load() }));
inProcess();
await overHttps();
console.log(JSON.stringify({ loadAfter: load() }));
