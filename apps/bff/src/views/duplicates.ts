import type { DuplicateList, DuplicateName, ResourceRef } from "@palisade/contract";
import type { Cluster } from "../clusters/cluster";
import { editable, sameContent, toYaml } from "../documents/render";
import { MODELLED_TYPES } from "../kube/resources";

/**
 * Names held by more than one stored object (classic storage, docs/calico-semantics.md section 3): `x` stored by a
 * client that does not prefix (Calico v3.32, older Palisade) beside `default.x` stored by calicoctl up to v3.31.
 * Calico's reader gives both the same name and Felix enforces both; every tool shows and edits only one.
 */
export function duplicateNames(cluster: Cluster): DuplicateList {
  const items: DuplicateName[] = [];
  for (const type of MODELLED_TYPES.filter((t) => t.group === "calico")) {
    for (const copies of cluster.duplicates(type.resource)) {
      const first = copies[0]?.user;
      if (first === undefined) continue;
      const { name, namespace } = first.metadata;
      const ref = { kind: type.resource, name, ...(namespace === undefined ? {} : { namespace }) } as ResourceRef;
      const addressed = cluster.storageName(type, namespace, name);
      const differ = copies.some((c) => !sameContent(c.user, first));
      const storedNames = copies.map((c) => c.stored.metadata.name);
      items.push({
        ref,
        copies: copies.map((c) => ({
          storedName: c.stored.metadata.name,
          resourceVersion: c.stored.metadata.resourceVersion ?? "",
          creationTimestamp:
            typeof c.user.metadata.creationTimestamp === "string" ? c.user.metadata.creationTimestamp : null,
          addressed: c.stored.metadata.name === addressed,
          yaml: toYaml(editable(c.user)),
        })),
        differ,
        explanation: `${type.kind} ${name} is stored ${copies.length} times (${storedNames.join(", ")}): Calico reads each as ${name} and enforces all of them${differ ? ", and they differ" : ""}. calicoctl and Palisade show and change only ${addressed}. Keep one: delete the others.`,
      });
    }
  }
  return { items };
}
