import { describe, expect, it } from "vitest";
import { refLabel } from "./refLabel";

describe("refLabel", () => {
  it("names global and namespaced objects", () => {
    expect(refLabel({ kind: "GlobalNetworkPolicy", name: "allow-icmp" })).toBe("GlobalNetworkPolicy allow-icmp");
    expect(refLabel({ kind: "NetworkPolicy", name: "web", namespace: "shop" })).toBe("NetworkPolicy shop/web");
    expect(refLabel({ kind: "GlobalNetworkPolicy", name: "x", namespace: "" })).toBe("GlobalNetworkPolicy x");
  });
});
