/**
 * The demo cluster (kube-sim, `large` scenario: `@palisade/calico`'s `generateCluster` asked for `2 × nodes + pods`
 * endpoints and `policies` policies) in its own process, sized by its flags, with a kubeconfig holding only the admin
 * context: the BFF opens every context of a kubeconfig, and one cluster is what is measured.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import type { LargeScenarioSize } from "@palisade/kube-sim";
import { type Child, spawnTs } from "./processes";

export interface RunningSim {
  readonly child: Child;
  /** Path of a kubeconfig with the single context `kube-sim-admin`. */
  readonly kubeconfig: string;
  /** Stops kube-sim and removes the kubeconfigs. */
  stop(): Promise<void>;
}

export async function startLargeSim(size: LargeScenarioSize): Promise<RunningSim> {
  const dir = mkdtempSync(join(tmpdir(), "palisade-bench-"));
  const full = join(dir, "kubeconfig-all");
  const child = spawnTs("packages/kube-sim/src/cli.ts", [
    "--scenario",
    "large",
    "--nodes",
    String(size.nodes),
    "--policies",
    String(size.policies),
    "--pods",
    String(size.pods),
    ...(size.profile === undefined ? [] : ["--profile", size.profile]),
    "--kubeconfig",
    full,
  ]);
  try {
    await child.waitForLine((l) => l.startsWith("kubeconfig:"), 300_000);
  } catch (err) {
    await child.stop();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const all = new KubeConfig();
  all.loadFromFile(full);
  const context = all.getContextObject("kube-sim-admin");
  if (context === null) throw new Error("kube-sim's kubeconfig has no kube-sim-admin context");
  const one = new KubeConfig();
  one.loadFromOptions({
    clusters: all.clusters.filter((c) => c.name === context.cluster),
    users: all.users.filter((u) => u.name === context.user),
    contexts: [context],
    currentContext: context.name,
  });
  const kubeconfig = join(dir, "kubeconfig");
  writeFileSync(kubeconfig, one.exportConfig(), { mode: 0o600 });
  return {
    child,
    kubeconfig,
    stop: async () => {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
