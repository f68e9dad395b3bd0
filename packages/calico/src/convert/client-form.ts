/**
 * A policy as Calico's own client (calicoctl, libcalico-go's clientv3) hands it to the datastore: decoded into the
 * Go structs of the v3 API and marshalled back (`api/pkg/apis/projectcalico/v3/policy_common.go`, `numorstring`),
 * with clientv3's defaults (`defaultPolicyTypesField`, `addTierLabel`). Field by field what calicoctl stores for the
 * same YAML, so objects written by either tool are identical (docs/calico-semantics.md §3).
 */
import { defaultPolicyTypes, TIER_LABEL } from "./defaults";

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * `omitempty` on the fields these structs have: Go drops false, "", empty slices and nil pointers. An empty struct
 * is kept (`source: {}`); the one map (rule metadata annotations) is handled where it occurs.
 */
function isGoEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === false || v === "" || (Array.isArray(v) && v.length === 0);
}

function omitEmpty(obj: Json, keep: readonly string[] = []): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(obj)) {
    if (keep.includes(k) || !isGoEmpty(v)) out[k] = v;
  }
  return out;
}

/** `numorstring.Port`: a digit string decodes to its number, a one-port range to that number; names stay. */
function goPort(port: unknown): unknown {
  if (typeof port !== "string") return port;
  if (/^\d+$/.test(port)) return Number(port);
  const range = /^(\d+):(\d+)$/.exec(port);
  if (range !== null && range[1] !== undefined && Number(range[1]) === Number(range[2])) return Number(range[1]);
  return range !== null ? `${Number(range[1])}:${Number(range[2])}` : port;
}

/** `numorstring.Protocol` (Uint8OrString): a string that parses as a uint8 decodes to the number. */
function goProtocol(protocol: unknown): unknown {
  if (typeof protocol === "string" && /^\d+$/.test(protocol) && Number(protocol) <= 255) return Number(protocol);
  return protocol;
}

function goPorts(ports: unknown): unknown {
  return Array.isArray(ports) ? ports.map(goPort) : ports;
}

function goEntityRule(side: unknown): Json {
  if (!isRecord(side)) return {};
  const out = omitEmpty({ ...side, ports: goPorts(side.ports), notPorts: goPorts(side.notPorts) });
  if (isRecord(out.serviceAccounts)) out.serviceAccounts = omitEmpty(out.serviceAccounts);
  if (isRecord(out.services)) out.services = omitEmpty(out.services);
  return out;
}

function goRule(rule: unknown): unknown {
  if (!isRecord(rule)) return rule;
  const out = omitEmpty(
    {
      ...rule,
      action: rule.action ?? "",
      protocol: goProtocol(rule.protocol),
      notProtocol: goProtocol(rule.notProtocol),
      // Value structs: marshalled even when empty.
      source: goEntityRule(rule.source),
      destination: goEntityRule(rule.destination),
    },
    ["action"],
  );
  if (isRecord(out.http)) out.http = omitEmpty(out.http);
  if (isRecord(out.metadata)) {
    const { annotations, ...rest } = out.metadata;
    out.metadata = isRecord(annotations) && Object.keys(annotations).length > 0 ? { ...rest, annotations } : rest;
  }
  return out;
}

/** A policy spec as Go's json.Marshal of the v3 spec struct writes it. */
export function goPolicySpec(spec: unknown): Json {
  if (!isRecord(spec)) return {};
  const out = omitEmpty(spec);
  if (Array.isArray(out.ingress)) out.ingress = out.ingress.map(goRule);
  if (Array.isArray(out.egress)) out.egress = out.egress.map(goRule);
  return out;
}

interface PolicyLike {
  metadata: { labels?: Record<string, string> | undefined; [key: string]: unknown };
  spec?: unknown;
  [key: string]: unknown;
}

/**
 * What clientv3's Create/Update store for a (Staged)(Global)NetworkPolicy: `types` derived when empty (cleared on a
 * staged Delete), the tier
 * label added only outside the default tier (the default tier's label is only added on read), `spec.tier` left as
 * written, and the spec in Go's JSON form.
 */
export function clientPolicyForm<P extends PolicyLike>(policy: P): P {
  const spec = goPolicySpec(policy.spec);
  const ingress = Array.isArray(spec.ingress) ? spec.ingress : undefined;
  const egress = Array.isArray(spec.egress) ? spec.egress : undefined;
  // A staged Delete carries only the tier: clientv3 clears its types rather than deriving them.
  if (spec.stagedAction === "Delete") delete spec.types;
  else if (spec.types === undefined) spec.types = defaultPolicyTypes({ ingress, egress });
  const tier = typeof spec.tier === "string" && spec.tier !== "" ? spec.tier : "default";
  const labels =
    tier === "default" ? policy.metadata.labels : { ...(policy.metadata.labels ?? {}), [TIER_LABEL]: tier };
  return {
    ...policy,
    metadata: { ...policy.metadata, ...(labels === undefined ? {} : { labels }) },
    spec,
  };
}

const TIER_OF_FORMATTED_NAME: readonly (readonly [string, string])[] = [
  ["knp.default.", "default"],
  ["kanp.adminnetworkpolicy.", "adminnetworkpolicy"],
  ["kbanp.baselineadminnetworkpolicy.", "baselineadminnetworkpolicy"],
  ["ossg.", "default"],
];

/** `names.TierFromPolicyName`: Calico's own prefixes name their tier, else the part before the first dot, else `default`. */
function tierFromPolicyName(name: string): string {
  const formatted = TIER_OF_FORMATTED_NAME.find(([prefix]) => name.startsWith(prefix));
  if (formatted !== undefined) return formatted[1];
  const dot = name.indexOf(".");
  return dot < 0 ? "default" : name.slice(0, dot);
}

/**
 * What clientv3's Get and List (so calicoctl get) return for a stored policy: the `projectcalico.org/tier` label set
 * to `default` when missing (`defaultTierLabelIfMissing`), and an empty `spec.tier` filled from the name.
 */
export function clientReadForm<P extends PolicyLike>(policy: P): P {
  const spec = isRecord(policy.spec) ? policy.spec : {};
  const name = typeof policy.metadata.name === "string" ? policy.metadata.name : "";
  const tier = typeof spec.tier === "string" && spec.tier !== "" ? spec.tier : tierFromPolicyName(name);
  const labels = policy.metadata.labels ?? {};
  return {
    ...policy,
    metadata: { ...policy.metadata, labels: TIER_LABEL in labels ? labels : { ...labels, [TIER_LABEL]: "default" } },
    spec: { ...spec, tier },
  };
}
