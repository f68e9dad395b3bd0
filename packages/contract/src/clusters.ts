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
