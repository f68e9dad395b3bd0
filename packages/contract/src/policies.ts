import { type Static, Type } from "typebox";
import { Direction, EndpointMatches, Stage } from "./endpoints";
import { PolicyKind } from "./kinds";
import { PolicySetId } from "./policy-sets";
import { ResourceObject } from "./resources";

/** How many endpoints a policy applies to. */
export const MatchCounts = Type.Object({
  hostEndpoints: Type.Integer({ minimum: 0 }),
  workloadEndpoints: Type.Integer({ minimum: 0 }),
});
export type MatchCounts = Static<typeof MatchCounts>;

/**
 * One row of the policy table, in Calico's evaluation order. Kubernetes NetworkPolicies appear as Calico evaluates
 * them (docs/calico-semantics.md section 2/3): tier `default`, order 1000, the translated selector, and `calicoName`.
 */
/**
 * Whether the cluster's Calico enforces an admin policy's kind (docs/calico-semantics.md §8): v3.29 to v3.31 enforce
 * AdminNetworkPolicy (BaselineAdminNetworkPolicy from v3.30), v3.32 only ClusterNetworkPolicy. `not-enforced` ones are
 * listed but left out of explain, the graph and what-if; `unknown` ones (the release is not known) are treated as
 * enforced, and the note says so.
 */
export const AdminEnforcement = Type.Object({
  state: Type.Union([Type.Literal("enforced"), Type.Literal("not-enforced"), Type.Literal("unknown")]),
  /** One sentence for people: "Not enforced by Calico v3.32.0: …". */
  note: Type.String(),
});
export type AdminEnforcement = Static<typeof AdminEnforcement>;

export const PolicySummary = Type.Object({
  /** `Kind/namespace/name` (namespace empty for global kinds): the row's id, used by graph edges and traces. */
  key: Type.String(),
  kind: PolicyKind,
  name: Type.String(),
  namespace: Type.Optional(Type.String()),
  /** The name Calico's own tools show when it differs (`knp.default.<name>` for Kubernetes policies). */
  calicoName: Type.Optional(Type.String()),
  tier: Type.String(),
  /** `spec.order`; null when unset (evaluated last in its tier). */
  order: Type.Union([Type.Number(), Type.Null()]),
  /** The selector Calico evaluates (translated for Kubernetes policies); empty means `all()`. */
  selector: Type.String(),
  /** `spec.types` after defaulting (docs/calico-semantics.md section 2). */
  types: Type.Array(Direction),
  preDNAT: Type.Boolean(),
  applyOnForward: Type.Boolean(),
  doNotTrack: Type.Boolean(),
  /** Staged kinds: shown, never enforced. */
  staged: Type.Boolean(),
  /** Where Felix evaluates it: `untracked`, `preDNAT` or `normal`, plus `forward` with applyOnForward. */
  stages: Type.Array(Stage),
  matched: MatchCounts,
  ingressRules: Type.Integer({ minimum: 0 }),
  egressRules: Type.Integer({ minimum: 0 }),
  /** One line in words, e.g. "Deny ingress TCP,UDP to ports 30000:32767". */
  summary: Type.String(),
  resourceVersion: Type.String(),
  /** The IBM isolation set (and region) Palisade applied this policy as part of, from its labels. */
  policySet: Type.Optional(Type.Object({ set: PolicySetId, region: Type.String() })),
  /** Admin policy kinds only: whether the cluster's Calico enforces the kind. */
  enforcement: Type.Optional(AdminEnforcement),
});
export type PolicySummary = Static<typeof PolicySummary>;

export const TierSummary = Type.Object({
  name: Type.String(),
  /** null when the Tier has no order (or does not exist). */
  order: Type.Union([Type.Number(), Type.Null()]),
  /** What happens to traffic no policy in the tier decided. */
  defaultAction: Type.Union([Type.Literal("Deny"), Type.Literal("Pass")]),
  /** False for a tier that policies name but no Tier object defines (sorted last). */
  exists: Type.Boolean(),
  policyCount: Type.Integer({ minimum: 0 }),
  /** The Tier object as stored, as editable YAML (what the tier form edits); absent when there is none. */
  yaml: Type.Optional(Type.String()),
});
export type TierSummary = Static<typeof TierSummary>;

export const PolicyList = Type.Object({
  items: Type.Array(PolicySummary),
  /** Tiers in evaluation order. */
  tiers: Type.Array(TierSummary),
});
export type PolicyList = Static<typeof PolicyList>;

/** One side of a rule: what it says and which endpoints it matches today. */
export const PeerView = Type.Object({
  /** In words, e.g. "any endpoint with ibm.role == 'worker_public'", "10.0.0.0/8 except 10.1.0.0/16", "anywhere". */
  words: Type.String(),
  /** The effective selector Felix uses for this peer (namespace and service-account parts folded in), if any. */
  selector: Type.Optional(Type.String()),
  nets: Type.Array(Type.String()),
  notNets: Type.Array(Type.String()),
  ports: Type.Array(Type.String()),
  notPorts: Type.Array(Type.String()),
  /** Endpoints the selector part matches; absent when the peer has no selector (nets only, or anywhere). */
  endpoints: Type.Optional(EndpointMatches),
});
export type PeerView = Static<typeof PeerView>;

export const RuleView = Type.Object({
  direction: Direction,
  /** Index within `spec.ingress` or `spec.egress`. */
  index: Type.Integer({ minimum: 0 }),
  action: Type.Union([Type.Literal("Allow"), Type.Literal("Deny"), Type.Literal("Log"), Type.Literal("Pass")]),
  /** The whole rule in words. */
  words: Type.String(),
  protocol: Type.Optional(Type.String()),
  source: PeerView,
  destination: PeerView,
});
export type RuleView = Static<typeof RuleView>;

export const PolicyDetail = Type.Object({
  summary: PolicySummary,
  /** The object as stored (v3 form; the Kubernetes object for Kubernetes policies). */
  object: ResourceObject,
  yaml: Type.String(),
  /** For Kubernetes NetworkPolicies: the Calico policy it becomes. */
  calico: Type.Optional(Type.Object({ object: ResourceObject, yaml: Type.String() })),
  rules: Type.Array(RuleView),
  appliesTo: EndpointMatches,
  /**
   * For a policy the cluster's Calico release does not enforce (`summary.enforcement.state` `not-enforced`, whose
   * `appliesTo` is empty): the endpoints its selector would select if it were enforced. Not applied, not counted.
   */
  wouldApplyTo: Type.Optional(EndpointMatches),
  warnings: Type.Array(Type.String()),
});
export type PolicyDetail = Static<typeof PolicyDetail>;

/** `GET /api/v1/clusters/:cluster/policies/:kind/:name?namespace=ns`. */
export const PolicyParams = Type.Object({ cluster: Type.String(), kind: PolicyKind, name: Type.String() });
export type PolicyParams = Static<typeof PolicyParams>;

export const NamespaceQuery = Type.Object({ namespace: Type.Optional(Type.String({ minLength: 1 })) });
export type NamespaceQuery = Static<typeof NamespaceQuery>;
