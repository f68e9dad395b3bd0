import type { ExplainDnat } from "@palisade/contract";

const VIA: Record<ExplainDnat["via"], string> = {
  NodePort: "NodePort",
  LoadBalancer: "LoadBalancer",
  ExternalIP: "External IP",
};

/** `ip:port`, bracketing IPv6 addresses. */
export function hostPort(ip: string, port: number): string {
  return ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/**
 * kube-proxy's translation in one line, e.g. `NodePort 198.51.100.14:31380 of default/nginx → pod
 * default/nginx-5d9c8f6b7c-4xkzq 172.30.10.17:80`; without a ready pod, says the packet goes nowhere.
 */
export function dnatLine(dnat: ExplainDnat): string {
  const from = `${VIA[dnat.via]} ${hostPort(dnat.from.ip, dnat.from.port)} of ${dnat.service}`;
  return dnat.to === undefined
    ? `${from} → no ready pod`
    : `${from} → pod ${dnat.to.pod} ${hostPort(dnat.to.ip, dnat.to.port)}`;
}
