import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { resourceKey, TIERED_POLICY_KINDS } from "@palisade/calico";
import {
  ApplyErrorBody,
  ApplyRequest,
  ApplyResult,
  ClusterParams,
  DeleteErrorBody,
  DeleteImpact,
  DeleteRequest,
  DeleteResult,
  DiffResult,
  DocumentsRequest,
  ErrorBody,
  ValidateResult,
  type Warning,
} from "@palisade/contract";
import type { FastifyRequest } from "fastify";
import { whatIf } from "../cluster-model/what-if";
import type { Cluster } from "../clusters/cluster";
import { applyDocuments } from "../documents/apply";
import { deleteTargets, resolveTargets } from "../documents/delete";
import { asStaged, loadDocuments } from "../documents/load";
import {
  comparableForms,
  existingTiers,
  type PlannedDocument,
  planDocuments,
  plannedChanges,
  tierOfDocument,
} from "../documents/plan";
import { editable, toYaml, unifiedDiff } from "../documents/render";
import { whoAmI } from "../kube/permissions";
import { deleteImpact, hostProtection, lockOutWarnings } from "../views/impact";
import { type RouteContext, syncedCluster } from "./context";

const ERRORS = {
  400: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  413: ErrorBody,
  422: ErrorBody,
  429: ErrorBody,
  502: ErrorBody,
  503: ErrorBody,
};
const APPLY_ERRORS = {
  ...ERRORS,
  403: ApplyErrorBody,
  409: ApplyErrorBody,
  422: ApplyErrorBody,
  500: ApplyErrorBody,
  502: ApplyErrorBody,
};
const DELETE_ERRORS = {
  ...ERRORS,
  403: DeleteErrorBody,
  404: DeleteErrorBody,
  409: DeleteErrorBody,
  500: DeleteErrorBody,
  502: DeleteErrorBody,
};

/**
 * Every warning about applying the planned documents: the validator's (per document), then lock-out and no-match
 * warnings from a what-if on the live index.
 */
export function applyWarnings(cluster: Cluster, planned: readonly PlannedDocument[]): Warning[] {
  const validator = planned.flatMap((d) => d.warnings.map((w) => ({ document: d.index, ...w })));
  const before = hostProtection(cluster.model);
  return whatIf(cluster, plannedChanges(planned), (after) => {
    const warnings = [...validator, ...lockOutWarnings(before, after)];
    // A policy in a missing tier that already exists: Calico updates it (only creates look the tier up), and Felix
    // orders that tier after every existing one.
    const tiers = existingTiers(cluster);
    for (const d of planned) if (d.type.resource === "Tier") tiers.add(d.ref.name);
    for (const d of planned) {
      const tier = tierOfDocument(d.proposed);
      if (TIERED_POLICY_KINDS.has(d.type.resource) && !tiers.has(tier)) {
        warnings.push({
          document: d.index,
          path: "spec.tier",
          message: `tier ${tier} does not exist in this cluster; Felix evaluates ${d.ref.name} after every existing tier`,
        });
      }
    }
    for (const d of planned) {
      const key = resourceKey(d.ref);
      if (after.index.policy(key) !== undefined && after.index.endpointsForPolicy(key).size === 0) {
        warnings.push({
          document: d.index,
          path: "spec.selector",
          message: `${d.ref.name} selects no endpoint in this cluster`,
        });
      }
    }
    return warnings;
  });
}

/**
 * Dry-runs or applies planned documents as one change (all dry-run first, then every write, rolled back on a
 * part-way failure; audited), and waits until the cache shows the writes.
 */
export async function applyPlanned(
  ctx: RouteContext,
  cluster: Cluster,
  req: FastifyRequest,
  planned: readonly PlannedDocument[],
  dryRun: boolean,
) {
  const result = await applyDocuments(
    {
      cluster,
      identity: req.caller.identity,
      user: dryRun ? "" : await auditUser(cluster, req),
      audit: ctx.audit,
      warnings: applyWarnings(cluster, planned),
    },
    planned,
    dryRun,
  );
  if (!dryRun) {
    await cluster.settle(() =>
      result.documents.every((d) => {
        const live = cluster.object(d.ref.kind, d.ref.namespace, d.ref.name);
        return d.resourceVersion === undefined || live?.metadata.resourceVersion === d.resourceVersion;
      }),
    );
  }
  return result;
}

/** The request's documents, loaded and validated; as their staged kinds when the request asks. */
async function loadRequested(cluster: Cluster, body: { yaml: string; asStaged?: boolean }) {
  const loaded = await loadDocuments(body.yaml, cluster.validationTarget);
  return body.asStaged === true ? asStaged(loaded) : loaded;
}

