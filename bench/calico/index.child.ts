/**
 * Child process (run with `--expose-gc`): the match index at one size, in a process of its own so that its heap is
 * its own. Builds `indexCluster(generateCluster(...))` several times (CPU and wall, median), measures the heap the
 * index retains, then one endpoint's label change (alone, and with its stage lists) and one policy's selector
 * change. Prints one JSON line.
 * With FELIX (`felix` or `felix+inherit`), each build of ours alternates with one of Felix's
 * `SelectorAndNamedPortIndex` on the same cluster inside the Calico oracle (so that a change in load hits both alike),
 * and `felix+inherit` adds one build of Felix's `InheritIndex`, which checks every selector against every endpoint.
 * Usage: index.child.ts ENDPOINTS POLICIES PROFILE BUILDS [FELIX]
 */
import {
  type ClusterProfile,
  type Endpoint,
  generateCluster,
  indexCluster,
  k8sNetworkPolicyToCalico,
  type MatchIndex,
  type PolicyLike,
  seededRandom,
  workloadEndpointFromPod,
} from "@palisade/calico";
import { type FelixIndexKind, FelixLabelIndex, felixIndexWorkload } from "@palisade/calico/oracle";
import { median } from "./stats";

export interface IndexFigures {
  readonly buildCpuMs: number;
  /** The first build alone: the caches of parsed selectors and unique ids hold only the warm-up cluster's. */
  readonly firstBuildCpuMs: number;
  readonly buildWallMs: number;
  readonly heapMb: number;
  readonly labelChangeCpuMs: number;
  readonly labelChangeP50Ms: number;
  readonly labelChangeP99Ms: number;
  /** The same with the moved endpoint's stage lists computed after each change. */
  readonly labelChangeWithListsCpuMs: number;
  readonly labelChangeWithListsP99Ms: number;
  readonly selectorChangeCpuMs: number;
  readonly selectorChangeP99Ms: number;
  /** Felix's index builds on the same cluster, oracle CPU ms (median of as many builds as ours), when asked for. */
  readonly felix?: Partial<Record<FelixIndexKind, number>>;
}

const [endpoints, policies, profile, builds, felixArg = ""] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("index.child.ts needs node --expose-gc");

function timed(fn: () => void): { wall: number; cpu: number } {
  const u0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const u = process.cpuUsage(u0);
  return { wall, cpu: (u.user + u.system) / 1000 };
}

const nearestRank = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;

const cluster = generateCluster({
  endpoints: Number(endpoints),
  policies: Number(policies),
  seed: 1,
  profile: profile as ClusterProfile,
});
// Warm-up on a small cluster of the same profile, so the first timed build is not V8's first run of the code.
indexCluster(generateCluster({ endpoints: 1_000, policies: 200, seed: 99, profile: profile as ClusterProfile }));

const felix = felixArg === "" ? undefined : await FelixLabelIndex.start();
const felixWorkload = felix === undefined ? undefined : felixIndexWorkload(cluster, indexCluster(cluster));
const felixTimes: number[] = [];
const times: { wall: number; cpu: number }[] = [];
let idx: MatchIndex | undefined;
let heapMb = 0;
for (let i = 0; i < Number(builds); i++) {
  idx = undefined;
  gc();
  const before = process.memoryUsage().heapUsed;
  times.push(
    timed(() => {
      idx = indexCluster(cluster);
    }),
  );
  gc();
  heapMb = Math.max(heapMb, (process.memoryUsage().heapUsed - before) / 1e6);
  if (felixWorkload !== undefined) {
    const ms = await felix?.build("SelectorAndNamedPortIndex", felixWorkload);
    if (ms !== undefined) felixTimes.push(ms);
  }
}
if (idx === undefined) throw new Error("no build");
const index: MatchIndex = idx;
const inheritMs =
  felixWorkload !== undefined && felixArg === "felix+inherit"
    ? await felix?.build("InheritIndex", felixWorkload)
    : undefined;
await felix?.close();

