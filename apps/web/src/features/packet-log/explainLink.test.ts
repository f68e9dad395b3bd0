import { describe, expect, it } from "vitest";
import { explainSearch } from "./explainLink";

describe("explainSearch", () => {
  it("carries the endpoint, direction, peer, protocol and port; leaves defaults out", () => {
    const q = explainSearch({
      endpoint: "wep/default/nginx-1",
      direction: "Egress",
      peer: { ip: "203.0.113.7" },
      protocol: "UDP",
      port: 53,
      sourcePort: 40000,
    });
    expect(q).toBe("endpoint=wep%2Fdefault%2Fnginx-1&direction=Egress&ip=203.0.113.7&protocol=UDP&port=53");
    expect(explainSearch({ endpoint: "hep/a", direction: "Ingress", peer: { ip: "1.2.3.4" }, protocol: "TCP" })).toBe(
      "endpoint=hep%2Fa&ip=1.2.3.4",
    );
  });
});
