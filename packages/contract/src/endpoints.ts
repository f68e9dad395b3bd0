import { type Static, Type } from "typebox";
import { Labels, ResourceObject } from "./resources";

export const EndpointKind = Type.Union([Type.Literal("HostEndpoint"), Type.Literal("WorkloadEndpoint")]);
export type EndpointKind = Static<typeof EndpointKind>;

/**
 * Identifies an endpoint. `id` is `hep/<name>` for a host endpoint and `wep/<namespace>/<pod>` for a pod's workload
 * endpoint; it is what graph edges, explain requests and selector matches use.
 */
export const EndpointRef = Type.Object({
  id: Type.String(),
  kind: EndpointKind,
  /** Host endpoint name, or pod name. */
  name: Type.String(),
  namespace: Type.Optional(Type.String()),
  node: Type.Optional(Type.String()),
});
export type EndpointRef = Static<typeof EndpointRef>;

/** A capped list of endpoints with the true total. */
export const EndpointMatches = Type.Object({
  items: Type.Array(EndpointRef),
  total: Type.Integer({ minimum: 0 }),
  truncated: Type.Boolean(),
});
export type EndpointMatches = Static<typeof EndpointMatches>;

/**
 * The four places Felix evaluates host endpoint policy (docs/calico-semantics.md section 4): `untracked` (doNotTrack,
 * raw table), `preDNAT` (mangle PREROUTING, ingress), `normal` (filter), `forward` (applyOnForward policies on
 * forwarded traffic). Workload endpoints only have `normal`.
 */
export const Stage = Type.Union([
  Type.Literal("untracked"),
  Type.Literal("preDNAT"),
  Type.Literal("normal"),
  Type.Literal("forward"),
]);
export type Stage = Static<typeof Stage>;

export const Direction = Type.Union([Type.Literal("Ingress"), Type.Literal("Egress")]);
export type Direction = Static<typeof Direction>;

/** A policy as it appears in an endpoint's ordered list for one stage. */
export const AppliedPolicy = Type.Object({
  /** `PolicySummary.key`. */
  key: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  namespace: Type.Optional(Type.String()),
  tier: Type.String(),
  order: Type.Union([Type.Number(), Type.Null()]),
  /** The directions in which it applies to this endpoint (its `types`). */
  directions: Type.Array(Direction),
  /** Staged policies are listed but never enforce. */
  staged: Type.Boolean(),
});
export type AppliedPolicy = Static<typeof AppliedPolicy>;

/** Per stage, the policies that apply, in evaluation order. */
export const StagePolicies = Type.Object({
  untracked: Type.Array(AppliedPolicy),
  preDNAT: Type.Array(AppliedPolicy),
  normal: Type.Array(AppliedPolicy),
  forward: Type.Array(AppliedPolicy),
});
export type StagePolicies = Static<typeof StagePolicies>;

/** `public`/`private` from IBM Cloud's `ibm.role` label (worker_public/worker_private); null otherwise. */
export const InterfaceRole = Type.Union([Type.Literal("public"), Type.Literal("private"), Type.Null()]);
export type InterfaceRole = Static<typeof InterfaceRole>;

export const HostEndpointSummary = Type.Object({
  ref: EndpointRef,
  node: Type.String(),
  interfaceName: Type.Optional(Type.String()),
  expectedIPs: Type.Array(Type.String()),
  /** The object's own labels. */
  labels: Labels,
  /** Own labels, then inherited profile labels (docs/calico-semantics.md section 3, label inheritance). */
  effectiveLabels: Labels,
  profiles: Type.Array(Type.String()),
  role: InterfaceRole,
  /** How many policies apply, all stages together. */
  policyCount: Type.Integer({ minimum: 0 }),
});
export type HostEndpointSummary = Static<typeof HostEndpointSummary>;

export const HostEndpointList = Type.Object({ items: Type.Array(HostEndpointSummary) });
export type HostEndpointList = Static<typeof HostEndpointList>;

export const HostEndpointDetail = Type.Object({
  summary: HostEndpointSummary,
  object: ResourceObject,
  yaml: Type.String(),
  policies: StagePolicies,
  /**
   * True when no enforcing policy applies in the normal stage: traffic is then denied apart from failsafe ports and
   * established connections, unless a profile allows it (docs/calico-semantics.md section 4).
   */
  defaultDeny: Type.Boolean(),
  warnings: Type.Array(Type.String()),
});
export type HostEndpointDetail = Static<typeof HostEndpointDetail>;

export const WorkloadEndpointSummary = Type.Object({
  ref: EndpointRef,
  node: Type.String(),
  ips: Type.Array(Type.String()),
  serviceAccount: Type.Optional(Type.String()),
  /** The pod's labels. */
  labels: Labels,
  /** Pod labels plus `projectcalico.org/*`, `pcns.*` and `pcsa.*` labels as Calico derives them. */
  effectiveLabels: Labels,
  policyCount: Type.Integer({ minimum: 0 }),
});
export type WorkloadEndpointSummary = Static<typeof WorkloadEndpointSummary>;

export const WorkloadEndpointList = Type.Object({ items: Type.Array(WorkloadEndpointSummary) });
export type WorkloadEndpointList = Static<typeof WorkloadEndpointList>;

export const WorkloadEndpointDetail = Type.Object({
  summary: WorkloadEndpointSummary,
  /** The Pod as Palisade caches it: projected to the fields Palisade reads (apps/bff/src/kube/projection.ts). */
  object: ResourceObject,
  /** Only `normal` is ever populated for pods. */
  policies: StagePolicies,
  warnings: Type.Array(Type.String()),
});
export type WorkloadEndpointDetail = Static<typeof WorkloadEndpointDetail>;

export const HostEndpointParams = Type.Object({ cluster: Type.String(), name: Type.String() });
export type HostEndpointParams = Static<typeof HostEndpointParams>;

export const WorkloadEndpointParams = Type.Object({
  cluster: Type.String(),
  namespace: Type.String(),
  name: Type.String(),
});
export type WorkloadEndpointParams = Static<typeof WorkloadEndpointParams>;

export const WorkloadEndpointQuery = Type.Object({ namespace: Type.Optional(Type.String()) });
export type WorkloadEndpointQuery = Static<typeof WorkloadEndpointQuery>;