/** The user the audit log names: the proxy's user, the token's user (SelfSubjectReview), or the kubeconfig user. */
export async function auditUser(cluster: Cluster, req: FastifyRequest): Promise<string> {
  const { identity, user } = req.caller;
  if (identity.mode === "impersonate") return user;
  if (identity.mode === "token") return (await whoAmI(cluster, identity).catch(() => null)) ?? "unknown token user";
  return cluster.summary().user ?? "palisade";
}

/** Validate, diff, dry-run and apply YAML; delete with an impact preview. */
export const documentRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  app.post(
    "/clusters/:cluster/validate",
    {
      config: { costly: true },
      schema: {
        tags: ["documents"],
        description: "Load and validate YAML; 422 InvalidDocuments with field paths, lines and columns.",
        params: ClusterParams,
        body: DocumentsRequest,
        response: { 200: ValidateResult, ...ERRORS },
      },
    },
    async ({ params, body }) => {
      const cluster = syncedCluster(ctx, params.cluster);
      const planned = planDocuments(cluster, await loadRequested(cluster, body));
      return {
        valid: true as const,
        documents: planned.map((p) => ({ index: p.index, ref: p.ref, line: p.line })),
        warnings: applyWarnings(cluster, planned),
      };
    },
  );

  app.post(
    "/clusters/:cluster/diff",
    {
      config: { costly: true },
      schema: {
        tags: ["documents"],
        description: "Each document against the live object.",
        params: ClusterParams,
        body: DocumentsRequest,
        response: { 200: DiffResult, ...ERRORS },
      },
    },
    async ({ params, body }) => {
      const cluster = syncedCluster(ctx, params.cluster);
      const planned = planDocuments(cluster, await loadRequested(cluster, body));
      return {
        documents: planned.map((p) => {
          const forms = p.live === undefined ? undefined : comparableForms(cluster, p.type, p.live, p.proposed);
          const liveYaml = forms === undefined ? null : toYaml(forms.live);
          const proposedYaml = toYaml(forms === undefined ? editable(p.proposed) : forms.proposed);
          return {
            index: p.index,
            ref: p.ref,
            action: p.action,
            liveResourceVersion: p.live?.metadata.resourceVersion ?? null,
            liveYaml,
            proposedYaml,
            patch: p.action === "unchanged" ? "" : unifiedDiff(p.ref.name, liveYaml, proposedYaml),
          };
        }),
        warnings: applyWarnings(cluster, planned),
      };
    },
  );

  for (const [path, dryRun] of [
    ["dry-run", true],
    ["apply", false],
  ] as const) {
    app.post(
      `/clusters/:cluster/${path}`,
      {
        config: dryRun ? { costly: true } : { write: true },
        schema: {
          tags: ["documents"],
          description: dryRun
            ? "Every document through the cluster's dryRun=All; nothing is stored."
            : "Validate, dry-run all, then write all (resourceVersion-guarded), rolling back on a part-way failure.",
          params: ClusterParams,
          body: ApplyRequest,
          response: { 200: ApplyResult, ...APPLY_ERRORS },
        },
      },
      async (req) => {
        const cluster = syncedCluster(ctx, req.params.cluster);
        const planned = planDocuments(cluster, await loadRequested(cluster, req.body), req.body.expected);
        return applyPlanned(ctx, cluster, req, planned, dryRun);
      },
    );
  }

  app.post(
    "/clusters/:cluster/delete/preview",
    {
      config: { costly: true },
      schema: {
        tags: ["documents"],
        description: "Which endpoints lose which rules, and lock-out warnings, if the targets were deleted.",
        params: ClusterParams,
        body: DeleteRequest,
        response: { 200: DeleteImpact, ...ERRORS },
      },
    },
    async ({ params, body }) => {
      const cluster = syncedCluster(ctx, params.cluster);
      return deleteImpact(cluster, resolveTargets(cluster, body.targets));
    },
  );

  app.post(
    "/clusters/:cluster/delete",
    {
      config: { write: true },
      schema: {
        tags: ["documents"],
        description: "Dry-run every delete, then delete each (resourceVersion-guarded), restoring on part-way failure.",
        params: ClusterParams,
        body: DeleteRequest,
        response: { 200: DeleteResult, ...DELETE_ERRORS },
      },
    },
    async (req) => {
      const cluster = syncedCluster(ctx, req.params.cluster);
      const targets = resolveTargets(cluster, req.body.targets);
      const result = await deleteTargets(
        { cluster, identity: req.caller.identity, user: await auditUser(cluster, req), audit: ctx.audit },
        targets,
      );
      await cluster.settle(() =>
        targets.every((t) =>
          t.copy === undefined
            ? cluster.object(t.type.resource, t.ref.namespace, t.ref.name) === undefined
            : !cluster
                .storedCopies(t.type.resource, t.ref.namespace, t.ref.name)
                .some((c) => c.stored.metadata.name === t.copy?.storedName),
        ),
      );
      return result;
    },
  );
};
