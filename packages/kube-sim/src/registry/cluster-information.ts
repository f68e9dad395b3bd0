import type { KubeObject } from "../api/object";
import { type CalicoStorage, calicoObject, calicoSideCrd } from "./calico-crds";

/**
 * ClusterInformation, the singleton calico-node keeps up to date (`default`): it says which Calico the cluster runs.
 * Its CRD is the one Calico ships (`crd.projectcalico.org_clusterinformations.yaml`), served in the storage's group.
 */
export function clusterInformationCrd(storage: CalicoStorage): KubeObject {
  const str = { type: "string" };
  return calicoSideCrd(
    storage,
    { kind: "ClusterInformation", plural: "clusterinformations", singular: "clusterinformation" },
    {
      properties: {
        calicoVersion: str,
        clusterGUID: str,
        clusterType: str,
        datastoreReady: { type: "boolean" },
        variant: str,
      },
    },
  );
}

/**
 * The ClusterInformation of an IBM Cloud classic cluster: Calico installed by manifest on the Kubernetes datastore.
 * Classic CRD storage is what Calico up to v3.31 has (IBM's clusters run v3.31 or older); native v3 CRDs exist from
 * v3.32, so a v3-storage cluster says v3.32.
 */
export function ibmClusterInformation(storage: CalicoStorage): KubeObject {
  return calicoObject(storage, "ClusterInformation", "default", {
    calicoVersion: storage === "v1" ? "v3.31.0" : "v3.32.0",
    clusterGUID: "9b1d0c4e6f2a4d8b8f3e5a7c1d2b4e6f",
    clusterType: "k8s,bgp,kdd",
    datastoreReady: true,
  });
}
