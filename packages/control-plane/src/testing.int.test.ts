import { CustomObjectsApi, KubeConfig } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { connectionFromEnv } from "./connection.js";
import { type CrdSet, loadCrdSet } from "./crds.js";
import { injectControlPlane } from "./testing.js";
import { crdSetsFromEnv } from "./vitest-setup.js";

async function listGlobalNetworkPolicies(kubeconfig: string, crds: CrdSet): Promise<unknown> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const [crd] = loadCrdSet(crds).filter((c) => c.plural === "globalnetworkpolicies");
  const version = crd?.servedVersions[0];
  if (!crd || !version) throw new Error(`no globalnetworkpolicies CRD in the ${crds} set`);
  return kc.makeApiClient(CustomObjectsApi).listClusterCustomObject({ group: crd.group, version, plural: crd.plural });
}

// Runs under the integration project's global setup, as other packages' tests do: this is the path they take.
describe("injectControlPlane", () => {
  const sets = crdSetsFromEnv();

  it("hands a test the run's primary server, serving the first configured CRD set", async () => {
    const cp = injectControlPlane();
    expect(cp.crds).toBe(sets[0]);
    expect(await listGlobalNetworkPolicies(cp.kubeconfigs.viewer, cp.crds)).toMatchObject({
      kind: "GlobalNetworkPolicyList",
    });
  });

  it.each(sets)("hands a test the server serving the %s CRDs", async (crds) => {
    const cp = injectControlPlane(crds);
    expect(cp.crds).toBe(crds);
    expect(await listGlobalNetworkPolicies(cp.kubeconfigs.viewer, crds)).toMatchObject({
      kind: "GlobalNetworkPolicyList",
    });
    expect(connectionFromEnv(process.env, crds)).toEqual(cp);
  });

  it("finds the primary connection in the environment the workers inherit", () => {
    expect(connectionFromEnv()).toEqual(injectControlPlane());
  });
});
