import { TIER_LABEL } from "@palisade/calico";
import type { DiffResult } from "@palisade/contract";
import type { LightMyRequestResponse } from "fastify";
import { stringify } from "yaml";
import type { KubeObject } from "../kube/resources";

/**
 * A policy as a user would write it back with one change (order + 1): no tier, no types, no tier label, spec keys
 * in another order. Comparing like with like, its diff against the live object is that one line.
 */
function oneLineEdit(live: KubeObject): { yaml: string; removed: string; added: string } {
  const { tier: _tier, types: _types, order, ...rest } = live.spec as Record<string, unknown> & { order: number };
  const { [TIER_LABEL]: _label, ...labels } = live.metadata.labels ?? {};
  const edited = {
    apiVersion: live.apiVersion,
    kind: live.kind,
    metadata: { name: live.metadata.name, ...(Object.keys(labels).length === 0 ? {} : { labels }) },
    spec: { ...Object.fromEntries(Object.entries(rest).reverse()), order: order + 1 },
  };
  return { yaml: stringify(edited), removed: `-  order: ${order}`, added: `+  order: ${order + 1}` };
}

/** `/diff` of a one-line edit of `live`: its action, its changed lines and the two lines expected. */
export async function oneLineEditDiff(
  post: (path: string, payload: Record<string, unknown>) => Promise<LightMyRequestResponse>,
  live: KubeObject | undefined,
): Promise<{ action: string | undefined; changed: string[]; expected: string[] }> {
  if (live === undefined) throw new Error("no live object to edit");
  const edit = oneLineEdit(live);
  const diff = (await post("diff", { yaml: edit.yaml })).json<DiffResult>();
  const doc = diff.documents[0];
  return { action: doc?.action, changed: changedLines(doc?.patch ?? ""), expected: [edit.removed, edit.added] };
}

/** The removed and added lines of a unified diff, without its file headers. */
function changedLines(patch: string): string[] {
  return patch.split("\n").filter((l) => /^[-+]/.test(l) && !/^(---|\+\+\+) /.test(l));
}
