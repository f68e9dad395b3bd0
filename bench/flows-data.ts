/**
 * Goldmane flows as a busy cluster reports them, for the flows benchmark: `keys` distinct flow keys (200 namespaces'
 * pods calling each other's Services, some denied by a tier's end, a few with a staged policy's pending hit), each
 * reported once per 15 s interval, newest last.
 */
import type { WireFlow, WirePolicyHit } from "@palisade/bff";

const hit = (over: Partial<WirePolicyHit>): WirePolicyHit => ({
  kind: "CalicoNetworkPolicy",
  namespace: "",
  name: "",
  tier: "default",
  action: "Allow",
  policy_index: 0,
  rule_index: 0,
  trigger: null,
  ...over,
});

export function wireFlows(count: number, keys: number, start = 1_800_000_000): WireFlow[] {
  const out: WireFlow[] = [];
  for (let i = 0; i < count; i++) {
    const k = i % keys;
    const interval = Math.floor(i / keys);
    const ns = `team-${k % 200}`;
    const peerNs = `team-${(k * 7) % 200}`;
    const denied = k % 5 === 0;
    const policy = `allow-${ns}-${k % 13}`;
    out.push({
      Key: {
        source_name: `client-${k % 97}-7f8b9c5d4-*`,
        source_namespace: peerNs,
        source_type: "WorkloadEndpoint",
        dest_name: `server-${k % 89}-6c4d8b7f9-*`,
        dest_namespace: ns,
        dest_type: "WorkloadEndpoint",
        dest_port: 8000 + (k % 50),
        dest_service_name: `server-${k % 89}`,
        dest_service_namespace: ns,
        dest_service_port_name: "http",
        dest_service_port: 80,
        proto: "TCP",
        reporter: k % 2 === 0 ? "Dst" : "Src",
        action: denied ? "Deny" : "Allow",
        policies: {
          enforced_policies: denied
            ? [
                hit({
                  kind: "EndOfTier",
                  name: policy,
                  namespace: ns,
                  action: "Deny",
                  rule_index: -1,
                  trigger: hit({ name: policy, namespace: ns, action: "ActionUnspecified" }),
                }),
              ]
            : [hit({ name: policy, namespace: ns, rule_index: k % 4 })],
          pending_policies:
            k % 17 === 0
              ? [
                  hit({
                    kind: "StagedNetworkPolicy",
                    name: `tighten-${ns}`,
                    namespace: ns,
                    action: "Deny",
                    rule_index: 1,
                  }),
                ]
              : [],
        },
      },
      start_time: start + interval * 15,
      end_time: start + interval * 15 + 15,
      source_labels: [`app=client-${k % 97}`, "tier=web"],
      dest_labels: [`app=server-${k % 89}`, "tier=api"],
      packets_in: 10 + (i % 90),
      packets_out: 12 + (i % 80),
      bytes_in: 4_000 + i,
      bytes_out: 2_000 + i,
      num_connections_started: 1 + (i % 5),
      num_connections_completed: i % 5,
      num_connections_live: 0,
    });
  }
  return out;
}
