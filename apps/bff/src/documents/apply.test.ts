import { setImmediate as turn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import type { AuditLog } from "../audit/log";
import type { Cluster } from "../clusters/cluster";
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
