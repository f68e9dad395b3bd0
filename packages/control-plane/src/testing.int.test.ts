import { CustomObjectsApi, KubeConfig } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { connectionFromEnv } from "./connection.js";
import { loadCrdSet } from "./crds.js";
import { injectControlPlane } from "./testing.js";

// Runs under the integration project's global setup, as other packages' tests do: this is the path they take.
describe("injectControlPlane", () => {
  it("hands a test the run's control plane, with the configured CRD set served", async () => {
    const cp = injectControlPlane();
    const kc = new KubeConfig();
    kc.loadFromFile(cp.kubeconfigs.viewer);
    const custom = kc.makeApiClient(CustomObjectsApi);
    const [crd] = loadCrdSet(cp.crds).filter((c) => c.plural === "globalnetworkpolicies");
    const version = crd?.servedVersions[0];
    expect(crd && version).toBeTruthy();
    const list = await custom.listClusterCustomObject({
      group: crd?.group ?? "",
      version: version ?? "",
      plural: "globalnetworkpolicies",
    });
    expect(list).toMatchObject({ kind: "GlobalNetworkPolicyList" });
  });

  it("finds the same connection in the environment the workers inherit", () => {
    expect(connectionFromEnv()).toEqual(injectControlPlane());
  });
});
