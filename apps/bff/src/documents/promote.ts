import {
  ENFORCED_KIND_OF_STAGED,
  type PolicyObject,
  type Promotion,
  promotion,
  refLabel,
  tierOf,
} from "@palisade/calico";
import type { ResourceRef, StagedPolicy, StagedRef } from "@palisade/contract";
import type { Cluster } from "../clusters/cluster";
import { HttpError, notFound } from "../errors";
import type { KubeObject } from "../kube/resources";
import { loadDocuments } from "./load";
import { type PlannedDocument, planDocuments } from "./plan";
import { toYaml } from "./render";

/** Every staged policy of the cluster with the enforced policy it stands for, by kind then key. */
export function listStaged(cluster: Cluster): StagedPolicy[] {
  const out: StagedPolicy[] = [];
  for (const kind of Object.keys(ENFORCED_KIND_OF_STAGED) as StagedRef["kind"][]) {
    if (cluster.servedType(kind) === undefined) continue;
    for (const obj of cluster.objects(kind)) out.push(stagedPolicy(cluster, kind, obj));
  }
  return out;
}

function stagedPolicy(cluster: Cluster, kind: StagedRef["kind"], obj: KubeObject): StagedPolicy {
  const { name, namespace } = obj.metadata;
  const ref: StagedRef = { kind, name, ...(namespace === undefined ? {} : { namespace }) };
  const p = promotion(obj as PolicyObject, kind);
  const enforcedKind = ENFORCED_KIND_OF_STAGED[kind];
  const enforced = { kind: enforcedKind, name, ...(namespace === undefined ? {} : { namespace }) };
  const tier = obj.spec?.tier;
  return {
    ref,
    stagedAction: String(obj.spec?.stagedAction ?? "Set"),
    tier: tierOf({ tier: typeof tier === "string" ? tier : undefined }),
    resourceVersion: obj.metadata.resourceVersion ?? "",
    enforced,
    enforcedResourceVersion: cluster.object(enforcedKind, namespace, name)?.metadata.resourceVersion ?? null,
    ...(p.ok ? {} : { unpromotable: p.error.message }),
  };
}

/** A staged policy resolved for promotion: the live object, what it stands for, and how promoting treats it. */
export interface ResolvedPromotion {
  readonly staged: StagedPolicy;
  readonly live: KubeObject;
  readonly promotion: Promotion;
  /** Set: the enforced policy planned against the cache (validated, named for this Calico version). */
  readonly planned?: PlannedDocument;
}

/**
 * The staged policy by ref, and what promoting it does. `expected` are the versions the user reviewed (promote), so
 * a plan is checked against them: a write of the enforced policy carries its version (the cluster refuses with 409
 * if it changed).
 */
export async function resolvePromotion(
  cluster: Cluster,
  ref: StagedRef,
  enforcedResourceVersion?: string | null,
): Promise<ResolvedPromotion> {
  const live = cluster.object(ref.kind, ref.namespace, ref.name);
  if (live === undefined) throw notFound(refLabel(ref));
  const staged = stagedPolicy(cluster, ref.kind, live);
  const p = promotion(live as PolicyObject, ref.kind);
  if (!p.ok) throw new HttpError("BadRequest", `${refLabel(ref)}: ${p.error.message}`, [p.error]);
  if (p.value.action === "Delete") return { staged, live, promotion: p.value };
  const enforcedRef = p.value.ref as ResourceRef;
  const documents = await loadDocuments(toYaml(p.value.enforced as KubeObject), cluster.validationTarget);
  const expected =
    enforcedResourceVersion === undefined ? [] : [{ ref: enforcedRef, resourceVersion: enforcedResourceVersion }];
  const [planned] = planDocuments(cluster, documents, expected);
  return { staged, live, promotion: p.value, ...(planned === undefined ? {} : { planned }) };
}
