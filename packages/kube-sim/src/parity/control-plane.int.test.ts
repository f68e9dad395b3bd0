import { type ControlPlaneConnection, connectionFromEnv } from "@palisade/control-plane";
import { injectControlPlane } from "@palisade/control-plane/testing";
import { defineParitySuite } from "./suite";

/**
 * The parity suite against the run's real kube-apiserver + etcd servers (@palisade/control-plane's global setup):
 * one per Calico CRD set it serves (both by default; PALISADE_CONTROL_PLANE_CRDS narrows it). kube-sim passes the same
 * suite in parity.test.ts.
 */
const servers: ControlPlaneConnection[] = (["v1", "v3"] as const).flatMap(
  (crds) => connectionFromEnv(process.env, crds) ?? [],
);
if (servers.length === 0) servers.push(injectControlPlane());

for (const cp of servers) {
  defineParitySuite(`kube-apiserver + etcd (${cp.crds} CRDs)`, () => ({
    name: `kube-apiserver ${cp.crds}`,
    server: cp.server,
    caPem: cp.caPem,
    storage: cp.crds,
    tokens: cp.tokens,
  }));
}
