import { parsePort, portProblem, type ReleaseRange, validateResource } from "@palisade/calico";
import type {
  DenyNodePortsParams,
  LogDeniedPacketsParams,
  PreDnatAllowlistParams,
  ResourceObject,
  ResourceRef,
  TierSummary,
} from "@palisade/contract";
import { parse, stringify } from "yaml";

/** The wizard's fields as typed (lists are one entry per line or comma-separated). */
export interface AllowlistForm {
  readonly name: string;
  readonly order: string;
  readonly sourceCidrs: string;
  readonly destinationIps: string;
  readonly ports: string;
  readonly protocol: "TCP" | "UDP" | "SCTP";
  readonly interfaces: readonly ("public" | "private")[];
}

export const DEFAULT_ALLOWLIST: AllowlistForm = {
  name: "",
  order: "",
  sourceCidrs: "",
  destinationIps: "",
  ports: "",
  protocol: "TCP",
  interfaces: ["public"],
};

export type Errors<F> = Partial<Record<keyof F, string>>;

/** The allowlist's fields in the order the wizard shows them. */
export const ALLOWLIST_FIELDS: readonly (keyof AllowlistForm)[] = [
  "destinationIps",
  "sourceCidrs",
  "ports",
  "protocol",
  "interfaces",
  "order",
  "name",
];

export function splitList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** Calico's port rules (docs/calico-semantics.md section 5, "Ports"), less port names: the wizard takes numbers. */
function wizardPortProblem(p: string): string | undefined {
  const parsed = parsePort(p);
  if (typeof parsed !== "string" && parsed.kind === "name") return `"${p}" is not a port or a min:max range`;
  return portProblem(p);
}

