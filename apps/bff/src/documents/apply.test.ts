import { setImmediate as turn } from "node:timers/promises";
import { type AuditEntry, historyOutcome } from "@palisade/contract";
import { describe, expect, it } from "vitest";
import type { AuditLog } from "../audit/log";
import type { Cluster } from "../clusters/cluster";
import { KubeError } from "../kube/http";
import type { ObjectWriter } from "../kube/objects";
import { type KubeObject, typeOf } from "../kube/resources";
import { type ApplyContext, applyDocuments } from "./apply";
import { CLUSTER_REQUESTS_IN_FLIGHT } from "./bounded";
import type { PlannedDocument } from "./plan";

const GNP = typeOf("GlobalNetworkPolicy");

function planned(i: number): PlannedDocument {
  if (GNP === undefined) throw new Error("no GlobalNetworkPolicy type");
  const proposed: KubeObject = {
    apiVersion: "projectcalico.org/v3",
    kind: "GlobalNetworkPolicy",
    metadata: { name: `p-${i}` },
    spec: { selector: "all()" },
  };
  return {
    index: i,
    line: 1,
    ref: { kind: "GlobalNetworkPolicy", name: `p-${i}` },
    type: GNP,
    proposed,
    live: undefined,
    expected: null,
    action: "create",
    warnings: [],
  };
}

describe("applyDocuments on many documents", () => {
  it(`dry-runs them with at most ${CLUSTER_REQUESTS_IN_FLIGHT} cluster requests in flight, in the documents' order`, async () => {
    let inFlight = 0;
    let most = 0;
    const objects: ObjectWriter = {
      get: async () => undefined,
      delete: async () => undefined,
      replace: async (_type, obj) => obj,
      create: async (_type, obj) => {
        most = Math.max(most, ++inFlight);
        await turn();
        inFlight--;
        return { ...obj, metadata: { ...obj.metadata, resourceVersion: obj.metadata.name.slice(2) } };
      },
    };
    const ctx: ApplyContext = {
      cluster: {} as Cluster,
      identity: { mode: "server" },
      user: "",
      audit: {} as AuditLog,
      warnings: [],
    };
    const docs = Array.from({ length: 200 }, (_, i) => planned(i));
    const result = await applyDocuments(ctx, docs, true, objects);
    expect(result.outcome).toBe("dry-run");
    expect(result.documents.map((d) => d.resourceVersion)).toEqual(docs.map((d) => String(d.index)));
    expect(most).toBe(CLUSTER_REQUESTS_IN_FLIGHT);
  });
});

describe("applyDocuments' history of a write rolled back part-way", () => {
  /** Writes p-0, refuses p-1's real write; the rollback of p-0 succeeds unless `rollbackFails`. */
  const run = async (rollbackFails: boolean) => {
    const objects: ObjectWriter = {
      get: async () => undefined,
      replace: async (_type, obj) => obj,
      create: async (_type, obj, options) => {
        if (options.dryRun !== true && obj.metadata.name === "p-1")
          throw new KubeError(0, "Unreachable", "connection reset", undefined);
        return { ...obj, metadata: { ...obj.metadata, resourceVersion: "7" } };
      },
      delete: async () => {
        if (rollbackFails) throw new KubeError(0, "Unreachable", "connection reset again", undefined);
      },
    };
    const recorded: AuditEntry[] = [];
    const ctx: ApplyContext = {
      cluster: { name: "c" } as Cluster,
      identity: { mode: "server" },
      user: "alice",
      audit: { append: async (entries) => void recorded.push(...entries) },
      warnings: [],
    };
    await expect(applyDocuments(ctx, [planned(0), planned(1)], false, objects)).rejects.toBeDefined();
    return recorded.map((e) => ({ ...e, reads: historyOutcome(e) }));
  };

  it("keeps what the server acknowledged, linked to the rollback that undid it, and both read rolled back", async () => {
    const [written, refused, undo] = await run(false);
    expect([written, refused, undo].map((e) => [e?.object.name, e?.action, e?.outcome, e?.reads])).toEqual([
      ["p-0", "create", "success", "rolled-back"],
      ["p-1", "create", "failure", "refused"],
      ["p-0", "rollback", "success", "rolled-back"],
    ]);
    expect(written?.toResourceVersion).toBe("7");
    expect(written?.rolledBackBy).toBe(undo?.id);
  });

  it("leaves a write applied when its rollback was refused, and says the rollback was", async () => {
    const [written, , undo] = await run(true);
    expect(written).toMatchObject({ action: "create", outcome: "success", reads: "applied" });
    expect(written?.rolledBackBy).toBeUndefined();
    expect(undo).toMatchObject({ action: "rollback", outcome: "failure", reads: "refused" });
  });
});
