import { KubeConfig } from "@kubernetes/client-node";
import { startKubeSim } from "@palisade/kube-sim";

export interface ClusterConnection {
  /** A human-readable origin: the kubeconfig context, or "demo". */
  readonly name: string;
  readonly kubeConfig: KubeConfig;
  close(): Promise<void>;
}

/**
 * Connects as any Kubernetes client would: an explicit kubeconfig, the in-cluster service account, or (with
 * neither) the embedded demo cluster, which is reached over HTTPS like any other.
 */
export async function connectCluster(kubeconfigPath: string | undefined): Promise<ClusterConnection> {
  const kc = new KubeConfig();
  if (kubeconfigPath !== undefined) {
    kc.loadFromFile(kubeconfigPath);
    return { name: kc.getCurrentContext(), kubeConfig: kc, close: async () => {} };
  }
  if (process.env.KUBERNETES_SERVICE_HOST !== undefined) {
    kc.loadFromCluster();
    return { name: "in-cluster", kubeConfig: kc, close: async () => {} };
  }
  const sim = await startKubeSim({ scenario: "ibm-classic" });
  kc.loadFromString(sim.kubeconfig);
  return { name: "demo", kubeConfig: kc, close: () => sim.close() };
}
