import { randomUUID } from "node:crypto";
import { refLabel } from "@palisade/calico";
import type {
  ApplyOutcome,
  ApplyResult,
  AuditEntry,
  Conflict,
  DocumentOutcome,
  FieldError,
  ResourceObject,
  RollbackReport,
  Warning,
} from "@palisade/contract";
import { newAuditId } from "../audit/store";
import type { AuditTrail } from "../audit/trail";
import type { Cluster } from "../clusters/cluster";
import { HttpError } from "../errors";
import { type Identity, KubeError } from "../kube/http";
import { ObjectClient, type ObjectWriter } from "../kube/objects";
import type { KubeObject } from "../kube/resources";
import { mapBounded } from "./bounded";
import { failureCode } from "./failure";
import type { PlannedDocument } from "./plan";
import { editable, toYaml, unifiedDiff } from "./render";

export interface ApplyContext {
  readonly cluster: Cluster;
  readonly identity: Identity;
  /** The user the audit log names. */
  readonly user: string;
  readonly audit: Pick<AuditTrail, "append">;
  readonly warnings: readonly Warning[];
}

/**
 * Dry-runs every document with the cluster (`dryRun=All`, so admission and the cluster's own validation run) and,
 * unless `dryRun`, writes them one by one only when all passed. Creates and replaces carry the expected
 * resourceVersion, so a concurrent change is a 409 with both versions, never a lost update. If a write still fails
 * part-way, what was written is restored (deleted if created, replaced back if updated) and the result says so.
 */
export async function applyDocuments(
  ctx: ApplyContext,
  planned: readonly PlannedDocument[],
  dryRun: boolean,
  objects: ObjectWriter = new ObjectClient(ctx.cluster),
): Promise<ApplyResult> {
  const checks = await mapBounded(planned, (doc) => writeOne(objects, ctx, doc, true));
  const requestId = randomUUID();
  if (dryRun || checks.some((c) => c.status !== "ok" && c.status !== "unchanged")) {
    const failed = checks.some((c) => c.status !== "ok" && c.status !== "unchanged");
    const documents = failed
      ? checks.map((c) =>
          c.status === "ok" ? { ...c, status: "skipped" as const, message: "not written: another document failed" } : c,
        )
      : checks;
    // A refused apply is audited too (the dry run found the failure before anything was written).
    if (failed && !dryRun) {
      await ctx.audit.append(
        planned.flatMap((doc, i) => {
          const o = documents[i];
          return o === undefined || o.status === "unchanged"
            ? []
            : [auditEntry(ctx, requestId, doc, { ...o, status: o.status === "ok" ? "skipped" : o.status })];
        }),
      );
    }
    return finish({ dryRun, outcome: failed ? "rejected" : "dry-run", documents, warnings: [...ctx.warnings] });
  }
  const outcomes: DocumentOutcome[] = [];
  const written: Written[] = [];
  const audit: AuditEntry[] = [];
  let failure: DocumentOutcome | undefined;
  for (const doc of planned) {
    if (failure !== undefined) {
      outcomes.push(base(doc, "skipped", "not written: an earlier document failed"));
      continue;
    }
    const outcome = await writeOne(objects, ctx, doc, false);
    outcomes.push(outcome);
    if (outcome.status === "unchanged") continue;
    const entry = auditEntry(ctx, requestId, doc, outcome);
    audit.push(entry);
    if (outcome.status === "ok" && outcome.object !== undefined)
      written.push({ doc, result: outcome.object as KubeObject, entry });
    else failure = outcome;
  }
  let rollback: RollbackReport | undefined;
  if (failure !== undefined && written.length > 0) {
    rollback = await rollBack(objects, ctx, written, requestId, audit);
    for (const r of rollback.restored) {
      const o = outcomes.find((x) => x.ref.kind === r.kind && x.ref.name === r.name && x.ref.namespace === r.namespace);
      if (o !== undefined)
        Object.assign(o, { status: "rolled-back", message: "written, then restored because a later document failed" });
    }
  }
  await ctx.audit.append(audit);
  let outcome: ApplyOutcome = "applied";
  if (failure !== undefined)
    outcome =
      rollback === undefined || rollback.failed.length === 0
        ? written.length > 0
          ? "rolled-back"
          : "rejected"
        : "rollback-failed";
  return finish({
    dryRun: false,
    outcome,
    documents: outcomes,
    warnings: [...ctx.warnings],
    ...(rollback === undefined ? {} : { rollback }),
  });
}

