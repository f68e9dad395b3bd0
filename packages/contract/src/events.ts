import { type Static, Type } from "typebox";
import { ClusterStatus } from "./clusters";

/**
 * Server-Sent Events at `GET /api/v1/clusters/:cluster/events` (`text/event-stream`). Each message has an `event:`
 * name equal to the payload's `type` and a JSON `data:` line. A comment line (`: ping`) every 15 s keeps proxies from
 * closing the stream. On connect the server sends one `status` event with the current state.
 */
export const ChangeEvent = Type.Object({
  type: Type.Literal("change"),
  cluster: Type.String(),
  action: Type.Union([Type.Literal("added"), Type.Literal("modified"), Type.Literal("deleted")]),
  /** The resource kind as in `CacheState.resource`, e.g. `GlobalNetworkPolicy`, `KubernetesNetworkPolicy`, `Pod`. */
  resource: Type.String(),
  name: Type.String(),
  namespace: Type.Optional(Type.String()),
  resourceVersion: Type.String(),
});
export type ChangeEvent = Static<typeof ChangeEvent>;

/** The cluster connection changed state (e.g. `reconnecting` while a watch is resumed, then `ready`). */
export const StatusEvent = Type.Object({
  type: Type.Literal("status"),
  cluster: Type.String(),
  status: ClusterStatus,
  message: Type.Optional(Type.String()),
});
export type StatusEvent = Static<typeof StatusEvent>;

/** A relist replaced the whole cache (after `410 Gone`): refetch everything for the cluster. */
export const ResyncEvent = Type.Object({
  type: Type.Literal("resync"),
  cluster: Type.String(),
  resource: Type.String(),
});
export type ResyncEvent = Static<typeof ResyncEvent>;

export const ServerEvent = Type.Union([ChangeEvent, StatusEvent, ResyncEvent]);
export type ServerEvent = Static<typeof ServerEvent>;
