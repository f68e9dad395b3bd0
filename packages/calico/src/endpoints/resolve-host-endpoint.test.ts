import { describe, expect, it } from "vitest";
import { type Endpoint, hostEndpoint } from "./endpoint";
import { allInterfacesHostEndpoints, hostEndpointOwner } from "./resolve-host-endpoint";

const hep = (name: string, spec: { node?: string; interfaceName?: string; expectedIPs?: string[] }): Endpoint =>
  hostEndpoint({ metadata: { name }, spec: { node: "w1", ...spec } });

describe("hostEndpointOwner (docs/calico-semantics.md section 4; felix endpoint_mgr.go resolveHostEndpoints)", () => {
  const eth1 = { node: "w1", name: "eth1", ips: ["169.60.1.10"] };
  const owner = (eps: Endpoint[], iface = eth1) => hostEndpointOwner(eps, iface).owner?.name;

  it("matches by interface name or by address, the alphabetically first id winning either way", () => {
    // resolveHostEndpoints: "Given multiple matching HostEndpoint resources, the one that wins is the one with the
    // alphabetically earliest HostEndpointId"; a name match has no priority of its own.
    const eps = [hep("by-ip", { expectedIPs: ["169.60.1.10"] }), hep("by-name", { interfaceName: "eth1" })];
    expect(owner(eps)).toBe("by-ip");
    expect(owner([hep("a-name", { interfaceName: "eth1" }), ...eps])).toBe("a-name");
  });

  it("never matches by address an endpoint that names another interface", () => {
    expect(owner([hep("other", { interfaceName: "eth0", expectedIPs: ["169.60.1.10"] })])).toBeUndefined();
  });

  it("picks the alphabetically first of several address matches, on the same node only", () => {
    const eps = [
      hep("b", { expectedIPs: ["169.60.1.10"] }),
      hep("a", { expectedIPs: ["10.0.0.1", "169.60.1.10"] }),
      hep("0-elsewhere", { node: "w2", expectedIPs: ["169.60.1.10"] }),
    ];
    expect(owner(eps)).toBe("a");
  });

  it("with the interface's addresses unknown, every endpoint without a name before the owner might own it", () => {
    const eps = [
      hep("a", { expectedIPs: ["172.30.0.1"] }),
      hep("b-tunl0", { interfaceName: "tunl0" }),
      hep("c", { expectedIPs: ["172.30.0.2"] }),
    ];
    const r = hostEndpointOwner(eps, { node: "w1", name: "tunl0", ips: undefined });
    expect(r.owner?.name).toBe("b-tunl0");
    expect(r.possible.map((e) => e.name)).toEqual(["a"]);
  });

  it("resolves wildcard endpoints separately", () => {
    const eps = [hep("star", { interfaceName: "*" })];
    expect(owner(eps)).toBeUndefined();
    expect(allInterfacesHostEndpoints(eps, "w1").map((e) => e.name)).toEqual(["star"]);
  });
});
