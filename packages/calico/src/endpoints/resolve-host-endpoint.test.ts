import { describe, expect, it } from "vitest";
import { type Endpoint, hostEndpoint } from "./endpoint";
import { allInterfacesHostEndpoints, resolveHostEndpoint } from "./resolve-host-endpoint";

const hep = (name: string, spec: { node?: string; interfaceName?: string; expectedIPs?: string[] }): Endpoint =>
  hostEndpoint({ metadata: { name }, spec: { node: "w1", ...spec } });

describe("resolveHostEndpoint (docs/calico-semantics.md section 4)", () => {
  const eth1 = { node: "w1", name: "eth1", ips: ["169.60.1.10"] };

  it("prefers an exact interface name over an address match", () => {
    const eps = [hep("by-ip", { expectedIPs: ["169.60.1.10"] }), hep("by-name", { interfaceName: "eth1" })];
    expect(resolveHostEndpoint(eps, eth1)?.name).toBe("by-name");
  });

  it("never matches by address an endpoint that names another interface", () => {
    const eps = [hep("other", { interfaceName: "eth0", expectedIPs: ["169.60.1.10"] })];
    expect(resolveHostEndpoint(eps, eth1)).toBeUndefined();
  });

  it("picks the alphabetically first of several address matches, on the same node only", () => {
    const eps = [
      hep("b", { expectedIPs: ["169.60.1.10"] }),
      hep("a", { expectedIPs: ["10.0.0.1", "169.60.1.10"] }),
      hep("0-elsewhere", { node: "w2", expectedIPs: ["169.60.1.10"] }),
    ];
    expect(resolveHostEndpoint(eps, eth1)?.name).toBe("a");
  });

  it("resolves wildcard endpoints separately", () => {
    const eps = [hep("star", { interfaceName: "*" })];
    expect(resolveHostEndpoint(eps, eth1)).toBeUndefined();
    expect(allInterfacesHostEndpoints(eps, "w1").map((e) => e.name)).toEqual(["star"]);
  });
});
