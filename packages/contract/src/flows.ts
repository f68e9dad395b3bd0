import { type Static, Type } from "typebox";
import { Direction } from "./endpoints";
import { ExplainRequest, ExplainResult, Verdict } from "./explain";

/**
 * Flows as Calico's flow aggregator (Goldmane, `goldmane/proto/api.proto`) reports them: one record per flow key
 * (source, destination, port, protocol, reporter, action, policy trace) per aggregation interval, with counters.
 * Names and enum values keep Goldmane's spelling so a flow reads the same here as in Calico's own tools.
 */

/** The action Calico took: the flow's final verdict, or what one policy rule (or a tier's end) did. */
export const FlowAction = Type.Union([Type.Literal("Allow"), Type.Literal("Deny"), Type.Literal("Pass")]);
export type FlowAction = Static<typeof FlowAction>;

/**
 * Goldmane's `PolicyKind`: `CalicoNetworkPolicy` is Calico's namespaced NetworkPolicy, `NetworkPolicy` Kubernetes'
 * own; `EndOfTier` is a tier's default action taking effect (its `trigger` names the policy that selected the flow).
 */
export const FlowPolicyKind = Type.Union([
  Type.Literal("CalicoNetworkPolicy"),
  Type.Literal("GlobalNetworkPolicy"),
  Type.Literal("StagedNetworkPolicy"),
  Type.Literal("StagedGlobalNetworkPolicy"),
  Type.Literal("StagedKubernetesNetworkPolicy"),
  Type.Literal("NetworkPolicy"),
  Type.Literal("AdminNetworkPolicy"),
  Type.Literal("BaselineAdminNetworkPolicy"),
  Type.Literal("Profile"),
  Type.Literal("EndOfTier"),
]);
export type FlowPolicyKind = Static<typeof FlowPolicyKind>;

/** The policy a hit names, without what the rule did. */
export const FlowPolicyRef = Type.Object({
  kind: FlowPolicyKind,
  tier: Type.String(),
  name: Type.String(),
  namespace: Type.Optional(Type.String()),
  /** `PolicySummary.key` of the policy in Palisade's model, when the cluster has it (absent: deleted, or unknown). */
  policy: Type.Optional(Type.String()),
});
export type FlowPolicyRef = Static<typeof FlowPolicyRef>;

/**
 * One policy rule (or tier end) that acted on the flow. `ruleIndex` is the rule's index among the policy's rules for
 * the reporter's direction (ingress for `Dst`, egress for `Src`); -1 for a tier's end and for profiles.
 */
export const FlowPolicyHit = Type.Object({
  ...FlowPolicyRef.properties,
  action: FlowAction,
  /** Order of the policy among all the policies the flow traversed. */
  policyIndex: Type.Integer({ minimum: 0 }),
  ruleIndex: Type.Integer({ minimum: -1 }),
  /** `EndOfTier` only: the first policy of the tier that selected the flow. */
  trigger: Type.Optional(FlowPolicyRef),
});
export type FlowPolicyHit = Static<typeof FlowPolicyHit>;

/** `wep`: pods sharing a generate-name (`name` ends in `-*`); `hep`; `networkset`; `network` (`pub` or `pvt`). */
export const FlowEndpointType = Type.Union([
  Type.Literal("wep"),
  Type.Literal("hep"),
  Type.Literal("networkset"),
  Type.Literal("network"),
]);
export type FlowEndpointType = Static<typeof FlowEndpointType>;

export const FlowEndpoint = Type.Object({
  type: FlowEndpointType,
  name: Type.String(),
  namespace: Type.Optional(Type.String()),
  /** The labels every contributing endpoint had (Goldmane keeps their intersection). */
  labels: Type.Record(Type.String(), Type.String()),
});
export type FlowEndpoint = Static<typeof FlowEndpoint>;

