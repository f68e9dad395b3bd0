import { beforeAll, describe, expect, it } from "vitest";
import { CALICO_GROUP } from "../../registry/calico-crds";
import type { ParitySuite } from "../context";
import { CALICO_FIXTURES } from "../fixtures";
import { rawRequest } from "../raw";
import { kubeConfigFor, type ParityTarget, uniqueName } from "../target";

/** Discovery: the groups, versions and resources a client finds. */
export function describeDiscovery(suite: ParitySuite): void {
  describe("discovery", () => {
    const { calicoVersion, createGnp } = suite;
    let target: ParityTarget;
    let ns: string;
    beforeAll(() => {
      ({ target, ns } = suite);
    });

    it("lists the Calico group of the storage mode, and not the other one", async () => {
      const res = await rawRequest(kubeConfigFor(target, "viewer"), "GET", "/apis");
      expect(res.status).toBe(200);
      const groups = res.json<{ groups: { name: string; preferredVersion: { version: string } }[] }>().groups;
      const mine = CALICO_GROUP[target.storage];
      const other = CALICO_GROUP[target.storage === "v1" ? "v3" : "v1"];
      expect(groups.find((g) => g.name === mine.group)?.preferredVersion.version).toBe(mine.version);
      expect(groups.map((g) => g.name)).not.toContain(other.group);
      expect(groups.map((g) => g.name)).toEqual(expect.arrayContaining(["networking.k8s.io", "apiextensions.k8s.io"]));
    });

    it("describes every Calico kind with its scope and the verbs a CRD serves", async () => {
      const res = await rawRequest(kubeConfigFor(target, "viewer"), "GET", `/apis/${calicoVersion()}`);
      const list = res.json<{ resources: { name: string; kind: string; namespaced: boolean; verbs: string[] }[] }>();
      for (const f of CALICO_FIXTURES) {
        const r = list.resources.find((x) => x.name === f.plural);
        expect(r, f.plural).toMatchObject({ kind: f.kind, namespaced: f.namespaced });
        expect([...(r?.verbs ?? [])].sort()).toEqual([
          "create",
          "delete",
          "deletecollection",
          "get",
          "list",
          "patch",
          "update",
          "watch",
        ]);
      }
    });

    it("describes the core and networking resources", async () => {
      const kc = kubeConfigFor(target, "viewer");
      const core = (await rawRequest(kc, "GET", "/api/v1")).json<{
        resources: { name: string; namespaced: boolean }[];
      }>();
      for (const [name, namespaced] of [
        ["namespaces", false],
        ["nodes", false],
        ["pods", true],
        ["services", true],
        ["serviceaccounts", true],
      ] as const) {
        expect(core.resources.find((r) => r.name === name)?.namespaced, name).toBe(namespaced);
      }
      const net = (await rawRequest(kc, "GET", "/apis/networking.k8s.io/v1")).json<{
        resources: { name: string; shortNames?: string[] }[];
      }>();
      expect(net.resources.find((r) => r.name === "networkpolicies")?.shortNames).toEqual(["netpol"]);
    });

    it("serves aggregated discovery when asked, with the Calico kinds in it", async () => {
      const res = await rawRequest(kubeConfigFor(target, "viewer"), "GET", "/apis", {
        headers: { accept: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json" },
      });
      expect(res.contentType).toContain("as=APIGroupDiscoveryList");
      const doc = res.json<{
        kind: string;
        items: { metadata: { name: string }; versions: { resources: { resource: string; scope: string }[] }[] }[];
      }>();
      expect(doc.kind).toBe("APIGroupDiscoveryList");
      const calico = doc.items.find((i) => i.metadata.name === CALICO_GROUP[target.storage].group);
      expect(calico?.versions[0]?.resources.find((r) => r.resource === "globalnetworkpolicies")?.scope).toBe("Cluster");
    });

    it("prints Tables for kubectl get with the CRD's printer columns and the built-ins' own", async () => {
      const created = await createGnp(uniqueName("table"));
      const kc = kubeConfigFor(target, "viewer");
      const accept = { accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json" };
      type Table = {
        kind: string;
        columnDefinitions: { name: string; type: string }[];
        rows: { cells: unknown[] }[];
      };
      const gnps = (
        await rawRequest(kc, "GET", `/apis/${calicoVersion()}/globalnetworkpolicies/${created.metadata?.name}`, {
          headers: accept,
        })
      ).json<Table>();
      expect(gnps.kind).toBe("Table");
      const expected = target.storage === "v3" ? ["Name", "Tier", "Order", "Age"] : ["Name", "Age"];
      expect(gnps.columnDefinitions.map((c) => c.name)).toEqual(expected);
      expect(gnps.rows[0]?.cells[0]).toBe(created.metadata?.name);
      if (target.storage === "v3") expect(gnps.rows[0]?.cells.slice(1, 3)).toEqual(["default", 100]);
      expect(String(gnps.rows[0]?.cells.at(-1))).toMatch(/^\d+[smhdy]/);
      const nsTable = (await rawRequest(kc, "GET", `/api/v1/namespaces/${ns}`, { headers: accept })).json<Table>();
      expect(nsTable.columnDefinitions.map((c) => c.name)).toEqual(["Name", "Status", "Age"]);
      expect(nsTable.rows[0]?.cells.slice(0, 2)).toEqual([ns, "Active"]);
    });

    it("reports its version", async () => {
      const v = (await rawRequest(kubeConfigFor(target, "viewer"), "GET", "/version")).json<{
        major: string;
        minor: string;
      }>();
      expect(Number(v.major)).toBe(1);
      expect(Number.parseInt(v.minor, 10)).toBeGreaterThanOrEqual(34);
    });
  });
}
