import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { refLabel } from "@palisade/calico";
import {
  ClusterParams,
  ErrorBody,
  PromoteErrorBody,
  PromotePreview,
  PromoteRequest,
  PromoteResult,
  type ResourceRef,
  StagedPolicyList,
  StagedRef,
} from "@palisade/contract";
import { deleteTargets, resolveTargets } from "../documents/delete";
import { listStaged, resolvePromotion } from "../documents/promote";
import { editable, toYaml, unifiedDiff } from "../documents/render";
import { fromKubeError, HttpError } from "../errors";
import { KubeError } from "../kube/http";
import { ObjectClient } from "../kube/objects";
import { typeOf } from "../kube/resources";
import { deleteImpact } from "../views/impact";
import { type RouteContext, syncedCluster } from "./context";
import { applyPlanned, applyWarnings, auditUser } from "./documents";

const ERRORS = { 400: ErrorBody, 404: ErrorBody, 422: ErrorBody, 502: ErrorBody, 503: ErrorBody };
const WRITE_ERRORS = {
  ...ERRORS,
  403: PromoteErrorBody,
  404: PromoteErrorBody,
  409: PromoteErrorBody,
  422: PromoteErrorBody,
  500: PromoteErrorBody,
  502: PromoteErrorBody,
};

/**
 * Staged policies as a workflow: list them, preview what promoting one does, promote it (exactly as Calico converts
 * staged to enforced; see `promotion`). Discarding one is an ordinary conditional delete (`POST .../delete`).
 */
export const stagedRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  app.get(
    "/clusters/:cluster/staged",
    { schema: { tags: ["staged"], params: ClusterParams, response: { 200: StagedPolicyList, ...ERRORS } } },
    async ({ params }) => ({ items: listStaged(syncedCluster(ctx, params.cluster)) }),
  );

  app.post(
    "/clusters/:cluster/staged/preview",
    {
      config: { costly: true },
      schema: {
        tags: ["staged"],
        description: "What promoting the staged policy would write (Set) or delete (Delete), as a diff, with warnings.",
        params: ClusterParams,
        body: StagedRef,
        response: { 200: PromotePreview, ...ERRORS },
      },
    },
    async ({ params, body }) => {
      const cluster = syncedCluster(ctx, params.cluster);
      const r = await resolvePromotion(cluster, body);
      if (r.planned !== undefined) {
        const liveYaml = r.planned.live === undefined ? null : toYaml(editable(r.planned.live));
        const proposedYaml = toYaml(editable(r.planned.proposed));
        return {
          staged: r.staged,
          action: "Set" as const,
          liveYaml,
          proposedYaml,
          patch: unifiedDiff(r.staged.enforced.name, liveYaml, proposedYaml),
          warnings: applyWarnings(cluster, [r.planned]),
        };
      }
      const enforced = r.staged.enforced as ResourceRef;
      const live = cluster.object(enforced.kind, enforced.namespace, enforced.name);
      const liveYaml = live === undefined ? null : toYaml(editable(live));
      const impact = deleteImpact(cluster, resolveTargets(cluster, [{ ref: enforced }]));
      return {
        staged: r.staged,
        action: "Delete" as const,
        liveYaml,
        proposedYaml: null,
        patch: unifiedDiff(enforced.name, liveYaml, null),
        impact,
        warnings: live === undefined ? [{ message: `${refLabel(enforced)} does not exist: nothing to delete` }] : [],
      };
    },
  );

  app.post(
    "/clusters/:cluster/staged/promote",
    {
      config: { write: true },
      schema: {
        tags: ["staged"],
        description:
          "Promote: Set writes the enforced policy (resourceVersion-guarded, audited), then deletes the staged one; Delete deletes the enforced policy and the staged one together.",
        params: ClusterParams,
        body: PromoteRequest,
        response: { 200: PromoteResult, ...WRITE_ERRORS },
      },
    },
    async (req) => {
      const cluster = syncedCluster(ctx, req.params.cluster);
      const { ref, resourceVersion, enforcedResourceVersion } = req.body;
      const r = await resolvePromotion(cluster, ref, enforcedResourceVersion);
      if (r.staged.resourceVersion !== resourceVersion) {
        throw new HttpError(
          "Conflict",
          `${refLabel(ref)} changed after you reviewed it (your version ${resourceVersion}, now ${r.staged.resourceVersion}); review it again`,
        );
      }
      const enforced = r.staged.enforced as ResourceRef;
      const deleteContext = {
        cluster,
        identity: req.caller.identity,
        user: await auditUser(cluster, req),
        audit: ctx.audit,
      };
      const stagedTarget = { ref: ref as ResourceRef, resourceVersion };
      const gone = (refs: readonly ResourceRef[]) => () =>
        refs.every((t) => cluster.object(t.kind, t.namespace, t.name) === undefined);
      if (r.planned === undefined) {
        if (r.staged.enforcedResourceVersion === null) {
          throw new HttpError(
            "NotFound",
            `${refLabel(enforced)} does not exist, so promoting ${refLabel(ref)} (stagedAction Delete) has nothing to delete; discard the staged policy instead`,
          );
        }
        if (enforcedResourceVersion === null) {
          throw new HttpError(
            "Conflict",
            `${refLabel(enforced)} exists now (version ${r.staged.enforcedResourceVersion}); review again`,
          );
        }
        // One conditional delete of both: dry-run first, restored together if the second fails.
        const targets = resolveTargets(cluster, [
          { ref: enforced, resourceVersion: enforcedResourceVersion },
          stagedTarget,
        ]);
        const removed = await deleteTargets(deleteContext, targets);
        await cluster.settle(gone([enforced, stagedTarget.ref]));
        return { action: "Delete" as const, removed };
      }
      // The staged policy must be removable before the enforced one is written (RBAC, a change since review).
      const stagedType = typeOf(ref.kind);
      if (stagedType !== undefined) {
        await new ObjectClient(cluster)
          .delete(stagedType, ref.namespace, ref.name, resourceVersion, { identity: req.caller.identity, dryRun: true })
          .catch((e: unknown) => {
            throw e instanceof KubeError ? fromKubeError(e, refLabel(ref)) : e;
          });
      }
      const applied = await applyPlanned(ctx, cluster, req, [r.planned], false);
      try {
        const removed = await deleteTargets(deleteContext, resolveTargets(cluster, [stagedTarget]));
        await cluster.settle(gone([stagedTarget.ref]));
        return { action: "Set" as const, applied, removed };
      } catch (e) {
        if (!(e instanceof HttpError)) throw e;
        throw new HttpError(
          e.code,
          `${refLabel(enforced)} was written, but removing ${refLabel(ref)} failed: ${e.message}; discard it from the staged list`,
          e.details,
          e.extra,
        );
      }
    },
  );
};
