import type { ExplainRequest } from "@palisade/contract";

/** The explain form as strings, exactly as held in the URL (so an explanation can be shared as a link). */
export interface ExplainForm {
  readonly endpoint: string;
  readonly direction: "Ingress" | "Egress";
  /** The peer as an endpoint of the cluster (`wep/<ns>/<pod>`, `hep/<name>`): its address and labels. */
  readonly peer: string;
  /** Peer IP address. */
  readonly ip: string;
  /** Peer labels as `k=v, k2=v2`. */
  readonly labels: string;
  readonly protocol: string;
  readonly port: string;
  /** For NodePort / load balancer traffic to a host endpoint: the destination before DNAT, `ip` or `ip:port`. */
  readonly preDnat: string;
  /** `1`: the peer is the endpoint's own node itself (a host process, not a pod). */
  readonly localHost: "" | "1";
}

const FIELDS = ["endpoint", "direction", "peer", "ip", "labels", "protocol", "port", "preDnat", "localHost"] as const;

export const EMPTY_FORM: ExplainForm = {
  endpoint: "",
  direction: "Ingress",
  peer: "",
  ip: "",
  labels: "",
  protocol: "TCP",
  port: "",
  preDnat: "",
  localHost: "",
};

export function formFromSearch(search: URLSearchParams): ExplainForm {
  const direction = search.get("direction") === "Egress" ? "Egress" : "Ingress";
  const get = (k: string, fallback: string) => search.get(k) ?? fallback;
  return {
    endpoint: get("endpoint", ""),
    direction,
    peer: get("peer", ""),
    ip: get("ip", ""),
    labels: get("labels", ""),
    protocol: get("protocol", "TCP"),
    port: get("port", ""),
    preDnat: get("preDnat", ""),
    localHost: search.get("localHost") === "1" ? "1" : "",
  };
}

export function formToSearch(form: ExplainForm): URLSearchParams {
  const out = new URLSearchParams();
  for (const k of FIELDS) if (form[k] !== "" && form[k] !== EMPTY_FORM[k]) out.set(k, form[k]);
  return out;
}

export type FormErrors = Partial<Record<keyof ExplainForm, string>>;

const PROTOCOLS = new Set(["TCP", "UDP", "SCTP", "ICMP", "ICMPv6"]);
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function isIp(s: string): boolean {
  const m = IPV4.exec(s);
  if (m !== null) return m.slice(1).every((o) => Number(o) <= 255);
  return s.includes(":") && /^[0-9a-fA-F:.]+$/.test(s);
}

function parsePort(s: string): number | undefined {
  if (!/^\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n >= 1 && n <= 65535 ? n : undefined;
}

/** Labels typed as `k=v, k2=v2`; undefined when a pair is malformed. */
export function parseLabels(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "")) {
    const eq = part.indexOf("=");
    if (eq <= 0) return undefined;
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

/** Checks the form and builds the request; every problem names its field. */
export function toExplainRequest(form: ExplainForm): { request: ExplainRequest } | { errors: FormErrors } {
  const errors: FormErrors = {};
  if (form.endpoint === "") errors.endpoint = "Pick the endpoint the packet arrives at or leaves from";
  if (form.ip !== "" && !isIp(form.ip)) errors.ip = `"${form.ip}" is not an IP address`;
  const labels = parseLabels(form.labels);
  if (labels === undefined) errors.labels = "Write labels as key=value, separated by commas";
  const localHost = form.localHost === "1";
  if (form.peer === "" && form.ip === "" && form.labels.trim() === "" && !localHost) {
    errors.ip = "Give the peer's endpoint, IP address or labels, or tick the endpoint's own node";
  }
  const numeric = /^\d+$/.test(form.protocol) ? Number(form.protocol) : undefined;
  if (!PROTOCOLS.has(form.protocol) && (numeric === undefined || numeric < 1 || numeric > 255)) {
    errors.protocol = "Use TCP, UDP, SCTP, ICMP, ICMPv6 or a protocol number 1-255";
  }
  const port = form.port === "" ? undefined : parsePort(form.port);
  if (form.port !== "" && port === undefined) errors.port = "A port is a number from 1 to 65535";
  const portless = form.protocol === "ICMP" || form.protocol === "ICMPv6";
  if (
    !portless &&
    (form.protocol === "TCP" || form.protocol === "UDP" || form.protocol === "SCTP") &&
    form.port === ""
  ) {
    errors.port = `${form.protocol} needs a destination port`;
  }
  let preDnat: { ip: string; port?: number } | undefined;
  if (form.preDnat !== "") {
    const [ip = "", p] =
      form.preDnat.includes(".") && form.preDnat.split(":").length === 2 ? form.preDnat.split(":") : [form.preDnat];
    const pp = p === undefined ? undefined : parsePort(p);
    if (!isIp(ip) || (p !== undefined && pp === undefined))
      errors.preDnat = "Write the original destination as ip or ip:port";
    else preDnat = pp === undefined ? { ip } : { ip, port: pp };
  }
  if (Object.keys(errors).length > 0) return { errors };
  const request: ExplainRequest = {
    endpoint: form.endpoint,
    direction: form.direction,
    peer: {
      ...(form.peer === "" ? {} : { endpoint: form.peer }),
      ...(form.ip === "" ? {} : { ip: form.ip }),
      ...(labels !== undefined && Object.keys(labels).length > 0 ? { labels } : {}),
      ...(localHost ? { localHost } : {}),
    },
    protocol: numeric ?? (form.protocol as "TCP" | "UDP" | "SCTP" | "ICMP" | "ICMPv6"),
    ...(port === undefined ? {} : { port }),
    ...(preDnat === undefined ? {} : { preDnatDestination: preDnat }),
  };
  return { request };
}