/** A result that is not a success becomes the error body's `result`, with the status of its first failure. */
function finish(result: ApplyResult): ApplyResult {
  if (result.outcome === "applied" || result.outcome === "dry-run") return result;
  const failed = result.documents.find((d) => !["ok", "unchanged", "skipped", "rolled-back"].includes(d.status));
  const code = failureCode(result.outcome === "rollback-failed", failed?.status);
  const where = failed === undefined ? "" : `document ${failed.index} (${refLabel(failed.ref)}): `;
  const tail =
    result.outcome === "rolled-back"
      ? "; the documents written before it were rolled back"
      : result.outcome === "rollback-failed"
        ? "; rolling back the documents written before it failed too, see result.rollback"
        : "; nothing was written";
  const details: FieldError[] = result.documents.flatMap((d) =>
    (d.details ?? []).map((f) => ({ ...f, document: d.index })),
  );
  throw new HttpError(
    code,
    `${result.dryRun ? "dry run failed: " : ""}${where}${failed?.message ?? "failed"}${result.dryRun ? "" : tail}`,
    details.length === 0 ? undefined : details,
    { result },
  );
}

async function writeOne(
  objects: ObjectWriter,
  ctx: ApplyContext,
  doc: PlannedDocument,
  dryRun: boolean,
): Promise<DocumentOutcome> {
  if (doc.action === "unchanged") {
    return {
      ...base(doc, "unchanged"),
      ...(doc.live?.metadata.resourceVersion === undefined
        ? {}
        : { resourceVersion: doc.live.metadata.resourceVersion }),
    };
  }
  // The cache already shows the expectation is stale: no need to ask the cluster to find the conflict.
  if ((doc.action === "create" && doc.expected !== null) || (doc.action === "update" && doc.expected === null)) {
    return conflictOutcome(objects, ctx, doc);
  }
  try {
    const options = { identity: ctx.identity, dryRun };
    const result =
      doc.action === "create" || doc.live === undefined
        ? await objects.create(doc.type, withVersion(doc.proposed, undefined), options)
        : await objects.replace(doc.type, withVersion(doc.proposed, doc.expected ?? undefined), doc.live, options);
    return {
      ...base(doc, "ok"),
      ...(result.metadata.resourceVersion === undefined ? {} : { resourceVersion: result.metadata.resourceVersion }),
      object: result as ResourceObject,
    };
  } catch (err) {
    if (!(err instanceof KubeError)) throw err;
    if (err.statusCode === 409) return conflictOutcome(objects, ctx, doc);
    if (err.statusCode === 403 || err.statusCode === 401) return base(doc, "forbidden", err.message);
    if (err.statusCode === 422 || err.statusCode === 400) {
      const causes = err.status?.details?.causes ?? [];
      return {
        ...base(doc, "invalid", err.message),
        details: causes.map((c) => ({ path: c.field ?? "", message: c.message ?? c.reason ?? "invalid" })),
      };
    }
    return base(doc, "failed", err.message);
  }
}

async function conflictOutcome(
  objects: ObjectWriter,
  ctx: ApplyContext,
  doc: PlannedDocument,
): Promise<DocumentOutcome> {
  const live = await objects.get(doc.type, doc.ref.namespace, doc.ref.name, ctx.identity).catch(() => doc.live);
  const conflict: Conflict = {
    expectedResourceVersion: doc.expected,
    liveResourceVersion: live?.metadata.resourceVersion ?? null,
    live: (live as ResourceObject | undefined) ?? null,
    liveYaml: live === undefined ? null : toYaml(editable(live)),
    proposed: doc.proposed as ResourceObject,
    proposedYaml: toYaml(editable(doc.proposed)),
  };
  const message =
    live === undefined
      ? `it was deleted after you loaded version ${doc.expected}`
      : doc.expected === null
        ? `it already exists (version ${live.metadata.resourceVersion}); load it and apply your change on top`
        : `it changed after you loaded it (your version ${doc.expected}, now ${live.metadata.resourceVersion}); rebase your change on the live version`;
  return { ...base(doc, "conflict", message), conflict };
}