// Pods and their apps by namespace: a change moves a pod to (or points a policy at) another app of its namespace.
const appsByNamespace = new Map<string, string[]>();
for (const pod of cluster.pods) {
  const apps = appsByNamespace.get(pod.metadata.namespace) ?? [];
  if (!apps.includes(pod.metadata.labels.app ?? "")) apps.push(pod.metadata.labels.app ?? "");
  appsByNamespace.set(pod.metadata.namespace, apps);
}
const rnd = seededRandom(3);
const otherApp = (namespace: string) => rnd.pick(appsByNamespace.get(namespace) ?? [""]);

/** `n` pods each moved to another app of its namespace. */
const moves = (n: number) =>
  Array.from({ length: n }, () => {
    const pod = rnd.pick(cluster.pods);
    const app = otherApp(pod.metadata.namespace);
    return workloadEndpointFromPod({ ...pod, metadata: { ...pod.metadata, labels: { ...pod.metadata.labels, app } } });
  });

/** CPU ms per change (mean) and wall ms per change (sorted), of `change` over every endpoint of `changes`. */
function timeChanges(changes: readonly Endpoint[], change: (ep: Endpoint) => void): { cpu: number; walls: number[] } {
  gc?.();
  const walls: number[] = [];
  const total = timed(() => {
    for (const ep of changes) {
      const t0 = performance.now();
      change(ep);
      walls.push(performance.now() - t0);
    }
  });
  return { cpu: total.cpu / changes.length, walls: walls.sort((a, b) => a - b) };
}

// What a pod's label change costs the index (a watch event does only this), then, on other pods, the same with the
// moved pod's stage lists asked for at once (the BFF asks when a page, explain or a what-if needs them).
const labelChange = timeChanges(moves(2_000), (ep) => index.upsertEndpoint(ep));
const labelChangeWithLists = timeChanges(moves(2_000), (ep) => {
  index.upsertEndpoint(ep);
  index.policiesForEndpoint(ep.id);
});

// Namespaced policies in the form the index takes, each pointed at another app of its namespace.
const namespaced: PolicyLike[] = [
  ...cluster.policies.filter((p) => p.metadata.namespace !== undefined),
  ...cluster.kubernetesPolicies.map((p) => ({
    ...k8sNetworkPolicyToCalico(p).policy,
    kind: "KubernetesNetworkPolicy",
  })),
];
const selectorChanges = Array.from({ length: Math.min(500, namespaced.length) }, () => {
  const p = rnd.pick(namespaced);
  const selector = `app == '${otherApp(p.metadata.namespace ?? "")}'`;
  return { ...p, spec: { ...p.spec, selector } };
});
gc();
const selectorWalls: number[] = [];
const selectorTotal = timed(() => {
  for (const p of selectorChanges) {
    const t0 = performance.now();
    index.upsertPolicy(p);
    selectorWalls.push(performance.now() - t0);
  }
});
selectorWalls.sort((a, b) => a - b);

const figures: IndexFigures = {
  buildCpuMs: median(times.map((t) => t.cpu)),
  firstBuildCpuMs: times[0]?.cpu ?? 0,
  buildWallMs: median(times.map((t) => t.wall)),
  heapMb,
  labelChangeCpuMs: labelChange.cpu,
  labelChangeP50Ms: nearestRank(labelChange.walls, 0.5),
  labelChangeP99Ms: nearestRank(labelChange.walls, 0.99),
  labelChangeWithListsCpuMs: labelChangeWithLists.cpu,
  labelChangeWithListsP99Ms: nearestRank(labelChangeWithLists.walls, 0.99),
  selectorChangeCpuMs: selectorTotal.cpu / Math.max(1, selectorChanges.length),
  selectorChangeP99Ms: nearestRank(selectorWalls, 0.99),
  ...(felix === undefined
    ? {}
    : {
        felix: {
          ...(felixTimes.length === times.length ? { SelectorAndNamedPortIndex: median(felixTimes) } : {}),
          ...(inheritMs === undefined ? {} : { InheritIndex: inheritMs }),
        },
      }),
};
console.log(JSON.stringify(figures));
