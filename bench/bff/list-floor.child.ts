/**
 * Child process: the floor under the BFF's cold start. Lists every collection the BFF caches (same paths, pages of
 * 500, all collections at once as the informers do) and prints one JSON line with the times:
 * - `typedMs`: through client-node's generated APIs (CoreV1Api, NetworkingV1Api, CustomObjectsApi);
 * - `rawMs`: through the BFF's own transport (client-node's KubeConfig for TLS and credentials, JSON bodies, no
 *   model classes), i.e. the list alone without the BFF's caches and match index.
 * A first, untimed list warms the server, so both timed lists meet the same server state.
 * Usage: list-floor.child.ts KUBECONFIG
 */
import { CoreV1Api, CustomObjectsApi, KubeConfig, NetworkingV1Api } from "@kubernetes/client-node";
import { CACHED_TYPES, KubeClient, type ResourceType, resourcePath } from "@palisade/bff";

const PAGE = 500;
const file = process.argv[2];
if (file === undefined) throw new Error("usage: list-floor.child.ts KUBECONFIG");
const kc = new KubeConfig();
kc.loadFromFile(file);
const server = kc.getCurrentCluster()?.server;
if (server === undefined) throw new Error(`${file} names no server`);

interface Page {
  readonly items?: readonly unknown[];
  readonly metadata?: { readonly _continue?: string; readonly continue?: string };
}

async function paged(fetchPage: (cont: string | undefined) => Promise<Page>): Promise<number> {
  let count = 0;
  let cont: string | undefined;
  do {
    const page = await fetchPage(cont);
    count += page.items?.length ?? 0;
    cont = page.metadata?._continue || page.metadata?.continue || undefined;
  } while (cont !== undefined);
  return count;
}

const raw = new KubeClient(kc, server);
const rawList = (t: ResourceType) =>
  paged((cont) => raw.request<Page>("GET", resourcePath(t, "v3"), { query: { limit: PAGE, continue: cont } }));

const core = kc.makeApiClient(CoreV1Api);
const networking = kc.makeApiClient(NetworkingV1Api);
const custom = kc.makeApiClient(CustomObjectsApi);
function typedList(t: ResourceType): Promise<number> {
  const q = (cont: string | undefined) => ({ limit: PAGE, ...(cont === undefined ? {} : { _continue: cont }) });
  if (t.group === "calico") {
    return paged(
      (cont) =>
        custom.listClusterCustomObject({
          group: "projectcalico.org",
          version: "v3",
          plural: t.plural,
          ...q(cont),
        }) as Promise<Page>,
    );
  }
  if (t.group === "kubernetes" && t.apiVersion === "networking.k8s.io/v1") {
    return paged((cont) => networking.listNetworkPolicyForAllNamespaces(q(cont)));
  }
  if (t.group === "kubernetes") {
    const [group = "", version = ""] = (t.apiVersion ?? "").split("/");
    return paged(
      (cont) => custom.listClusterCustomObject({ group, version, plural: t.plural, ...q(cont) }) as Promise<Page>,
    );
  }
  switch (t.plural) {
    case "namespaces":
      return paged((cont) => core.listNamespace(q(cont)));
    case "nodes":
      return paged((cont) => core.listNode(q(cont)));
    case "pods":
      return paged((cont) => core.listPodForAllNamespaces(q(cont)));
    case "serviceaccounts":
      return paged((cont) => core.listServiceAccountForAllNamespaces(q(cont)));
    case "services":
      return paged((cont) => core.listServiceForAllNamespaces(q(cont)));
    default:
      throw new Error(`no typed list for ${t.plural}`);
  }
}

async function timeAll(list: (t: ResourceType) => Promise<number>): Promise<{ ms: number; objects: number }> {
  const t0 = performance.now();
  // Optional types (Calico Nodes) are listed only where served, which the demo cluster does not.
  const counts = await Promise.all(CACHED_TYPES.filter((t) => t.optional !== true).map(list));
  return { ms: performance.now() - t0, objects: counts.reduce((a, b) => a + b, 0) };
}

await timeAll(rawList);
const typed = await timeAll(typedList);
const bare = await timeAll(rawList);
console.log(JSON.stringify({ typedMs: typed.ms, rawMs: bare.ms, objects: bare.objects, typedObjects: typed.objects }));