function portsOf(list: readonly string[]): (number | string)[] {
  return list.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function orderOf(text: string): { order?: number; error?: string } {
  if (text.trim() === "") return {};
  const n = Number(text);
  return Number.isFinite(n) ? { order: n } : { error: "Order is a number; lower runs first" };
}

/**
 * The generator's parameters, or the fields to fix. Address syntax is left to the generator (it runs Calico's
 * validator and answers with field paths); here only what would make the request unsendable is caught.
 */
export function allowlistParams(
  f: AllowlistForm,
): { params: PreDnatAllowlistParams } | { errors: Errors<AllowlistForm> } {
  const errors: Errors<AllowlistForm> = {};
  const sourceCidrs = splitList(f.sourceCidrs);
  const destinationIps = splitList(f.destinationIps);
  const ports = splitList(f.ports);
  if (sourceCidrs.length === 0) errors.sourceCidrs = "Add at least one client CIDR that may connect";
  if (destinationIps.length === 0) errors.destinationIps = "Add the load balancer IP (or pick a LoadBalancer service)";
  if (ports.length === 0) errors.ports = "Add at least one port";
  const bad = ports.map(wizardPortProblem).find((p) => p !== undefined);
  if (bad !== undefined) errors.ports = bad;
  if (f.interfaces.length === 0) errors.interfaces = "Pick public, private or both";
  const order = orderOf(f.order);
  if (order.error !== undefined) errors.order = order.error;
  if (Object.keys(errors).length > 0) return { errors };
  return {
    params: {
      sourceCidrs,
      destinationIps,
      ports: portsOf(ports),
      protocol: f.protocol,
      interfaces: [...f.interfaces],
      ...(f.name.trim() === "" ? {} : { name: f.name.trim() }),
      ...(order.order === undefined ? {} : { order: order.order }),
    },
  };
}

export interface DenyNodePortsForm {
  readonly name: string;
  readonly order: string;
  readonly ports: string;
  readonly interfaces: readonly ("public" | "private")[];
}

export const DEFAULT_DENY_NODEPORTS: DenyNodePortsForm = {
  name: "",
  order: "",
  ports: "30000:32767",
  interfaces: ["public"],
};

/** The deny-NodePorts form's fields in the order the wizard shows them. */
export const DENY_NODEPORTS_FIELDS: readonly (keyof DenyNodePortsForm)[] = ["ports", "interfaces", "order", "name"];

export function denyNodePortsParams(
  f: DenyNodePortsForm,
): { params: DenyNodePortsParams } | { errors: Errors<DenyNodePortsForm> } {
  const errors: Errors<DenyNodePortsForm> = {};
  const ports = splitList(f.ports);
  const bad = ports.map(wizardPortProblem).find((p) => p !== undefined);
  if (bad !== undefined) errors.ports = bad;
  if (f.interfaces.length === 0) errors.interfaces = "Pick public, private or both";
  const order = orderOf(f.order);
  if (order.error !== undefined) errors.order = order.error;
  if (Object.keys(errors).length > 0) return { errors };
  return {
    params: {
      interfaces: [...f.interfaces],
      ...(ports.length === 0 ? {} : { ports: portsOf(ports) }),
      ...(f.name.trim() === "" ? {} : { name: f.name.trim() }),
      ...(order.order === undefined ? {} : { order: order.order }),
    },
  };
}

/**
 * A sample client inside the first client CIDR the user typed, so the before/after explanation shows the allowlist
 * admitting someone it lists: the first host of an IPv4 network (the address itself for /31 and /32), or the
 * address of an IPv6 entry as written. Undefined while no entry parses.
 */
export function sampleClientIn(sourceCidrs: string): string | undefined {
  const first = splitList(sourceCidrs)[0];
  if (first === undefined) return undefined;
  const [address = "", prefixText] = first.split("/");
  if (address.includes(":")) return address;
  const octets = address.split(".").map(Number);
  const prefix = prefixText === undefined ? 32 : Number(prefixText);
  const valid =
    octets.length === 4 &&
    octets.every((o) => Number.isInteger(o) && o >= 0 && o <= 255) &&
    prefix >= 0 &&
    prefix <= 32;
  if (!valid) return undefined;
  const value = octets.reduce((n, o) => n * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  const network = value - (value % size);
  const host = prefix >= 31 ? value : network + 1;
  return [24, 16, 8, 0].map((shift) => Math.floor(host / 2 ** shift) % 256).join(".");
}

/** The log-denied-packets form: the log policy's own name and order (its selector and namespace are the policy's). */
export interface LogForm {
  readonly name: string;
  readonly order: string;
}

export const DEFAULT_LOG: LogForm = { name: "", order: "" };

/** The log form's fields in the order the wizard shows them. */
export const LOG_FIELDS: readonly (keyof LogForm)[] = ["name", "order"];

export function logParams(
  f: LogForm,
  policy: ResourceRef,
): { params: LogDeniedPacketsParams } | { errors: Errors<LogForm> } {
  const order = orderOf(f.order);
  if (order.error !== undefined) return { errors: { order: order.error } };
  return {
    params: {
      policy,
      ...(f.name.trim() === "" ? {} : { name: f.name.trim() }),
      ...(order.order === undefined ? {} : { order: order.order }),
    },
  };
}

/** The tier form: a Tier's name, order (empty: none, so it sorts after every ordered tier) and default action. */
export interface TierForm {
  readonly name: string;
  readonly order: string;
  readonly defaultAction: "Deny" | "Pass";
}

/** The CRD's default action is Deny. */
export const DEFAULT_TIER_FORM: TierForm = { name: "", order: "", defaultAction: "Deny" };

export const TIER_FIELDS: readonly (keyof TierForm)[] = ["name", "order", "defaultAction"];

/** The form of an existing tier, to edit it. */
export function tierFormOf(tier: TierSummary): TierForm {
  return { name: tier.name, order: tier.order === null ? "" : String(tier.order), defaultAction: tier.defaultAction };
}

const TIER_FIELD_OF_PATH: Readonly<Record<string, keyof TierForm>> = {
  "metadata.name": "name",
  "spec.order": "order",
  "spec.defaultAction": "defaultAction",
};

/**
 * The Tier YAML the form describes, or the fields to fix as Calico's validator (the one the BFF and the editor run:
 * name, built-in tiers' orders and default actions) words them. Editing keeps everything else of the live object
 * (`liveYaml`: its labels and annotations), as a replace would otherwise drop them. `release` is the cluster's Calico
 * releases, whose rules on built-in tiers differ.
 */
export function tierYaml(
  f: TierForm,
  liveYaml: string | undefined,
  release: ReleaseRange = {},
): { yaml: string } | { errors: Errors<TierForm> } {
  const name = f.name.trim();
  if (name === "") return { errors: { name: "Name the tier" } };
  const order = orderOf(f.order);
  if (order.error !== undefined) return { errors: { order: order.error } };
  const live = liveYaml === undefined ? undefined : (parse(liveYaml) as ResourceObject);
  const { order: _, defaultAction: __, ...otherSpec } = live?.spec ?? {};
  const object: ResourceObject = {
    apiVersion: "projectcalico.org/v3",
    kind: "Tier",
    metadata: { ...live?.metadata, name },
    spec: {
      ...otherSpec,
      ...(order.order === undefined ? {} : { order: order.order }),
      defaultAction: f.defaultAction,
    },
  };
  const errors: Errors<TierForm> = {};
  for (const e of validateResource(object, { release }).errors) {
    const key = TIER_FIELD_OF_PATH[e.path] ?? "name";
    errors[key] ??= e.path in TIER_FIELD_OF_PATH ? e.message : `${e.path}: ${e.message}`;
  }
  return Object.keys(errors).length > 0 ? { errors } : { yaml: stringify(object) };
}
