import { type Static, Type } from "typebox";
import { EndpointKind, EndpointRef } from "./endpoints";

/**
 * `GET /api/v1/clusters/:cluster/selector?selector=...&limit=100&kind=HostEndpoint`. An invalid selector is a 400
 * `InvalidSelector` whose single detail has `path: "selector"` and the parse error's `offset`.
 */
export const SelectorQuery = Type.Object({
  selector: Type.String({ maxLength: 4096 }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  kind: Type.Optional(EndpointKind),
});
export type SelectorQuery = Static<typeof SelectorQuery>;

export const SelectorMatch = Type.Object({
  endpoint: EndpointRef,
  labels: Type.Record(Type.String(), Type.String()),
});
export type SelectorMatch = Static<typeof SelectorMatch>;

export const SelectorResult = Type.Object({
  selector: Type.String(),
  /** Calico's canonical form (`Selector.String()`). */
  canonical: Type.String(),
  /** At most `limit` matches, host endpoints first, then pods, by id. */
  items: Type.Array(SelectorMatch),
  total: Type.Integer({ minimum: 0 }),
  truncated: Type.Boolean(),
  totals: Type.Object({
    hostEndpoints: Type.Integer({ minimum: 0 }),
    workloadEndpoints: Type.Integer({ minimum: 0 }),
  }),
});
export type SelectorResult = Static<typeof SelectorResult>;
