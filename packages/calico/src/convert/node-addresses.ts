/**
 * The addresses Calico keeps for each node, and the two places it keeps them. In the Kubernetes datastore calico/node
 * writes them as annotations on the Kubernetes Node, and Calico's own Node (`projectcalico.org/v3` Node) is a view
 * over them: libcalico-go's KDD node conversion (lib/backend/k8s/resources/node.go K8sNodeToCalico) fills the spec
 * fields below from the annotations. In an etcd datastore (or wherever calicoctl manages nodes) only the Calico Node
 * holds them. Felix's route resolver reads the spec fields (felix/calc/l3_route_resolver.go OnResourceUpdate).
 */

/** The tunnel devices' address annotations: a node has one when an IPPool uses IPIP or VXLAN. */
export const CALICO_TUNNEL_ANNOTATIONS = {
  IPIP: "projectcalico.org/IPv4IPIPTunnelAddr",
  VXLAN: "projectcalico.org/IPv4VXLANTunnelAddr",
  /** IPv6 pools encapsulate only by VXLAN (IPIP is IPv4 only). */
  "IPv6 VXLAN": "projectcalico.org/IPv6VXLANTunnelAddr",
} as const;

/**
 * The node's own address with its subnet's prefix (`10.176.48.106/26`): whether an IPPool's CrossSubnet mode
 * encapsulates a route.
 */
export const CALICO_NODE_ADDRESS_ANNOTATION = "projectcalico.org/IPv4Address";
/** The same for IPv6, which decides CrossSubnet for IPv6 pools. */
export const CALICO_NODE_ADDRESS_V6_ANNOTATION = "projectcalico.org/IPv6Address";

/** A Kubernetes Node annotation Calico keeps a node's address or tunnel address in. */
export type CalicoNodeAnnotation =
  | (typeof CALICO_TUNNEL_ANNOTATIONS)[keyof typeof CALICO_TUNNEL_ANNOTATIONS]
  | typeof CALICO_NODE_ADDRESS_ANNOTATION
  | typeof CALICO_NODE_ADDRESS_V6_ANNOTATION;

/** Where a Calico Node's spec holds what each annotation holds (K8sNodeToCalico). */
export const CALICO_NODE_SPEC_FIELDS: Readonly<
  Record<CalicoNodeAnnotation, readonly [string] | readonly [string, string]>
> = {
  [CALICO_NODE_ADDRESS_ANNOTATION]: ["bgp", "ipv4Address"],
  [CALICO_NODE_ADDRESS_V6_ANNOTATION]: ["bgp", "ipv6Address"],
  [CALICO_TUNNEL_ANNOTATIONS.IPIP]: ["bgp", "ipv4IPIPTunnelAddr"],
  [CALICO_TUNNEL_ANNOTATIONS.VXLAN]: ["ipv4VXLANTunnelAddr"],
  [CALICO_TUNNEL_ANNOTATIONS["IPv6 VXLAN"]]: ["ipv6VXLANTunnelAddr"],
};

/** The value a Calico Node's spec holds at a path of `CALICO_NODE_SPEC_FIELDS`, when it is a non-empty string. */
export function calicoNodeField(spec: unknown, path: readonly string[]): string | undefined {
  let value = spec;
  for (const key of path) value = typeof value === "object" && value !== null ? Reflect.get(value, key) : undefined;
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** A Calico Node spec holding `values` (by annotation) in their fields, as K8sNodeToCalico builds it. */
export function calicoNodeSpec(values: Partial<Record<CalicoNodeAnnotation, string>>): Record<string, unknown> {
  const spec: Record<string, unknown> = {};
  for (const [annotation, path] of Object.entries(CALICO_NODE_SPEC_FIELDS)) {
    const value = values[annotation as CalicoNodeAnnotation];
    if (value === undefined || value === "") continue;
    const [outer, inner] = path;
    const nested = spec[outer];
    spec[outer] =
      inner === undefined
        ? value
        : { ...(typeof nested === "object" && nested !== null ? nested : {}), [inner]: value };
  }
  return spec;
}
