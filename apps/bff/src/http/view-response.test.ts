import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { KubeConfig, KubernetesObjectApi } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoHarness, startDemo } from "../testing/demo";
import { negotiateCoding } from "./view-response";

describe("negotiateCoding", () => {
  it.each([
    [undefined, "identity"],
    ["", "identity"],
    ["gzip, deflate, br, zstd", "br"],
    ["gzip", "gzip"],
    ["deflate", "identity"],
    ["br;q=0.5, gzip;q=0.8", "gzip"],
    ["br;q=0, gzip", "gzip"],
    ["gzip;q=0, br;q=0", "identity"],
    ["*", "br"],
    ["*;q=0.1, gzip;q=0.5", "gzip"],
    ["*, br;q=0", "gzip"],
    ["GZIP", "gzip"],
    ["identity", "identity"],
    ["gzip;q=oops", "identity"],
  ] as const)("%j → %s", (header, coding) => {
    expect(negotiateCoding(header)).toBe(coding);
  });
});

describe("whole-cluster views served once per cache state", () => {
  let demo: DemoHarness;
  let api: KubernetesObjectApi;
  beforeAll(async () => {
    demo = await startDemo();
    const kc = new KubeConfig();
    kc.loadFromString(demo.sim.kubeconfig);
    api = KubernetesObjectApi.makeApiClient(kc);
  });
  afterAll(async () => {
    await demo.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => demo.app.inject({ method: "GET", url, headers });

  it.each(["/api/v1/clusters/demo/policies", "/api/v1/clusters/demo/graph"])(
    "%s: every coding carries the same JSON, each with its own entity tag",
    async (url) => {
      const plain = await get(url);
      const gzip = await get(url, { "accept-encoding": "gzip" });
      const br = await get(url, { "accept-encoding": "gzip, deflate, br, zstd" });
      for (const res of [plain, gzip, br]) {
        expect(res.statusCode).toBe(200);
        expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
        expect(res.headers.vary).toBe("accept-encoding");
        expect(res.headers["cache-control"]).toBe("private, no-cache");
      }
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(gzip.headers["content-encoding"]).toBe("gzip");
      expect(br.headers["content-encoding"]).toBe("br");
      const json = plain.json();
      expect(JSON.parse(gunzipSync(gzip.rawPayload).toString())).toEqual(json);
      expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(json);
      expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length);
      const tags = new Set([plain, gzip, br].map((r) => r.headers.etag));
      expect(tags.size).toBe(3);
      expect(plain.headers.etag).toMatch(/^"[\w-]+"$/);
    },
  );

  it("answers 304 while the cluster is unchanged, and the new list once it changes", async () => {
    const url = "/api/v1/clusters/demo/policies";
    const first = await get(url, { "accept-encoding": "gzip" });
    const etag = String(first.headers.etag);
    const again = await get(url, { "accept-encoding": "gzip", "if-none-match": etag });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    // Weak comparison, lists, and a tag of another coding.
    expect((await get(url, { "accept-encoding": "gzip", "if-none-match": `"x", W/${etag}` })).statusCode).toBe(304);
    expect((await get(url, { "if-none-match": etag })).statusCode).toBe(200);

    await api.create(
      demo.sim.stored({
        apiVersion: "projectcalico.org/v3",
        kind: "GlobalNetworkPolicy",
        metadata: { name: "etag-probe" },
        spec: { order: 5, selector: "probe == 'yes'", types: ["Ingress"], ingress: [{ action: "Allow" }] },
      }),
    );
    expect(
      await demo.cluster.settle(
        () => demo.cluster.object("GlobalNetworkPolicy", undefined, "etag-probe") !== undefined,
      ),
    ).toBe(true);
    const changed = await get(url, { "accept-encoding": "gzip", "if-none-match": etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    const names = (JSON.parse(gunzipSync(changed.rawPayload).toString()) as { items: { name: string }[] }).items.map(
      (p) => p.name,
    );
    expect(names).toContain("etag-probe");
  });

  it("keeps the API's error bodies for a cluster that does not exist", async () => {
    const res = await get("/api/v1/clusters/nowhere/policies", { "accept-encoding": "br" });
    expect(res.statusCode).toBe(404);
    expect(res.headers.etag).toBeUndefined();
    expect(res.json()).toMatchObject({ code: expect.any(String) });
  });
});
