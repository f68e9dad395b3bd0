import { CALICO_NODE_SPEC_FIELDS, type CalicoNodeAnnotation, calicoNodeSpec } from "@palisade/calico";
import type { KubeObject } from "../api/object";
import { type CalicoStorage, calicoObject, calicoSideCrd } from "./calico-crds";

/**
 * Calico's own Node resource, as a cluster whose Calico datastore is etcd serves it (through the Calico API server):
 * only the address fields of its spec (libcalico-go's NodeSpec), served in the storage's group. Calico's CRD
 * manifests have no nodes CRD: on the Kubernetes datastore the Calico Node is a view over the Kubernetes Node's
 * annotations, which is why the demo serves this only when asked (`KubeSimOptions.calicoNodes`).
 */
export function calicoNodeCrd(storage: CalicoStorage): KubeObject {
  const str = { type: "string" };
  return calicoSideCrd(
    storage,
    { kind: "Node", plural: "nodes", singular: "node" },
    {
      properties: {
        bgp: { type: "object", properties: { ipv4Address: str, ipv6Address: str, ipv4IPIPTunnelAddr: str } },
        ipv4VXLANTunnelAddr: str,
        ipv6VXLANTunnelAddr: str,
      },
    },
  );
}

const ANNOTATIONS = new Set<string>(Object.keys(CALICO_NODE_SPEC_FIELDS));

/**
 * A scenario as on an etcd datastore: each Kubernetes Node's Calico address annotations move to a Calico Node of the
 * same name (the fields K8sNodeToCalico would fill from them), so the addresses stay the scenario's.
 */
export function withCalicoNodes(objects: readonly KubeObject[], storage: CalicoStorage): KubeObject[] {
  return objects.flatMap((obj) => {
    if (obj.apiVersion !== "v1" || obj.kind !== "Node") return [obj];
    const all = obj.metadata.annotations ?? {};
    const calico = Object.entries(all).filter(([key]) => ANNOTATIONS.has(key));
    if (calico.length === 0) return [obj];
    const rest = Object.fromEntries(Object.entries(all).filter(([key]) => !ANNOTATIONS.has(key)));
    const values = Object.fromEntries(calico) as Partial<Record<CalicoNodeAnnotation, string>>;
    const name = obj.metadata.name ?? "";
    return [
      { ...obj, metadata: { ...obj.metadata, annotations: rest } },
      calicoObject(storage, "Node", name, calicoNodeSpec(values)),
    ];
  });
}