export const Flow = Type.Object({
  /** Unique among the flows Palisade holds for the cluster; stable while the flow is held. */
  id: Type.String(),
  /** Seconds since the epoch: the aggregation interval the counters cover. */
  startTime: Type.Integer(),
  endTime: Type.Integer(),
  source: FlowEndpoint,
  destination: FlowEndpoint,
  /** `TCP`, `UDP`, `SCTP`, `ICMP`... */
  protocol: Type.String(),
  /** Destination port (0 when the protocol has none). */
  port: Type.Integer({ minimum: 0, maximum: 65535 }),
  /** The Service the client addressed, when it went through one. */
  service: Type.Optional(
    Type.Object({
      namespace: Type.String(),
      name: Type.String(),
      portName: Type.Optional(Type.String()),
      port: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
    }),
  ),
  /** Which end's node reported it: `Src` (the source's egress policy) or `Dst` (the destination's ingress policy). */
  reporter: Type.Union([Type.Literal("Src"), Type.Literal("Dst")]),
  /** Calico's verdict. */
  action: FlowAction,
  /** The rules that decided, in evaluation order; the last one decided. */
  enforced: Type.Array(FlowPolicyHit),
  /** What staged policies would have done (never enforced). */
  pending: Type.Array(FlowPolicyHit),
  packetsIn: Type.Integer({ minimum: 0 }),
  packetsOut: Type.Integer({ minimum: 0 }),
  bytesIn: Type.Integer({ minimum: 0 }),
  bytesOut: Type.Integer({ minimum: 0 }),
  connectionsStarted: Type.Integer({ minimum: 0 }),
  connectionsCompleted: Type.Integer({ minimum: 0 }),
  connectionsLive: Type.Integer({ minimum: 0 }),
});
export type Flow = Static<typeof Flow>;

/**
 * Where a cluster's flows come from. `goldmane`: Calico's aggregator (Service `calico-system/goldmane`, gRPC over
 * mTLS); `demo`: the demo cluster's own flow source; `none`: the cluster has no flow source (no Goldmane Service).
 * `status` `error` carries the reason in `message` (e.g. a TLS handshake refused), and the other clusters go on.
 */
export const FlowSourceStatus = Type.Object({
  kind: Type.Union([Type.Literal("goldmane"), Type.Literal("demo"), Type.Literal("none")]),
  status: Type.Union([
    Type.Literal("connected"),
    Type.Literal("connecting"),
    Type.Literal("error"),
    Type.Literal("absent"),
  ]),
  /** `host:port` of the Goldmane server. */
  address: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
  /** How many flows Palisade holds for this cluster, at most `capacity` (the oldest go first). */
  held: Type.Integer({ minimum: 0 }),
  capacity: Type.Integer({ minimum: 0 }),
  /** Start time of the oldest flow held, if any: how far back the window reaches. */
  oldest: Type.Optional(Type.Integer()),
  newest: Type.Optional(Type.Integer()),
});
export type FlowSourceStatus = Static<typeof FlowSourceStatus>;

/**
 * Filters for `GET /flows` and `GET /flows/hits`. `from`/`to` are seconds since the epoch (a flow is in when its
 * interval overlaps); `endpoint` matches a source or destination name (substring); `namespace` either end's
 * namespace; `policy` a hit's name or `PolicySummary.key` (enforced or pending); `port` the destination port.
 */
export const FlowQuery = Type.Object({
  from: Type.Optional(Type.Integer({ minimum: 0 })),
  to: Type.Optional(Type.Integer({ minimum: 0 })),
  endpoint: Type.Optional(Type.String({ minLength: 1, maxLength: 253 })),
  namespace: Type.Optional(Type.String({ minLength: 1, maxLength: 253 })),
  policy: Type.Optional(Type.String({ minLength: 1, maxLength: 600 })),
  action: Type.Optional(FlowAction),
  port: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
  /** Most flows returned, newest first (default 200). */
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
});
export type FlowQuery = Static<typeof FlowQuery>;

/**
 * How Palisade's explain of the same packet compares with Calico's verdict: `agree`, `disagree` (a different verdict,
 * or the same verdict by a different policy or rule: a Palisade bug, or a cluster in a state its policies do not
 * explain), or `unknown` (explain could not decide, or the flow names no endpoint Palisade can walk).
 */
export const FlowAgreement = Type.Union([Type.Literal("agree"), Type.Literal("disagree"), Type.Literal("unknown")]);
export type FlowAgreement = Static<typeof FlowAgreement>;

