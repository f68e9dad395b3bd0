import { describe, expect, it } from "vitest";
import { discover } from "./discovery";
import { type KubeClient, KubeError } from "./http";

/** An API server serving the v3 Calico group, with `nodes` in it or not, that answers its list with `listStatus`. */
function server(calicoNodes: boolean, listStatus: number): KubeClient {
  const lists: Record<string, { resources: { name: string }[] }> = {
    "/api/v1": { resources: [{ name: "nodes" }, { name: "pods" }] },
    "/apis/projectcalico.org/v3": {
      resources: [{ name: "ippools" }, ...(calicoNodes ? [{ name: "nodes" }] : [])],
    },
  };
  const request = async (method: string, path: string): Promise<unknown> => {
    if (method !== "GET") throw new Error(`unexpected ${method}`);
    if (path === "/apis") return { groups: [{ name: "projectcalico.org" }] };
    if (path === "/apis/projectcalico.org/v3/nodes") {
      if (listStatus !== 200) throw new KubeError(listStatus, "Forbidden", `nodes: HTTP ${listStatus}`, undefined);
      return { items: [] };
    }
    const list = lists[path];
    if (list === undefined) throw new KubeError(404, "NotFound", `${path} not found`, undefined);
    return list;
  };
  return { request } as unknown as KubeClient;
}

const resources = async (client: KubeClient) => (await discover(client)).served.map((t) => t.resource);

// Calico Nodes give the routes' addresses where Kubernetes Nodes lack the annotations (views/node-records.ts); a
// cluster that does not serve them, or does not let Palisade list them, is no error: the views read the annotations.
describe("discovery of Calico Node resources", () => {
  it("caches Calico Nodes where served and listable", async () => {
    expect(await resources(server(true, 200))).toEqual(expect.arrayContaining(["CalicoNode", "Node", "IPPool"]));
  });

  it("leaves them out, and nothing else, where RBAC refuses the list (403) or the type is not served", async () => {
    for (const client of [server(true, 403), server(false, 200)]) {
      const served = await resources(client);
      expect(served).not.toContain("CalicoNode");
      expect(served).toEqual(expect.arrayContaining(["Node", "IPPool"]));
    }
  });

  it("does not hide another failure of the list", async () => {
    await expect(discover(server(true, 500))).rejects.toThrow("HTTP 500");
  });
});
