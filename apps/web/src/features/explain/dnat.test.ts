import { describe, expect, it } from "vitest";
import { dnatLine, hostPort } from "./dnat";

describe("dnatLine", () => {
  it("names the NodePort, the Service and the pod kube-proxy translates to", () => {
    expect(
      dnatLine({
        service: "default/nginx",
        via: "NodePort",
        from: { ip: "198.51.100.14", port: 31380 },
        to: { ip: "172.30.10.17", port: 80, pod: "default/nginx-5d9c8f6b7c-4xkzq" },
        message: "",
      }),
    ).toBe("NodePort 198.51.100.14:31380 of default/nginx → pod default/nginx-5d9c8f6b7c-4xkzq 172.30.10.17:80");
  });

  it("words external IPs, brackets IPv6 and says when no pod is ready", () => {
    expect(
      dnatLine({ service: "shop/edge", via: "ExternalIP", from: { ip: "2001:db8::7", port: 443 }, message: "" }),
    ).toBe("External IP [2001:db8::7]:443 of shop/edge → no ready pod");
    expect(
      dnatLine({
        service: "default/nginx",
        via: "LoadBalancer",
        from: { ip: "198.51.100.50", port: 80 },
        to: { ip: "fd00::9", port: 8080, pod: "default/nginx-1" },
        message: "",
      }),
    ).toBe("LoadBalancer 198.51.100.50:80 of default/nginx → pod default/nginx-1 [fd00::9]:8080");
  });

  it("leaves IPv4 unbracketed", () => {
    expect(hostPort("10.0.0.1", 53)).toBe("10.0.0.1:53");
  });
});
