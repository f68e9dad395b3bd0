import { type Static, Type } from "typebox";
import { ResourceRef } from "./resources";

/**
 * One line of the audit log (JSON lines, append-only, survives restarts). Every apply and delete (not dry-runs)
 * writes one entry per object, successes and failures alike, plus one per object a rollback touched.
 */
export const AuditEntry = Type.Object({
  /** ISO 8601 UTC. */
  time: Type.String(),
  /** Who asked: the impersonated or token user, or `palisade` (the server's own credentials) in local mode. */
  user: Type.String(),
  cluster: Type.String(),
  action: Type.Union([
    Type.Literal("create"),
    Type.Literal("update"),
    Type.Literal("delete"),
    Type.Literal("rollback"),
  ]),
  object: ResourceRef,
  /** The resourceVersion before and after (null when absent). */
  fromResourceVersion: Type.Union([Type.String(), Type.Null()]),
  toResourceVersion: Type.Union([Type.String(), Type.Null()]),
  /** Unified diff of the object's YAML, before to after. */
  diff: Type.String(),
  outcome: Type.Union([Type.Literal("success"), Type.Literal("failure")]),
  message: Type.Optional(Type.String()),
  /** Groups the entries of one request. */
  requestId: Type.String(),
});
export type AuditEntry = Static<typeof AuditEntry>;

/** `GET /api/v1/clusters/:cluster/audit?limit=100`: newest first. */
export const AuditQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditList = Type.Object({
  items: Type.Array(AuditEntry),
  total: Type.Integer({ minimum: 0 }),
});
export type AuditList = Static<typeof AuditList>;
