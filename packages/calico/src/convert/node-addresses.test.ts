import { describe, expect, it } from "vitest";
import { CALICO_NODE_SPEC_FIELDS, calicoNodeField, calicoNodeSpec } from "./node-addresses";

// libcalico-go lib/backend/k8s/resources/node.go K8sNodeToCalico: each annotation fills one Calico Node spec field.
describe("Calico Node address fields", () => {
  it("builds the spec K8sNodeToCalico builds from the annotations, and reads each field back", () => {
    const values = {
      "projectcalico.org/IPv4Address": "10.0.0.1/26",
      "projectcalico.org/IPv6Address": "fd00::1/64",
      "projectcalico.org/IPv4IPIPTunnelAddr": "172.30.0.0",
      "projectcalico.org/IPv4VXLANTunnelAddr": "172.30.0.1",
      "projectcalico.org/IPv6VXLANTunnelAddr": "fd00:10::1",
    } as const;
    const spec = calicoNodeSpec(values);
    expect(spec).toEqual({
      bgp: { ipv4Address: "10.0.0.1/26", ipv6Address: "fd00::1/64", ipv4IPIPTunnelAddr: "172.30.0.0" },
      ipv4VXLANTunnelAddr: "172.30.0.1",
      ipv6VXLANTunnelAddr: "fd00:10::1",
    });
    for (const [annotation, path] of Object.entries(CALICO_NODE_SPEC_FIELDS)) {
      expect(calicoNodeField(spec, path)).toBe(values[annotation as keyof typeof values]);
    }
  });

  it("reads an empty or non-string field as absent, and leaves empty values out", () => {
    expect(calicoNodeField({ bgp: { ipv4Address: "" } }, ["bgp", "ipv4Address"])).toBeUndefined();
    expect(calicoNodeField({ bgp: "x" }, ["bgp", "ipv4Address"])).toBeUndefined();
    expect(calicoNodeField(undefined, ["ipv4VXLANTunnelAddr"])).toBeUndefined();
    expect(calicoNodeSpec({ "projectcalico.org/IPv4Address": "" })).toEqual({});
  });
});
