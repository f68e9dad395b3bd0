import { KubeConfig } from "@kubernetes/client-node";
import { startKubeSim } from "@palisade/kube-sim";
import type { FlowsConfig } from "../flows/cluster-flows";
import { capYoungGeneration } from "../kube/young-generation";
import { Cluster } from "./cluster";

/** Every cluster Palisade serves, by name (the kubeconfig context, `in-cluster` or `demo`). */
export class ClusterRegistry {
  private readonly byName = new Map<string, Cluster>();

  constructor(
    clusters: readonly Cluster[],
    readonly defaultName: string,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {
    for (const c of clusters) this.byName.set(c.name, c);
  }

  list(): Cluster[] {
    return [...this.byName.values()];
  }

  get(name: string): Cluster | undefined {
    return this.byName.get(name);
  }

  get default(): Cluster | undefined {
    return this.byName.get(this.defaultName);
  }

  start(): void {
    capYoungGeneration();
    for (const c of this.byName.values()) c.start();
  }

  async close(): Promise<void> {
    for (const c of this.byName.values()) c.stop();
    await this.onClose();
  }
}

export interface ConnectOptions {
  /** Kubeconfig file(s): `--kubeconfig`, or KUBECONFIG (several paths joined by `:`). */
  readonly kubeconfig?: string | undefined;
  /** True inside a pod (KUBERNETES_SERVICE_HOST set): use the service account. */
  readonly inCluster?: boolean;
  /** Where each cluster's flows come from and how many are held (`--flows-config`). */
  readonly flows?: FlowsConfig | undefined;
}

/**
 * Opens clusters as any Kubernetes client would: every context of the given kubeconfig (its current context is the
 * default), the in-cluster service account, or, with neither, the embedded demo cluster (reached over HTTPS like any
 * other). A kubeconfig that cannot be read or parsed gives one cluster in `error` state with the reason, never a
 * crash; so does a context whose cluster or user is missing.
 */
export async function openClusters(options: ConnectOptions): Promise<ClusterRegistry> {
  const { flows } = options;
  if (options.kubeconfig !== undefined) return fromKubeconfig(options.kubeconfig, flows);
  if (options.inCluster === true) {
    const kc = new KubeConfig();
    try {
      kc.loadFromCluster();
    } catch (err) {
      return single(new Cluster(brokenOptions("in-cluster", "in-cluster", err)));
    }
    return single(new Cluster({ name: "in-cluster", source: "in-cluster", kubeConfig: kc, isDefault: true, flows }));
  }
  const sim = await startKubeSim({ scenario: "ibm-classic" });
  const kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig);
  return new ClusterRegistry(
    [new Cluster({ name: "demo", source: "demo", kubeConfig: kc, isDefault: true, flows })],
    "demo",
    () => sim.close(),
  );
}

function single(cluster: Cluster): ClusterRegistry {
  return new ClusterRegistry([cluster], cluster.name);
}

function brokenOptions(name: string, source: "kubeconfig" | "in-cluster", err: unknown) {
  const message = err instanceof Error ? err.message : String(err);
  return {
    name,
    source,
    kubeConfig: new KubeConfig(),
    isDefault: true,
    configError: `cannot load ${source === "kubeconfig" ? "the kubeconfig" : "the in-cluster configuration"}: ${message}`,
  } as const;
}

function fromKubeconfig(paths: string, flows: FlowsConfig | undefined): ClusterRegistry {
  const base = new KubeConfig();
  try {
    const files = paths.split(":").filter((p) => p !== "");
    if (files.length === 0) throw new Error("no kubeconfig path given");
    for (const [i, file] of files.entries()) {
      if (i === 0) base.loadFromFile(file);
      else {
        const more = new KubeConfig();
        more.loadFromFile(file);
        base.mergeConfig(more, true);
      }
    }
    if (base.getContexts().length === 0) throw new Error(`${paths} defines no contexts`);
  } catch (err) {
    return single(new Cluster(brokenOptions("kubeconfig", "kubeconfig", err)));
  }
  const current = base.getCurrentContext();
  const defaultName = base.getContextObject(current) === null ? (base.getContexts()[0]?.name ?? "") : current;
  const clusters = base.getContexts().map((ctx) => {
    const kc = new KubeConfig();
    let configError: string | undefined;
    try {
      kc.loadFromOptions({
        clusters: base.getClusters(),
        users: base.getUsers(),
        contexts: base.getContexts(),
        currentContext: ctx.name,
      });
      if (kc.getCurrentCluster() === null)
        configError = `context ${ctx.name} names cluster "${ctx.cluster}", which the kubeconfig does not define`;
      else if (ctx.user !== undefined && ctx.user !== "" && kc.getCurrentUser() === null) {
        configError = `context ${ctx.name} names user "${ctx.user}", which the kubeconfig does not define`;
      }
    } catch (err) {
      configError = `context ${ctx.name}: ${(err as Error).message}`;
    }
    return new Cluster({
      name: ctx.name,
      source: "kubeconfig",
      kubeConfig: kc,
      isDefault: ctx.name === defaultName,
      flows,
      ...(configError === undefined ? {} : { configError }),
    });
  });
  return new ClusterRegistry(clusters, defaultName);
}
