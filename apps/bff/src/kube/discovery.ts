import type { CalicoStorage } from "@palisade/contract";
import { type KubeClient, KubeError } from "./http";
import { CACHED_TYPES, groupVersion, type ResourceType, resourcePath } from "./resources";

interface APIGroupList {
  groups?: { name: string; versions?: { groupVersion: string }[] }[];
}

interface APIResourceList {
  resources?: { name: string }[];
}

export interface Discovery {
  readonly storage: CalicoStorage;
  /**
   * The cached resource types this cluster serves (a missing Staged kind on an older Calico is simply absent), less
   * the optional ones the caller may not list.
   */
  readonly served: readonly ResourceType[];
}

/**
 * Decides the Calico storage mode as Calico's own client does (docs/calico-semantics.md section 3,
 * `libcalico-go/lib/backend/k8s/discovery.go`): `projectcalico.org/v3` only when the v3 group is served and the
 * classic `crd.projectcalico.org/v1` group is absent; otherwise the classic CRDs, which is also what calicoctl
 * writes when the Calico API server serves v3 on top of them.
 */
export function chooseStorage(groups: readonly string[]): CalicoStorage {
  if (groups.includes("crd.projectcalico.org")) return "v1";
  if (groups.includes("projectcalico.org")) return "v3";
  return "none";
}

export async function discover(client: KubeClient): Promise<Discovery> {
  const groups = await client.request<APIGroupList>("GET", "/apis");
  const storage = chooseStorage((groups.groups ?? []).map((g) => g.name));
  const servedByGv = new Map<string, Set<string>>();
  const gvs = new Set(
    CACHED_TYPES.filter((t) => t.group !== "calico" || storage !== "none").map((t) => groupVersion(t, storage)),
  );
  await Promise.all(
    [...gvs].map(async (gv) => {
      const path = gv === "v1" ? "/api/v1" : `/apis/${gv}`;
      try {
        const list = await client.request<APIResourceList>("GET", path);
        servedByGv.set(gv, new Set((list.resources ?? []).map((r) => r.name)));
      } catch (err) {
        // A group/version that is not served at all (404) just means none of its kinds are cached.
        if (!(err instanceof KubeError && err.statusCode === 404)) throw err;
        servedByGv.set(gv, new Set());
      }
    }),
  );
  const served = CACHED_TYPES.filter(
    (t) => (t.group !== "calico" || storage !== "none") && servedByGv.get(groupVersion(t, storage))?.has(t.plural),
  );
  const listable = await Promise.all(served.map((t) => (t.optional === true ? mayList(client, t, storage) : true)));
  return { storage, served: served.filter((_, i) => listable[i]) };
}

/** Whether the caller may list an optional type: refused (403) or gone since discovery (404) means not. */
async function mayList(client: KubeClient, type: ResourceType, storage: CalicoStorage): Promise<boolean> {
  try {
    await client.request("GET", resourcePath(type, storage), { query: { limit: 1 } });
    return true;
  } catch (err) {
    if (err instanceof KubeError && (err.statusCode === 403 || err.statusCode === 404)) return false;
    throw err;
  }
}