function withVersion(obj: KubeObject, resourceVersion: string | undefined): KubeObject {
  const { resourceVersion: _drop, ...metadata } = obj.metadata;
  return { ...obj, metadata: resourceVersion === undefined ? metadata : { ...metadata, resourceVersion } };
}

function base(doc: PlannedDocument, status: DocumentOutcome["status"], message?: string): DocumentOutcome {
  return { index: doc.index, ref: doc.ref, action: doc.action, status, ...(message === undefined ? {} : { message }) };
}

/** A write the server acknowledged, with its history entry. */
interface Written {
  readonly doc: PlannedDocument;
  readonly result: KubeObject;
  readonly entry: AuditEntry;
}

/**
 * Restores what was written, newest first: created objects are deleted, replaced ones put back as they were. Each
 * write restored keeps its history entry, linked to the rollback entry that undid it.
 */
async function rollBack(
  objects: ObjectWriter,
  ctx: ApplyContext,
  written: readonly Written[],
  requestId: string,
  audit: AuditEntry[],
): Promise<RollbackReport> {
  const report: RollbackReport = { restored: [], failed: [] };
  for (const { doc, result, entry } of [...written].reverse()) {
    const rv = result.metadata.resourceVersion;
    try {
      if (doc.live === undefined) {
        await objects.delete(doc.type, doc.ref.namespace, doc.ref.name, rv, { identity: ctx.identity });
      } else {
        await objects.replace(doc.type, withVersion(doc.live, rv), result, { identity: ctx.identity });
      }
      report.restored.push(doc.ref);
      const undo = rollbackEntry(ctx, requestId, doc, result, "success");
      entry.rolledBackBy = undo.id;
      audit.push(undo);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      report.failed.push({ ref: doc.ref, message });
      audit.push(rollbackEntry(ctx, requestId, doc, result, "failure", message));
    }
  }
  return report;
}

function auditEntry(ctx: ApplyContext, requestId: string, doc: PlannedDocument, outcome: DocumentOutcome): AuditEntry {
  const before = doc.live === undefined ? null : toYaml(editable(doc.live));
  const after = toYaml(editable(doc.proposed));
  return {
    id: newAuditId(),
    time: new Date().toISOString(),
    user: ctx.user,
    cluster: ctx.cluster.name,
    action: doc.action === "create" ? "create" : "update",
    object: doc.ref,
    fromResourceVersion: doc.live?.metadata.resourceVersion ?? null,
    toResourceVersion: outcome.status === "ok" ? (outcome.resourceVersion ?? null) : null,
    diff: unifiedDiff(doc.ref.name, before, after),
    outcome: outcome.status === "ok" ? "success" : "failure",
    ...(outcome.message === undefined ? {} : { message: outcome.message }),
    requestId,
    ...(outcome.status === "ok" ? { yaml: after } : {}),
  };
}

function rollbackEntry(
  ctx: ApplyContext,
  requestId: string,
  doc: PlannedDocument,
  written: KubeObject,
  outcome: "success" | "failure",
  message?: string,
): AuditEntry {
  const before = toYaml(editable(written));
  const after = doc.live === undefined ? null : toYaml(editable(doc.live));
  return {
    id: newAuditId(),
    time: new Date().toISOString(),
    user: ctx.user,
    cluster: ctx.cluster.name,
    action: "rollback",
    object: doc.ref,
    fromResourceVersion: written.metadata.resourceVersion ?? null,
    toResourceVersion: null,
    diff: unifiedDiff(doc.ref.name, before, after),
    outcome,
    ...(message === undefined ? {} : { message }),
    requestId,
  };
}
