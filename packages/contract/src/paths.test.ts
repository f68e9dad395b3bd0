import { describe, expect, it } from "vitest";
import { apiPaths } from "./paths";

describe("apiPaths", () => {
  it("puts every cluster route under /api/v1/clusters/:cluster, encoding names", () => {
    expect(apiPaths.policies("my ctx/1")).toBe("/api/v1/clusters/my%20ctx%2F1/policies");
    expect(apiPaths.policy("demo", "NetworkPolicy", "allow-a", "team a")).toBe(
      "/api/v1/clusters/demo/policies/NetworkPolicy/allow-a?namespace=team%20a",
    );
    expect(apiPaths.policy("demo", "GlobalNetworkPolicy", "allow-icmp")).toBe(
      "/api/v1/clusters/demo/policies/GlobalNetworkPolicy/allow-icmp",
    );
    expect(apiPaths.selector("demo", "ibm.role == 'worker_public'", 5)).toBe(
      "/api/v1/clusters/demo/selector?selector=ibm.role%20%3D%3D%20'worker_public'&limit=5",
    );
    expect(apiPaths.services("demo", "LoadBalancer")).toBe("/api/v1/clusters/demo/services?type=LoadBalancer");
    expect(apiPaths.services("demo")).toBe("/api/v1/clusters/demo/services");
    expect(apiPaths.audit("demo")).toBe("/api/v1/clusters/demo/audit");
    expect(apiPaths.audit("demo", { user: "a b", outcome: "refused", object: "", limit: 5 })).toBe(
      "/api/v1/clusters/demo/audit?user=a%20b&outcome=refused&limit=5",
    );
    expect(apiPaths.auditEntry("demo", "r/1")).toBe("/api/v1/clusters/demo/audit/r%2F1");
    expect(apiPaths.workloadEndpoint("demo", "default", "nginx-1")).toBe(
      "/api/v1/clusters/demo/workloadendpoints/default/nginx-1",
    );
  });

  it("puts a flow query in the query string, encoded, leaving out what is not given", () => {
    expect(apiPaths.flows("demo")).toBe("/api/v1/clusters/demo/flows");
    expect(apiPaths.flows("demo", { action: "Deny", policy: "GlobalNetworkPolicy//a b", port: 443, limit: 5 })).toBe(
      "/api/v1/clusters/demo/flows?policy=GlobalNetworkPolicy%2F%2Fa%20b&action=Deny&port=443&limit=5",
    );
    expect(apiPaths.flowHits("demo", { from: 10, to: 20 })).toBe("/api/v1/clusters/demo/flows/hits?from=10&to=20");
    expect(apiPaths.flow("demo", "a/b")).toBe("/api/v1/clusters/demo/flows/a%2Fb");
  });
});
