import { type Static, Type } from "typebox";
import { ExpectedVersion, Warning } from "./documents";
import { EndpointMatches } from "./endpoints";
import { ExplainRequest, Verdict } from "./explain";
import { ResourceRef } from "./resources";

/** IBM's isolation sets (`@palisade/calico` ISOLATION_SETS). */
export const PolicySetId = Type.Union([Type.Literal("public-isolation"), Type.Literal("private-isolation")]);
export type PolicySetId = Static<typeof PolicySetId>;

export const PolicySetParams = Type.Object({
  /** Default: the region the nodes' labels name. */
  region: Type.Optional(Type.String({ minLength: 1 })),
  /** Default: IBM's 172.30.0.0/16. */
  podSubnet: Type.Optional(Type.String({ minLength: 1 })),
  /** Default: the region files' master proxy addresses. */
  masterProxy: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
  /** Optional members to include. */
  with: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
});
export type PolicySetParams = Static<typeof PolicySetParams>;

export const PolicySetParamsPath = Type.Object({ cluster: Type.String({ minLength: 1 }), set: PolicySetId });
export type PolicySetParamsPath = Static<typeof PolicySetParamsPath>;

/** A parameter's value and where it came from (a node label, the catalog's default, the request). */
export const SourcedValue = Type.Object({ value: Type.Union([Type.String(), Type.Null()]), source: Type.String() });
export type SourcedValue = Static<typeof SourcedValue>;

export const PolicySetMemberPlan = Type.Object({
  member: Type.String(),
  /** IBM's file name, e.g. `allow-ibm-ports-public.yaml`. */
  file: Type.String(),
  optional: Type.Boolean(),
  included: Type.Boolean(),
  summary: Type.String(),
  /** The member's documents, stamped for Palisade; empty when not included. */
  yaml: Type.String(),
  objects: Type.Array(
    Type.Object({
      ref: ResourceRef,
      action: Type.Union([Type.Literal("create"), Type.Literal("update"), Type.Literal("unchanged")]),
    }),
  ),
  /** The endpoints its policies select once applied. */
  selects: EndpointMatches,
});
export type PolicySetMemberPlan = Static<typeof PolicySetMemberPlan>;

/** A worker and its private host endpoint: there already, created by the set, or impossible (no private IP). */
export const PolicySetWorker = Type.Object({
  node: Type.String(),
  privateIp: Type.Union([Type.String(), Type.Null()]),
  hostEndpoint: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal("exists"), Type.Literal("created"), Type.Literal("missing")]),
});
export type PolicySetWorker = Static<typeof PolicySetWorker>;

/** One packet, explained on the cluster as it is and as it would be with the set. */
export const PolicySetProbe = Type.Object({
  id: Type.String(),
  description: Type.String(),
  request: ExplainRequest,
  before: Verdict,
  after: Verdict,
  beforeSummary: Type.String(),
  afterSummary: Type.String(),
});
export type PolicySetProbe = Static<typeof PolicySetProbe>;

export const PolicySetPlan = Type.Object({
  set: PolicySetId,
  title: Type.String(),
  catalogVersion: Type.String(),
  region: SourcedValue,
  regionNote: Type.Optional(Type.String()),
  podSubnet: SourcedValue,
  masterProxy: Type.Array(Type.String()),
  with: Type.Array(Type.String()),
  members: Type.Array(PolicySetMemberPlan),
  /** Every included member's documents, one change. */
  yaml: Type.String(),
  workers: Type.Array(PolicySetWorker),
  probes: Type.Array(PolicySetProbe),
  /** Why applying would cut a worker off; apply refuses unless `confirm` names the cluster. */
  lockOut: Type.Array(Type.String()),
  warnings: Type.Array(Warning),
});
export type PolicySetPlan = Static<typeof PolicySetPlan>;

export const PolicySetApplyRequest = Type.Object({
  params: PolicySetParams,
  /** The cluster's name, typed by the user, to apply despite a lock-out. */
  confirm: Type.Optional(Type.String()),
  expected: Type.Optional(Type.Array(ExpectedVersion)),
});
export type PolicySetApplyRequest = Static<typeof PolicySetApplyRequest>;

/** A field of a set's object that differs from what the catalog generates for the set's parameters. */
export const PolicySetFieldChange = Type.Object({
  path: Type.String(),
  /** JSON of the catalog's value; absent when the field should not be there. */
  expected: Type.Optional(Type.String()),
  /** JSON of the cluster's value; absent when the field is missing. */
  live: Type.Optional(Type.String()),
});
export type PolicySetFieldChange = Static<typeof PolicySetFieldChange>;

export const PolicySetObjectState = Type.Object({
  member: Type.String(),
  ref: ResourceRef,
  status: Type.Union([Type.Literal("up-to-date"), Type.Literal("edited"), Type.Literal("missing")]),
  changes: Type.Array(PolicySetFieldChange),
});
export type PolicySetObjectState = Static<typeof PolicySetObjectState>;

/** A set Palisade's labels mark in the cluster, against the catalog. */
export const PolicySetFound = Type.Object({
  set: PolicySetId,
  region: Type.String(),
  /** The catalog version the set was applied from. */
  catalogVersion: Type.String(),
  /** The current catalog is newer than the one the set was applied from. */
  newerCatalog: Type.Boolean(),
  params: PolicySetParams,
  objects: Type.Array(PolicySetObjectState),
  /** Workers with no private host endpoint (private set): the set does not protect their eth0. */
  workersWithoutHostEndpoint: Type.Array(Type.String()),
  upToDate: Type.Boolean(),
});
export type PolicySetFound = Static<typeof PolicySetFound>;

export const PolicySetList = Type.Object({ catalogVersion: Type.String(), sets: Type.Array(PolicySetFound) });
export type PolicySetList = Static<typeof PolicySetList>;
