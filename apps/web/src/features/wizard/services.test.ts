import type { ServiceSummary } from "@palisade/contract";
import { describe, expect, it } from "vitest";
import { DEFAULT_ALLOWLIST } from "./params";
import { pickedService, serviceOptionLabel, withService } from "./services";

const NGINX: ServiceSummary = {
  namespace: "default",
  name: "nginx",
  type: "LoadBalancer",
  loadBalancerIPs: ["198.51.100.50"],
  externalIPs: [],
  ports: [{ name: "http", protocol: "TCP", port: 80, targetPort: 80, nodePort: 31380 }],
};

const MIXED: ServiceSummary = {
  namespace: "shop",
  name: "edge",
  type: "LoadBalancer",
  loadBalancerIPs: ["192.0.2.7"],
  externalIPs: ["192.0.2.8", "192.0.2.7"],
  ports: [
    { protocol: "UDP", port: 53 },
    { protocol: "TCP", port: 443 },
    { protocol: "UDP", port: 5353 },
  ],
};

describe("serviceOptionLabel", () => {
  it("shows the Service, its addresses and ports by protocol", () => {
    expect(serviceOptionLabel(NGINX)).toBe("default/nginx — 198.51.100.50 TCP 80");
    expect(serviceOptionLabel(MIXED)).toBe("shop/edge — 192.0.2.7, 192.0.2.8 UDP 53, 5353; TCP 443");
  });

  it("says when the load balancer has no address yet", () => {
    expect(serviceOptionLabel({ ...NGINX, loadBalancerIPs: [] })).toBe("default/nginx — no address yet TCP 80");
  });
});

describe("withService", () => {
  it("fills the destination IPs, the ports and the protocol, keeping the other fields", () => {
    const form = { ...DEFAULT_ALLOWLIST, sourceCidrs: "203.0.113.0/24", protocol: "UDP" as const };
    expect(withService(form, NGINX)).toEqual({
      ...form,
      destinationIps: "198.51.100.50",
      ports: "80",
      protocol: "TCP",
    });
  });

  it("takes the first port's protocol and only that protocol's ports", () => {
    const filled = withService(DEFAULT_ALLOWLIST, MIXED);
    expect(filled).toMatchObject({ destinationIps: "192.0.2.7, 192.0.2.8", ports: "53, 5353", protocol: "UDP" });
  });
});

describe("pickedService", () => {
  it("recognises a form filled from a Service until the user changes what it filled", () => {
    const filled = withService(DEFAULT_ALLOWLIST, NGINX);
    expect(pickedService(filled, [MIXED, NGINX])).toBe("default/nginx");
    expect(pickedService({ ...filled, ports: "80, 443" }, [MIXED, NGINX])).toBeUndefined();
    expect(pickedService(DEFAULT_ALLOWLIST, [MIXED, NGINX])).toBeUndefined();
  });
});
