import { randomUUID } from "node:crypto";
import { refLabel } from "@palisade/calico";
import type {
  AuditEntry,
  DeleteOutcome,
  DeleteResult,
  DeleteTarget,
  ResourceObject,
  ResourceRef,
  RollbackReport,
} from "@palisade/contract";
import { newAuditId } from "../audit/store";
import type { AuditTrail } from "../audit/trail";
import type { Cluster } from "../clusters/cluster";
import { HttpError } from "../errors";
import { type Identity, KubeError } from "../kube/http";
import { ObjectClient, type ObjectWriter } from "../kube/objects";
import { type KubeObject, type ResourceType, typeOf } from "../kube/resources";
import { mapBounded } from "./bounded";
import { failureCode } from "./failure";
import { editable, toYaml, unifiedDiff } from "./render";

export interface DeleteContext {
  readonly cluster: Cluster;
  readonly identity: Identity;
  readonly user: string;
  readonly audit: Pick<AuditTrail, "append">;
}

/** A delete target resolved against the cache. */
export interface ResolvedTarget {
  readonly ref: ResourceRef;
  readonly type: ResourceType;
  readonly live: KubeObject | undefined;
  /** The version the delete is conditional on (the caller's, else the cached one). */
  readonly resourceVersion: string | undefined;
  /** One stored copy of a name stored twice: its stored name, and the copy that stays and is enforced. */
  readonly copy?: { readonly storedName: string; readonly remaining: KubeObject | undefined };
}

/** Resolves targets; a kind the cluster does not serve is a 400 `UnknownKind`. */
export function resolveTargets(cluster: Cluster, targets: readonly DeleteTarget[]): ResolvedTarget[] {
  return targets.map(({ ref, resourceVersion, storedName }, i) => {
    const type = typeOf(ref.kind);
    if (type === undefined || cluster.servedType(type.resource) === undefined) {
      throw new HttpError("UnknownKind", `target ${i}: cluster ${cluster.name} does not serve ${ref.kind}`, [
        { path: `targets[${i}].ref.kind`, message: `${ref.kind} is not served by this cluster` },
      ]);
    }
    if (type.namespaced !== (ref.namespace !== undefined)) {
      throw new HttpError(
        "BadRequest",
        `target ${i}: ${ref.kind} is ${type.namespaced ? "namespaced: give its namespace" : "cluster-scoped: remove the namespace"}`,
        [
          {
            path: `targets[${i}].ref.namespace`,
            message: type.namespaced ? "required for this kind" : "not allowed for this kind",
          },
        ],
      );
    }
    if (storedName !== undefined) {
      const copies = cluster.storedCopies(type.resource, ref.namespace, ref.name);
      const live = copies.find((c) => c.stored.metadata.name === storedName)?.user;
      const others = copies.filter((c) => c.stored.metadata.name !== storedName);
      const remaining =
        others.find((c) => c.stored.metadata.name === cluster.storageName(type, ref.namespace, ref.name)) ?? others[0];
      return {
        ref,
        type,
        live,
        resourceVersion: resourceVersion ?? live?.metadata.resourceVersion,
        copy: { storedName, remaining: remaining?.user },
      };
    }
    const live = cluster.object(type.resource, ref.namespace, ref.name);
    return { ref, type, live, resourceVersion: resourceVersion ?? live?.metadata.resourceVersion };
  });
}

/**
 * Deletes the targets: all are dry-run first (nothing is deleted unless every delete would succeed), then deleted one
 * by one, each conditional on its resourceVersion (409 with both versions if it changed). If a delete still fails
 * part-way, the objects already deleted are created again as they were and the result says so.
 */
