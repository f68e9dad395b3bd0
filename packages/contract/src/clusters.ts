import { type Static, Type } from "typebox";

/** Where a cluster connection came from. */
export const ClusterSource = Type.Union([Type.Literal("kubeconfig"), Type.Literal("in-cluster"), Type.Literal("demo")]);
export type ClusterSource = Static<typeof ClusterSource>;

/**
 * `connecting`: first contact and discovery; `syncing`: informers listing; `ready`: every cache synced;
 * `reconnecting`: a watch dropped and is being resumed (data shown may be seconds old); `error`: the cluster could
 * not be used (bad kubeconfig, unreachable, unauthorised); `message` says why.
 */
export const ClusterStatus = Type.Union([
  Type.Literal("connecting"),
  Type.Literal("syncing"),
  Type.Literal("ready"),
  Type.Literal("reconnecting"),
  Type.Literal("error"),
]);
export type ClusterStatus = Static<typeof ClusterStatus>;

/**
 * How the cluster stores Calico objects (docs/calico-semantics.md section 3): `v3` is `projectcalico.org/v3` served
 * natively or by the Calico API server; `v1` is classic `crd.projectcalico.org/v1` storage, converted on read and
 * write. `none` when neither group is present (Calico not installed); null until discovery has run.
 */
export const CalicoStorage = Type.Union([Type.Literal("v3"), Type.Literal("v1"), Type.Literal("none"), Type.Null()]);
export type CalicoStorage = Static<typeof CalicoStorage>;

/**
 * Where Palisade learned the cluster's Calico version: ClusterInformation `default` (`spec.calicoVersion`), the
 * calico-node image tag, how the policies already stored are named (which gives only "v3.31 or older" or "v3.32 or
 * newer"), or nowhere.
 */
export const CalicoVersionSource = Type.Union([
  Type.Literal("ClusterInformation"),
  Type.Literal("calico-node image"),
  Type.Literal("stored names"),
  Type.Literal("unknown"),
]);
export type CalicoVersionSource = Static<typeof CalicoVersionSource>;

/** The cluster's Calico version, and how Palisade writes policies for it (docs/calico-semantics.md section 3). */
export const CalicoVersionInfo = Type.Object({
  /** As the cluster reports it (`v3.31.0`); null when only a range or nothing is known. */
  version: Type.Union([Type.String(), Type.Null()]),
  source: CalicoVersionSource,
  /**
   * Policies are stored as `<tier>.<name>` (`default.<name>`) and other tiers' names must carry the tier, as Calico up
   * to v3.31 (and, for an unknown version, the form every version reads).
   */
  tieredPolicyNames: Type.Boolean(),
  /** One sentence for people: what is known, from where, and what Palisade writes because of it. */
  note: Type.String(),
});
export type CalicoVersionInfo = Static<typeof CalicoVersionInfo>;

/** One informer's state, for `/readyz` and the cluster page. */
export const CacheState = Type.Object({
  /** The resource, e.g. `GlobalNetworkPolicy`, `Pod`. */
  resource: Type.String(),
  synced: Type.Boolean(),
  count: Type.Integer({ minimum: 0 }),
  lastError: Type.Optional(Type.String()),
});
export type CacheState = Static<typeof CacheState>;

export const ClusterSummary = Type.Object({
  /** The id used in URLs: the kubeconfig context name, `in-cluster` or `demo`. */
  name: Type.String(),
  source: ClusterSource,
  /** The API server URL (never credentials). */
  server: Type.String(),
  /** The kubeconfig user name (never its token). */
  user: Type.Optional(Type.String()),
  default: Type.Boolean(),
  status: ClusterStatus,
  message: Type.Optional(Type.String()),
  storage: CalicoStorage,
  /** Null until discovery has run. */
  calico: Type.Union([CalicoVersionInfo, Type.Null()]),
  caches: Type.Array(CacheState),
});
export type ClusterSummary = Static<typeof ClusterSummary>;

export const ClusterList = Type.Object({
  items: Type.Array(ClusterSummary),
  /** The cluster the UI opens first: the kubeconfig's current context, `in-cluster` or `demo`. */
  default: Type.String(),
});
export type ClusterList = Static<typeof ClusterList>;

/** Path parameters of every per-cluster route: `/api/v1/clusters/:cluster/...`. */
export const ClusterParams = Type.Object({ cluster: Type.String({ minLength: 1, maxLength: 253 }) });
export type ClusterParams = Static<typeof ClusterParams>;
