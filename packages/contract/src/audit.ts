import { type Static, Type } from "typebox";
import { ResourceKind } from "./kinds";
import { ResourceRef } from "./resources";

/**
 * One record of the change history. Every apply and delete (not dry-runs) writes one entry per object, successes
 * and failures alike, plus one per object a rollback touched. Where records are kept (a JSON-lines file, or
 * AuditRecord objects in the cluster) is the server's choice (`--audit-store`); each is also logged on stdout.
 */
export const AuditEntry = Type.Object({
  /** Unique per entry: what "restore this version" names. */
  id: Type.String({ minLength: 1, maxLength: 253 }),
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
  /**
   * On a write the server acknowledged and a later failure in the same request then undid: the id of the rollback
   * entry that restored the object. The entry still records what was written; it reads as rolled back.
   */
  rolledBackBy: Type.Optional(Type.String({ minLength: 1, maxLength: 253 })),
  /**
   * The object's YAML (editable form) as a successful create or update left it, or as a successful delete removed
   * it: the version "restore this version" offers. Absent on failures and rollbacks.
   */
  yaml: Type.Optional(Type.String()),
});
export type AuditEntry = Static<typeof AuditEntry>;

/** What a history entry amounts to for the person reading it. */
export const HistoryOutcome = Type.Union([
  Type.Literal("applied"),
  Type.Literal("refused"),
  Type.Literal("rolled-back"),
]);
export type HistoryOutcome = Static<typeof HistoryOutcome>;

/**
 * A write its request rolled back, and the rollback that restored it, read as rolled back; a rollback the server
 * refused (the write it meant to undo stays applied) and any other failure (nothing of it was written) as refused.
 */
export function historyOutcome(entry: Pick<AuditEntry, "action" | "outcome" | "rolledBackBy">): HistoryOutcome {
  if (entry.action === "rollback") return entry.outcome === "success" ? "rolled-back" : "refused";
  if (entry.rolledBackBy !== undefined) return "rolled-back";
  return entry.outcome === "success" ? "applied" : "refused";
}

/**
 * `GET /api/v1/clusters/:cluster/audit`: newest first, at most `limit`, narrowed by every filter given. `kind`,
 * `name` and `namespace` match exactly (one object's history); `object` matches part of the name, any case.
 */
export const AuditQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  kind: Type.Optional(ResourceKind),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 253 })),
  namespace: Type.Optional(Type.String({ minLength: 1, maxLength: 63 })),
  object: Type.Optional(Type.String({ maxLength: 253 })),
  user: Type.Optional(Type.String({ maxLength: 253 })),
  outcome: Type.Optional(HistoryOutcome),
});
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditList = Type.Object({
  items: Type.Array(AuditEntry),
  /** Entries matching the filters among those kept (before `limit`). */
  total: Type.Integer({ minimum: 0 }),
});
export type AuditList = Static<typeof AuditList>;

/** `GET /api/v1/clusters/:cluster/audit/:id`. */
export const AuditParams = Type.Object({
  cluster: Type.String({ minLength: 1, maxLength: 253 }),
  id: Type.String({ minLength: 1, maxLength: 253 }),
});
export type AuditParams = Static<typeof AuditParams>;
