import type { ExplainDnat } from "@palisade/contract";
import { describe, expect, it } from "vitest";
import { dnatLine, hostPort } from "./dnat";

const dnat = (via: ExplainDnat["via"], from: string, port: number, to?: ExplainDnat["to"]): ExplainDnat => ({
  service: "default/nginx",
  via,
  from: { ip: from, port },
  ...(to === undefined ? {} : { to }),
  message: "",
});

describe("dnatLine", () => {
  it("names the NodePort, the Service and the pod kube-proxy translates to", () => {
    expect(
      dnatLine(
        dnat("NodePort", "198.51.100.14", 31380, {
          ip: "172.30.10.17",
          port: 80,
          pod: "default/nginx-5d9c8f6b7c-4xkzq",
        }),
      ),
    ).toBe("NodePort 198.51.100.14:31380 of default/nginx → pod default/nginx-5d9c8f6b7c-4xkzq 172.30.10.17:80");
  });

  it("words external IPs, brackets IPv6 and says when no pod is ready", () => {
    expect(dnatLine(dnat("ExternalIP", "2001:db8::7", 443))).toBe(
      "External IP [2001:db8::7]:443 of default/nginx → no ready pod",
    );
    expect(dnatLine(dnat("LoadBalancer", "198.51.100.50", 80, { ip: "fd00::9", port: 8080, pod: "default/n-1" }))).toBe(
      "LoadBalancer 198.51.100.50:80 of default/nginx → pod default/n-1 [fd00::9]:8080",
    );
  });

  it("leaves IPv4 unbracketed", () => {
    expect(hostPort("10.0.0.1", 53)).toBe("10.0.0.1:53");
  });
});
