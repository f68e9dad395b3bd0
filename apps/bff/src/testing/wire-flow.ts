import type { WireFlow, WirePolicyHit } from "../flows/goldmane";

/** A Goldmane `PolicyHit` as on the wire: GlobalNetworkPolicy allow-web's first rule allowing, unless overridden. */
export const wireHit = (over: Partial<WirePolicyHit>): WirePolicyHit => ({
  kind: "GlobalNetworkPolicy",
  namespace: "",
  name: "allow-web",
  tier: "default",
  action: "Allow",
  policy_index: 0,
  rule_index: 0,
  trigger: null,
  ...over,
});

/** A Goldmane flow between pods of namespace shop as on the wire, as Felix reports it at the destination. */
export function wireFlow(over: {
  source: string;
  dest: string;
  port: number;
  action: "Allow" | "Deny";
  enforced: WirePolicyHit[];
  pending?: WirePolicyHit[];
  packets: number;
  /** Default: now. */
  start?: number;
  /** Seconds from start to end; default 1. */
  width?: number;
}): WireFlow {
  const start = over.start ?? Math.floor(Date.now() / 1000);
  return {
    Key: {
      source_name: over.source,
      source_namespace: "shop",
      source_type: "WorkloadEndpoint",
      dest_name: over.dest,
      dest_namespace: "shop",
      dest_type: "WorkloadEndpoint",
      dest_port: over.port,
      dest_service_name: "",
      dest_service_namespace: "",
      dest_service_port_name: "",
      dest_service_port: 0,
      proto: "TCP",
      reporter: "Dst",
      action: over.action,
      policies: { enforced_policies: over.enforced, pending_policies: over.pending ?? [] },
    },
    start_time: start,
    end_time: start + (over.width ?? 1),
    source_labels: ["app=client"],
    dest_labels: ["app=web"],
    packets_in: over.packets,
    packets_out: over.packets,
    bytes_in: over.packets * 100,
    bytes_out: over.packets * 100,
    num_connections_started: 1,
    num_connections_completed: 1,
    num_connections_live: 0,
  };
}
