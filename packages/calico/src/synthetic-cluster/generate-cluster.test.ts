import { describe, expect, it } from "vitest";
import { generateCluster } from "./generate-cluster";
import { indexCluster } from "./load";

describe("generateCluster", () => {
  const size = { endpoints: 600, policies: 120, seed: 7 };

  it("produces the requested numbers of endpoints and policies, the same for the same seed", () => {
    const c = generateCluster(size);
    expect(c.pods.length + c.hostEndpoints.length).toBe(600);
    expect(c.policies.length).toBe(120);
    expect(JSON.stringify(generateCluster(size))).toBe(JSON.stringify(c));
    expect(JSON.stringify(generateCluster({ ...size, seed: 8 }))).not.toBe(JSON.stringify(c));
  });

  it("indexes cleanly, and its policies select endpoints of every kind", () => {
    const idx = indexCluster(generateCluster(size));
    expect(idx.policyErrors().size).toBe(0);
    const selected = new Set<string>();
    for (const p of idx.policyList())
      for (const id of idx.endpointsForPolicy(p.key)) selected.add(id.split("/")[0] ?? "");
    expect(selected).toEqual(new Set(["hep", "wep"]));
  });
});
