import { type Static, Type } from "typebox";
import { ExplainRequest, Verdict } from "./explain";

/** A group of endpoints Calico treats alike, or an interval of addresses no endpoint owns. */
export const ConnectivityGroup = Type.Union([
  Type.Object({
    kind: Type.Literal("endpoints"),
    /** In words, e.g. `pods in shop with app=web`, `host endpoints with ibm.role=worker_public`. */
    description: Type.String(),
    count: Type.Integer({ minimum: 0 }),
    /** Up to ten member ids. */
    sample: Type.Array(Type.String()),
  }),
  Type.Object({
    kind: Type.Literal("addresses"),
    /** `a.b.c.d-w.x.y.z`, or `any address` when no rule on the path names a net. */
    description: Type.String(),
  }),
]);
export type ConnectivityGroup = Static<typeof ConnectivityGroup>;

/** Traffic from one group to another whose verdict the change turns. */
export const ConnectivityChange = Type.Object({
  from: ConnectivityGroup,
  to: ConnectivityGroup,
  /** A protocol name or number; `any` when every protocol changed alike on every port. */
  protocol: Type.String(),
  /** Destination ports, e.g. `all`, `80`, `1-79, 81-65535`; empty for protocols without ports. */
  ports: Type.String(),
  before: Verdict,
  after: Verdict,
  /** Endpoint pairs (or endpoints, beside an address group) it applies to. */
  pairs: Type.Integer({ minimum: 0 }),
  /** One such packet, to walk with explain (add the proposed YAML to see it after the change). */
  example: ExplainRequest,
});
export type ConnectivityChange = Static<typeof ConnectivityChange>;

/**
 * What a proposed change does to reachability across the cluster, computed over classes of endpoints Calico cannot
 * tell apart; packets go to endpoints' own addresses (Services: use explain).
 */
export const ConnectivityDiff = Type.Object({
  changes: Type.Array(ConnectivityChange),
  /** Endpoints whose own policy, or whose node's host endpoint policy, the change touches. */
  touched: Type.Integer({ minimum: 0 }),
  classes: Type.Integer({ minimum: 0 }),
  /** Packets walked on each side of the change. */
  probes: Type.Integer({ minimum: 0 }),
  /** False when the walk stopped at its budget: the changes listed are real, there may be more. */
  complete: Type.Boolean(),
});
export type ConnectivityDiff = Static<typeof ConnectivityDiff>;
