import type { KubernetesObjectApi } from "@kubernetes/client-node";
import type { Manifest } from "./manifests";

/**
 * What `kubectl apply --dry-run=server` does for one object: a dry-run create, or, for an object the cluster already
 * has (the history CRD every test control plane installs), a dry-run replace of the live version. Either way the
 * API server's validation and admission run and nothing is stored.
 */
export async function dryRunApply(client: KubernetesObjectApi, m: Manifest): Promise<{ name?: string }> {
  try {
    return (await client.create(m, undefined, "All")).metadata ?? {};
  } catch (err) {
    if ((err as { code?: number }).code !== 409) throw err;
    const live = await client.read({ apiVersion: m.apiVersion, kind: m.kind, metadata: m.metadata });
    const next = { ...m, metadata: { ...m.metadata, resourceVersion: live.metadata?.resourceVersion } };
    return (await client.replace(next, undefined, "All")).metadata ?? {};
  }
}