export async function deleteTargets(
  ctx: DeleteContext,
  targets: readonly ResolvedTarget[],
  objects: ObjectWriter = new ObjectClient(ctx.cluster),
): Promise<DeleteResult> {
  const checks = await mapBounded(targets, (t) => deleteOne(objects, ctx, t, true));
  const requestId = randomUUID();
  if (checks.some((c) => c.status !== "deleted")) {
    const refused = checks.map((c) =>
      c.status === "deleted" ? { ...c, status: "skipped" as const, message: "not deleted: another target failed" } : c,
    );
    // A refused delete is audited like a refused apply: who tried to delete what, and why it was refused.
    await ctx.audit.append(targets.map((t, i) => entry(ctx, requestId, t, "delete", "failure", refused[i]?.message)));
    return finish({ outcome: "rejected", targets: refused });
  }
  const outcomes: DeleteOutcome[] = [];
  const deleted: { target: ResolvedTarget; entry: AuditEntry }[] = [];
  const audit: AuditEntry[] = [];
  let failed = false;
  for (const t of targets) {
    if (failed) {
      outcomes.push({ ref: t.ref, status: "skipped", message: "not deleted: an earlier target failed" });
      continue;
    }
    const outcome = await deleteOne(objects, ctx, t, false);
    outcomes.push(outcome);
    const record = entry(
      ctx,
      requestId,
      t,
      "delete",
      outcome.status === "deleted" ? "success" : "failure",
      outcome.message,
    );
    audit.push(record);
    if (outcome.status === "deleted") deleted.push({ target: t, entry: record });
    else failed = true;
  }
  let rollback: RollbackReport | undefined;
  if (failed && deleted.length > 0) {
    rollback = { restored: [], failed: [] };
    for (const { target: t, entry: deletion } of [...deleted].reverse()) {
      if (t.live === undefined) continue;
      try {
        await objects.create(t.type, editable(t.live), { identity: ctx.identity });
        rollback.restored.push(t.ref);
        const o = outcomes.find((x) => x.ref === t.ref);
        if (o !== undefined)
          Object.assign(o, {
            status: "restored",
            message: "deleted, then created again because a later delete failed",
          });
        const undo = entry(ctx, requestId, t, "rollback", "success");
        deletion.rolledBackBy = undo.id;
        audit.push(undo);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        rollback.failed.push({ ref: t.ref, message });
        audit.push(entry(ctx, requestId, t, "rollback", "failure", message));
      }
    }
  }
  await ctx.audit.append(audit);
  if (!failed) return { outcome: "deleted", targets: outcomes };
  return finish({
    outcome: rollback === undefined ? "rejected" : rollback.failed.length === 0 ? "rolled-back" : "rollback-failed",
    targets: outcomes,
    ...(rollback === undefined ? {} : { rollback }),
  });
}

function finish(result: DeleteResult): DeleteResult {
  const failed = result.targets.find((t) => !["deleted", "skipped", "restored"].includes(t.status));
  const code = failureCode(result.outcome === "rollback-failed", failed?.status);
  const what = failed === undefined ? "" : `${refLabel(failed.ref)}: `;
  throw new HttpError(code, `${what}${failed?.message ?? "delete failed"}`, undefined, { result });
}

async function deleteOne(
  objects: ObjectWriter,
  ctx: DeleteContext,
  t: ResolvedTarget,
  dryRun: boolean,
): Promise<DeleteOutcome> {
  if (t.live === undefined) return { ref: t.ref, status: "not-found", message: "it does not exist (already deleted?)" };
  try {
    await objects.delete(t.type, t.ref.namespace, t.ref.name, t.resourceVersion, {
      identity: ctx.identity,
      dryRun,
      ...(t.copy === undefined ? {} : { storedName: t.copy.storedName }),
    });
    return { ref: t.ref, status: "deleted" };
  } catch (err) {
    if (!(err instanceof KubeError)) throw err;
    if (err.statusCode === 404) return { ref: t.ref, status: "not-found", message: err.message };
    if (err.statusCode === 403 || err.statusCode === 401)
      return { ref: t.ref, status: "forbidden", message: err.message };
    if (err.statusCode === 409) {
      const live = await objects.get(t.type, t.ref.namespace, t.ref.name, ctx.identity).catch(() => t.live);
      return {
        ref: t.ref,
        status: "conflict",
        message: `it changed after you loaded it (your version ${t.resourceVersion}, now ${live?.metadata.resourceVersion ?? "deleted"}); review the live version before deleting`,
        conflict: {
          expectedResourceVersion: t.resourceVersion ?? null,
          liveResourceVersion: live?.metadata.resourceVersion ?? null,
          live: (live as ResourceObject | undefined) ?? null,
          liveYaml: live === undefined ? null : toYaml(editable(live)),
          proposed: t.live as ResourceObject,
          proposedYaml: toYaml(editable(t.live)),
        },
      };
    }
    return { ref: t.ref, status: "failed", message: err.message };
  }
}

function entry(
  ctx: DeleteContext,
  requestId: string,
  t: ResolvedTarget,
  action: "delete" | "rollback",
  outcome: "success" | "failure",
  message?: string,
): AuditEntry {
  const yaml = t.live === undefined ? null : toYaml(editable(t.live));
  const copy =
    t.copy === undefined
      ? undefined
      : `the stored copy ${t.copy.storedName} only${t.copy.remaining === undefined ? "" : "; the other copy stays"}`;
  const note = [copy, message].filter((m) => m !== undefined).join("; ");
  return {
    id: newAuditId(),
    time: new Date().toISOString(),
    user: ctx.user,
    cluster: ctx.cluster.name,
    action,
    object: t.ref,
    fromResourceVersion: action === "delete" ? (t.resourceVersion ?? null) : null,
    toResourceVersion: null,
    diff: action === "delete" ? unifiedDiff(t.ref.name, yaml, null) : unifiedDiff(t.ref.name, null, yaml),
    outcome,
    ...(note === "" ? {} : { message: note }),
    requestId,
    // What was deleted, so that "restore this version" can create it again.
    ...(action === "delete" && outcome === "success" && yaml !== null ? { yaml } : {}),
  };
}
