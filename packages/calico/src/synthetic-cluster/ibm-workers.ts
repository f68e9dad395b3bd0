import type { GeneratedCluster } from "./generate-cluster";

/** IBM classic workers: a private (eth0) and a public (eth1) host endpoint each (docs/ibm-classic-defaults.md). */
export function ibmWorkers(count: number): { hostEndpoints: GeneratedCluster["hostEndpoints"]; workerNames: string[] } {
  const hostEndpoints: GeneratedCluster["hostEndpoints"] = [];
  const workerNames: string[] = [];
  for (let w = 0; w < count; w++) {
    const node = `10.176.${48 + (w >> 8)}.${w & 255}`;
    workerNames.push(node);
    const zone = `dal1${w % 3}`;
    for (const [role, iface, ip] of [
      ["worker_private", "eth0", node],
      ["worker_public", "eth1", `169.60.${w >> 8}.${w & 255}`],
    ] as const) {
      hostEndpoints.push({
        apiVersion: "projectcalico.org/v3",
        kind: "HostEndpoint",
        metadata: { name: `${node}-${iface}`, labels: { "ibm.role": role, "ibm.zone": zone, node } },
        spec: { node, interfaceName: iface, expectedIPs: [ip] },
      });
    }
  }
  return { hostEndpoints, workerNames };
}
