import { CALICO_NODE_SPEC_FIELDS, type CalicoNodeAnnotation, calicoNodeField } from "@palisade/calico";
import type { Cluster } from "../clusters/cluster";
import type { KubeObject } from "../kube/resources";

/** A node's address as Calico records it, and where it was read. */
export interface NodeRecord {
  readonly value: string;
  /** `its Node's projectcalico.org/IPv4IPIPTunnelAddr annotation` or `its Calico Node's spec.bgp.ipv4IPIPTunnelAddr`. */
  readonly source: string;
  readonly fromCalicoNode: boolean;
}

/**
 * The addresses Calico keeps for each node (its address with its subnet, its tunnel devices' addresses): from the
 * Kubernetes Node's annotation, where calico/node writes them in the Kubernetes datastore, else from Calico's own
 * Node resource, where they live in an etcd datastore (or wherever calicoctl manages them). On a Kubernetes datastore
 * the Calico Node is a view over the annotations (libcalico-go lib/backend/k8s/resources/node.go), so the two agree.
 */
export class NodeRecords {
  private readonly nodes: ReadonlyMap<string, KubeObject>;
  private readonly calicoNodes: ReadonlyMap<string, KubeObject>;
  /** Whether this cluster lets Palisade read Calico Node resources (served, and listable). */
  readonly calicoNodesRead: boolean;

  constructor(cluster: Pick<Cluster, "objects" | "servedType">) {
    this.nodes = new Map(cluster.objects("Node").map((n) => [n.metadata.name, n]));
    this.calicoNodes = new Map(cluster.objects("CalicoNode").map((n) => [n.metadata.name, n]));
    this.calicoNodesRead = cluster.servedType("CalicoNode") !== undefined;
  }

  /** The Kubernetes Node of that name. */
  node(name: string): KubeObject | undefined {
    return this.nodes.get(name);
  }

  /** What node `name` records under `annotation`: the annotation's value, else its Calico Node's field. */
  get(name: string, annotation: CalicoNodeAnnotation): NodeRecord | undefined {
    const annotated = this.nodes.get(name)?.metadata.annotations?.[annotation];
    if (annotated !== undefined && annotated !== "") {
      return { value: annotated, source: `its Node's ${annotation} annotation`, fromCalicoNode: false };
    }
    const calico = this.calicoNodes.get(name);
    const path = CALICO_NODE_SPEC_FIELDS[annotation];
    const value = calico === undefined ? undefined : calicoNodeField(calico.spec, path);
    return value === undefined
      ? undefined
      : { value, source: `its Calico Node's spec.${path.join(".")}`, fromCalicoNode: true };
  }

  /** Says that neither place holds an address: `its Node does not record` (or `… nor its Calico Node`). */
  get unrecorded(): string {
    return this.calicoNodesRead ? "neither its Node nor its Calico Node records" : "its Node does not record";
  }
}