/** Palisade's view of one flow beside Calico's, in brief (the list's column). */
export const FlowCheck = Type.Object({
  agreement: FlowAgreement,
  /** Sentences: where the two differ, or why there is no comparison. */
  notes: Type.Array(Type.String()),
  /** What Palisade's explain says the reporting endpoint's policy does with the packet. */
  verdict: Type.Optional(Verdict),
  /** Palisade's explain in one sentence. */
  summary: Type.Optional(Type.String()),
});
export type FlowCheck = Static<typeof FlowCheck>;

export const FlowRow = Type.Object({ flow: Flow, check: FlowCheck });
export type FlowRow = Static<typeof FlowRow>;

/** `GET /flows/:id`: one flow, the packet Palisade walked for it (POST it to `/explain`) and the whole walk. */
export const FlowDetail = Type.Object({
  flow: Flow,
  check: FlowCheck,
  /** Absent when the flow names no endpoint Palisade can walk. */
  request: Type.Optional(ExplainRequest),
  palisade: Type.Optional(ExplainResult),
});
export type FlowDetail = Static<typeof FlowDetail>;

export const FlowList = Type.Object({
  source: FlowSourceStatus,
  /** Newest first, at most `limit`. */
  items: Type.Array(FlowRow),
  /** Flows held that pass the filters (`items` may be fewer). */
  matched: Type.Integer({ minimum: 0 }),
});
export type FlowList = Static<typeof FlowList>;

/**
 * `GET /flows/stream` (text/event-stream): a `flows` event (`FlowBatch`) about once a second while new flows arrive
 * that pass the query's filters, and a `source` event (`FlowSourceStatus`) when the source's status changes.
 */
export const FlowBatch = Type.Object({ items: Type.Array(FlowRow) });
export type FlowBatch = Static<typeof FlowBatch>;

/** Counters of the flows behind one hit count. `flows` counts flow records (one per key per interval). */
export const HitCounters = Type.Object({
  flows: Type.Integer({ minimum: 0 }),
  packets: Type.Integer({ minimum: 0 }),
  bytes: Type.Integer({ minimum: 0 }),
  connections: Type.Integer({ minimum: 0 }),
  /** End time of the newest flow counted. */
  lastSeen: Type.Integer(),
});
export type HitCounters = Static<typeof HitCounters>;

/** A rule's hits: `rule` -1 is the tier's end (the policy selected the flow, no rule decided). */
export const RuleHits = Type.Object({
  direction: Direction,
  rule: Type.Integer({ minimum: -1 }),
  action: FlowAction,
  ...HitCounters.properties,
});
export type RuleHits = Static<typeof RuleHits>;

/**
 * Hit counts of one policy over the flows held: what its rules did, enforced or (for staged policies, and for what a
 * staged change would do) pending. `staged` counts come from the flows' pending hits.
 */
export const PolicyHits = Type.Object({
  ...FlowPolicyRef.properties,
  /** True when counted from pending (staged) hits. */
  pending: Type.Boolean(),
  allowed: HitCounters,
  denied: HitCounters,
  passed: HitCounters,
  rules: Type.Array(RuleHits),
  /** Flows it denied, grouped by source (`namespace/name` or the network), most first: "would deny N from X". */
  deniedFrom: Type.Array(Type.Object({ source: Type.String(), flows: Type.Integer({ minimum: 0 }) })),
});
export type PolicyHits = Static<typeof PolicyHits>;

export const PolicyHitList = Type.Object({
  source: FlowSourceStatus,
  /** The window counted: start of the oldest and end of the newest flow that passed the filters. */
  from: Type.Optional(Type.Integer()),
  to: Type.Optional(Type.Integer()),
  /** Flows counted. */
  flows: Type.Integer({ minimum: 0 }),
  /** Busiest first (by flows). */
  items: Type.Array(PolicyHits),
});
export type PolicyHitList = Static<typeof PolicyHitList>;

export const FlowParams = Type.Object({ cluster: Type.String(), id: Type.String({ minLength: 1, maxLength: 64 }) });
export type FlowParams = Static<typeof FlowParams>;
