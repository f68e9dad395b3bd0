import { it } from "vitest";
import { startDemo } from "./testing/demo";

it("explore", async () => {
  const d = await startDemo();
  for (const url of [
    "/api/v1/clusters/demo/policies",
    "/api/v1/clusters/demo/policies/GlobalNetworkPolicy/allow-bigfix-port",
    "/api/v1/clusters/demo/hostendpoints",
    "/api/v1/clusters/demo/hostendpoints/10.176.48.106-public",
    "/api/v1/clusters/demo/selector?selector=ibm.role%20%3D%3D%20'worker_public'&limit=2",
    "/api/v1/clusters/demo/selector?selector=a%20%3D%3D",
    "/api/v1/clusters/demo/graph",
    "/api/v1/clusters/demo/permissions",
  ]) {
    const r = await d.app.inject({ url });
    console.log(url, r.statusCode, r.body.slice(0, 1500));
  }
  await d.close();
}, 30000);
