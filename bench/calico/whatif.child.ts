/**
 * Child process: the whole-cluster connectivity diff (issue 21's what-if) of five proposed changes on one generated
 * cluster, in process, as the BFF runs it (the what-if applied to the live index for the length of each slice and put
 * back). Each change is timed on a fresh index (cold: nothing the diff keeps across phases is cached yet, and V8 may
 * not have compiled this change's paths), then again on the same index (warm); a diff that runs past CAP_MS of CPU
 * is left unfinished and said so. CPU time is the figure; prints one
 * JSON line (and each change's figures on stderr as they come).
 * Usage: whatif.child.ts ENDPOINTS POLICIES PROFILE [ONLY] (ONLY: the changes whose name contains it, e.g. to profile
 * one with `node --cpu-prof`)
 */
import {
  type ClusterProfile,
  type ConnectivityDiff,
  connectivityDiffSteps,
  type GeneratedKubernetesPolicy,
  generateCluster,
  generateIsolationSet,
  indexCluster,
  k8sNetworkPolicyToCalico,
  type MatchIndex,
  type PolicyLike,
  policyKey,
} from "@palisade/calico";

export interface WhatIfFigures {
  readonly name: string;
  readonly coldCpuMs: number;
  /** Absent when the cold run was stopped. */
  readonly warmCpuMs?: number;
  /** Explainer walks per phase, rows of the answer, and whether it is complete (a diff cut short is not a figure). */
  readonly probes: number;
  readonly rows: number;
  readonly complete: boolean;
  /** The diff used more than CAP_MS of CPU and was left unfinished: coldCpuMs is a lower bound. */
  readonly stopped: boolean;
}

export interface WhatIfRun {
  readonly capMs: number;
  readonly changes: readonly WhatIfFigures[];
}

/** CPU a diff may use before it is left unfinished. */
const CAP_MS = 30_000;
const [endpoints, policies, profile, only = ""] = process.argv.slice(2);
const cluster = generateCluster({
  endpoints: Number(endpoints),
  policies: Number(policies),
  seed: 1,
  profile: profile as ClusterProfile,
});

const asCalico = (p: GeneratedKubernetesPolicy): PolicyLike => ({
  ...k8sNetworkPolicyToCalico(p).policy,
  kind: "KubernetesNetworkPolicy",
});
/** The cluster's namespaced policies in the form the index takes. */
const namespaced: PolicyLike[] = [
  ...cluster.policies.filter((p) => p.metadata.namespace !== undefined),
  ...cluster.kubernetesPolicies.map(asCalico),
];
/** A tenant namespace (not a system one) and one of its policies that selects one app and allows some ingress. */
const tenant = cluster.namespaces[cluster.namespaces.length >> 1]?.metadata.name ?? "";
const appPolicy = namespaced.find(
  (p) =>
    p.metadata.namespace === tenant && (p.spec.selector ?? "").includes("app") && (p.spec.ingress ?? []).length > 0,
);
if (appPolicy === undefined) throw new Error(`no app policy with ingress rules in ${tenant}`);
const plan = generateIsolationSet("public-isolation", { region: "us-south" });
if (!plan.ok) throw new Error("public-isolation: invalid parameters");

/** Policies a change puts in place; the ones it replaces are put back after each slice. */
const CHANGES: readonly { readonly name: string; readonly upsert: readonly PolicyLike[] }[] = [
  {
    name: "one policy widened to its namespace",
    upsert: [{ ...appPolicy, spec: { ...appPolicy.spec, selector: "all()" } }],
  },
  {
    name: "one policy narrowed to TCP 443",
    upsert: [
      {
        ...appPolicy,
        spec: {
          ...appPolicy.spec,
          ingress: (appPolicy.spec.ingress ?? []).map((r) => ({
            ...r,
            protocol: "TCP",
            destination: { ...r.destination, ports: [443] },
          })),
        },
      },
    ],
  },
  {
    name: "the public-isolation policy set",
    upsert: plan.value.members.flatMap((m) => m.objects as readonly PolicyLike[]),
  },
  {
    name: "a namespace's egress opened to everything",
    upsert: [
      {
        kind: "NetworkPolicy",
        metadata: { name: "open-egress", namespace: tenant },
        spec: { selector: "all()", types: ["Egress"], egress: [{ action: "Allow" }] },
      },
    ],
  },
  {
    name: "a global deny of TCP 23 added",
    upsert: [
      {
        kind: "GlobalNetworkPolicy",
        metadata: { name: "deny-telnet" },
        spec: {
          order: 1,
          selector: "all()",
          types: ["Ingress"],
          ingress: [{ action: "Deny", protocol: "TCP", destination: { ports: [23] } }],
        },
      },
    ],
  },
];

/** CPU ms since `u0`. */
function cpuSince(u0: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(u0);
  return (u.user + u.system) / 1000;
}

/** The diff, driven step by step; undefined when it used more than `CAP_MS` of CPU (so the bench stops by itself). */
function diffOf(idx: MatchIndex, upsert: readonly PolicyLike[]): ConnectivityDiff | undefined {
  const keys = upsert.map(policyKey);
  const live = new Map(namespaced.map((p) => [policyKey(p), p]));
  const steps = connectivityDiffSteps({
    before: (fn) => fn({ index: idx, options: {} }),
    after: (fn) => {
      for (const p of upsert) idx.upsertPolicy(p);
      try {
        return fn({ index: idx, options: {} });
      } finally {
        for (const key of keys) {
          const was = live.get(key);
          if (was === undefined) idx.removePolicy(key);
          else idx.upsertPolicy(was);
        }
      }
    },
    policies: keys,
    endpoints: [],
  });
  const u0 = process.cpuUsage();
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    if (cpuSince(u0) > CAP_MS) return undefined;
  }
}

const out: WhatIfFigures[] = [];
for (const change of CHANGES.filter((c) => c.name.includes(only))) {
  const idx = indexCluster(cluster);
  let u0 = process.cpuUsage();
  const diff = diffOf(idx, change.upsert);
  const cold = cpuSince(u0);
  u0 = process.cpuUsage();
  if (diff !== undefined) diffOf(idx, change.upsert);
  const warm = diff === undefined ? undefined : cpuSince(u0);
  out.push({
    name: change.name,
    coldCpuMs: cold,
    ...(warm === undefined ? {} : { warmCpuMs: warm }),
    probes: diff?.probes ?? 0,
    rows: diff?.changes.length ?? 0,
    complete: diff?.complete ?? false,
    stopped: diff === undefined,
  });
  console.error(`${change.name}: cold ${cold.toFixed(0)} ms, warm ${warm?.toFixed(0)} ms CPU, ${diff?.probes} packets`);
}
const figures: WhatIfRun = { capMs: CAP_MS, changes: out };
console.log(JSON.stringify(figures));
