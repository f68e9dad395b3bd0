import { injectControlPlane } from "@palisade/control-plane/testing";
import { defineContractSuite } from "./suite";

/**
 * The contract suite against the run's real kube-apiserver + etcd (@palisade/control-plane's global setup, with the
 * Calico CRD set PALISADE_CONTROL_PLANE_CRDS picks: v1 by default, v3 for the native set). kube-sim passes the same
 * suite in contract.test.ts.
 */
defineContractSuite("kube-apiserver + etcd", () => {
  const cp = injectControlPlane();
  return { name: "kube-apiserver", server: cp.server, caPem: cp.caPem, storage: cp.crds, tokens: cp.tokens };
});
