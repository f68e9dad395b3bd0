import { type AuditEntry, historyOutcome } from "@palisade/contract";
import { describe, expect, it } from "vitest";
import type { Cluster } from "../clusters/cluster";
import { KubeError } from "../kube/http";
import type { ObjectWriter } from "../kube/objects";
import { typeOf } from "../kube/resources";
import { type DeleteContext, deleteTargets, type ResolvedTarget } from "./delete";

const GNP = typeOf("GlobalNetworkPolicy");

function target(name: string): ResolvedTarget {
  if (GNP === undefined) throw new Error("no GlobalNetworkPolicy type");
  const live = {
    apiVersion: "projectcalico.org/v3",
    kind: "GlobalNetworkPolicy",
    metadata: { name, resourceVersion: "3" },
    spec: { selector: "all()" },
  };
  return { ref: { kind: "GlobalNetworkPolicy", name }, type: GNP, live, resourceVersion: "3" };
}

describe("deleteTargets' history of a delete rolled back part-way", () => {
  it("keeps the delete the server acknowledged, linked to the rollback that created it again", async () => {
    const objects: ObjectWriter = {
      get: async () => undefined,
      replace: async (_type, obj) => obj,
      create: async (_type, obj) => obj,
      delete: async (_type, _ns, name, _rv, options) => {
        if (options.dryRun !== true && name === "second")
          throw new KubeError(0, "Unreachable", "connection reset", undefined);
      },
    };
    const recorded: AuditEntry[] = [];
    const ctx: DeleteContext = {
      cluster: { name: "c" } as Cluster,
      identity: { mode: "server" },
      user: "alice",
      audit: { append: async (entries) => void recorded.push(...entries) },
    };
    await expect(deleteTargets(ctx, [target("first"), target("second")], objects)).rejects.toBeDefined();
    const [deleted, refused, undo] = recorded;
    expect(recorded.map((e) => [e.object.name, e.action, e.outcome, historyOutcome(e)])).toEqual([
      ["first", "delete", "success", "rolled-back"],
      ["second", "delete", "failure", "refused"],
      ["first", "rollback", "success", "rolled-back"],
    ]);
    expect(deleted?.rolledBackBy).toBe(undo?.id);
    expect(refused?.rolledBackBy).toBeUndefined();
  });
});
