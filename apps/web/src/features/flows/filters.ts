import type {
  ExplainRequest,
  Flow,
  FlowAction,
  FlowEndpoint,
  FlowPolicyHit,
  FlowQuery,
  FlowRow,
} from "@palisade/contract";
import { ruleLabel } from "../../shared/hits";

/** The Flows view's filters as held in the URL: `range` is `live` or a look-back in minutes. */
export interface FlowFilters {
  readonly range: "live" | "5" | "15" | "60" | "all";
  readonly endpoint: string;
  readonly namespace: string;
  readonly policy: string;
  readonly action: "" | FlowAction;
  readonly port: string;
}

export const RANGES: readonly { value: FlowFilters["range"]; label: string }[] = [
  { value: "live", label: "Live" },
  { value: "5", label: "Last 5 minutes" },
  { value: "15", label: "Last 15 minutes" },
  { value: "60", label: "Last hour" },
  { value: "all", label: "Everything held" },
];

const ACTIONS: readonly FlowAction[] = ["Allow", "Deny", "Pass"];

export function filtersFromSearch(search: URLSearchParams): FlowFilters {
  const range = RANGES.find((r) => r.value === search.get("range"))?.value ?? "15";
  const action = ACTIONS.find((a) => a === search.get("action")) ?? "";
  return {
    range,
    endpoint: search.get("endpoint") ?? "",
    namespace: search.get("namespace") ?? "",
    policy: search.get("policy") ?? "",
    action,
    port: search.get("port") ?? "",
  };
}

export function filtersToSearch(f: FlowFilters, selected?: string): URLSearchParams {
  const out = new URLSearchParams();
  if (f.range !== "15") out.set("range", f.range);
  for (const k of ["endpoint", "namespace", "policy", "action", "port"] as const) if (f[k] !== "") out.set(k, f[k]);
  if (selected !== undefined) out.set("flow", selected);
  return out;
}

/** A port filter the BFF accepts, or undefined with the reason when it is not one. */
export function portOf(text: string): { port?: number; error?: string } {
  if (text.trim() === "") return {};
  const n = Number(text.trim());
  return Number.isInteger(n) && n >= 0 && n <= 65535 ? { port: n } : { error: "A port is a number from 0 to 65535" };
}

/** The BFF query for the filters (`now` in seconds; the list's `limit` aside). */
export function toFlowQuery(f: FlowFilters, now: number): Omit<FlowQuery, "limit"> {
  const { port } = portOf(f.port);
  const minutes = f.range === "live" || f.range === "all" ? undefined : Number(f.range);
  return {
    ...(minutes === undefined ? {} : { from: now - minutes * 60 }),
    ...(f.endpoint.trim() === "" ? {} : { endpoint: f.endpoint.trim() }),
    ...(f.namespace.trim() === "" ? {} : { namespace: f.namespace.trim() }),
    ...(f.policy.trim() === "" ? {} : { policy: f.policy.trim() }),
    ...(f.action === "" ? {} : { action: f.action }),
    ...(port === undefined ? {} : { port }),
  };
}

/**
 * `namespace/name`, or the name alone (networks); a host endpoint as `host <node>` and its labels, which tell a
 * node's host endpoints apart (Goldmane names a host endpoint by its node).
 */
export function endpointLabel(e: FlowEndpoint): string {
  if (e.type === "hep") {
    const labels = Object.entries(e.labels)
      .filter(([, v]) => v !== e.name)
      .map(([k, v]) => `${k}=${v}`);
    return [`host ${e.name}`, ...labels].join(" ");
  }
  const name =
    e.type === "network"
      ? e.name === "pub"
        ? "internet (pub)"
        : e.name === "pvt"
          ? "private network (pvt)"
          : e.name
      : e.name;
  return e.namespace === undefined ? name : `${e.namespace}/${name}`;
}

/** How a hit reads: `GlobalNetworkPolicy allow-web, ingress rule 1: Allow`; a tier's end names the tier. */
export function hitLabel(hit: FlowPolicyHit, direction: "ingress" | "egress"): string {
  if (hit.kind === "EndOfTier") {
    const trigger = hit.trigger === undefined ? "" : ` (selected by ${hit.trigger.name})`;
    return `end of tier ${hit.tier}${trigger}: ${hit.action}`;
  }
  if (hit.kind === "Profile") return `profile ${hit.name}: ${hit.action}`;
  const ns = hit.namespace === undefined ? "" : `${hit.namespace}/`;
  const rule = hit.ruleIndex < 0 ? "" : `, ${ruleLabel(direction, hit.ruleIndex)}`;
  return `${hit.kind} ${ns}${hit.name}${rule}: ${hit.action}`;
}

/** The hit that decided the flow (Calico's last enforced one). */
export function decidingHit(flow: Flow): FlowPolicyHit | undefined {
  return flow.enforced[flow.enforced.length - 1];
}

export const directionOf = (flow: Flow): "ingress" | "egress" => (flow.reporter === "Dst" ? "ingress" : "egress");

/** The Explain view's URL parameters for the packet Palisade walked (`peer` an endpoint id, or labels). */
export function explainSearch(request: ExplainRequest): URLSearchParams {
  const out = new URLSearchParams({ endpoint: request.endpoint, direction: request.direction });
  if (request.peer.endpoint !== undefined) out.set("peer", request.peer.endpoint);
  if (request.peer.ip !== undefined) out.set("ip", request.peer.ip);
  const labels = Object.entries(request.peer.labels ?? {});
  if (labels.length > 0) out.set("labels", labels.map(([k, v]) => `${k}=${v}`).join(", "));
  out.set("protocol", String(request.protocol));
  if (request.port !== undefined) out.set("port", String(request.port));
  return out;
}

/** `hh:mm:ss` of a flow's interval start, in the browser's zone. */
export function timeOf(seconds: number): string {
  return new Date(seconds * 1000).toLocaleTimeString([], { hour12: false });
}

/**
 * Live rows after a stream batch (newest first): a flow already shown is replaced where it is (the BFF sends a flow
 * again when late packets add to it), new ones go on top; at most `limit`.
 */
export function mergeFlowRows(rows: readonly FlowRow[], batch: readonly FlowRow[], limit: number): FlowRow[] {
  const shown = new Set(rows.map((r) => r.flow.id));
  const updates = new Map(batch.filter((r) => shown.has(r.flow.id)).map((r) => [r.flow.id, r]));
  const fresh = batch.filter((r) => !shown.has(r.flow.id));
  return [...fresh, ...rows.map((r) => updates.get(r.flow.id) ?? r)].slice(0, limit);
}
