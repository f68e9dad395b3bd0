import type { ApplyResult, PolicySetList } from "@palisade/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ControlPlaneHarness, startOnControlPlane } from "./testing/control-plane";

const START_TIMEOUT_MS = 15 * 60_000;

describe.each(["v1", "v3"] as const)("IBM's public isolation set on a real kube-apiserver (%s Calico CRDs)", (crds) => {
  let h: ControlPlaneHarness;
  const headers = () => ({ authorization: `Bearer ${h.cp.tokens.admin}`, "x-palisade-csrf": "1" });
  const post = (path: string, payload: object) =>
    h.app.inject({ method: "POST", url: `/api/v1/clusters/${h.cluster.name}/${path}`, headers: headers(), payload });
  const found = async () => {
    const res = await h.app.inject({ url: `/api/v1/clusters/${h.cluster.name}/policy-sets`, headers: headers() });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PolicySetList>().sets;
  };

  beforeAll(async () => {
    h = await startOnControlPlane(crds);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await h?.close();
  });

  it("applies the set as one change, recognises it as up to date, and removes it", async () => {
    const applied = await post("policy-sets/public-isolation/apply", { params: { region: "us-south" } });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json<ApplyResult>().documents.map((d) => [d.ref.name, d.action, d.status])).toEqual([
      ["allow-egress-pods-public", "create", "ok"],
      ["allow-ibm-ports-public", "create", "ok"],
      ["allow-public-service-endpoint", "create", "ok"],
      ["deny-all-outbound-public", "create", "ok"],
    ]);
    const sets = await found();
    expect(sets.map((s) => [s.set, s.region, s.upToDate])).toEqual([["public-isolation", "us-south", true]]);
    const targets = sets.flatMap((s) => s.objects.map((o) => ({ ref: o.ref })));
    const removed = await post("delete", { targets });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(await found()).toEqual([]);
  });
});
