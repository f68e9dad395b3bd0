import {
  type ControlPlane,
  type ControlPlaneConnection,
  connectionFromEnv,
  startControlPlane,
} from "@palisade/control-plane";
import { afterAll, beforeAll } from "vitest";
import { defineContractSuite } from "./suite";

/**
 * The contract suite against a real kube-apiserver + etcd: the run's shared one when @palisade/control-plane's global
 * setup announced it (PALISADE_CONTROL_PLANE, with the CRD set PALISADE_CONTROL_PLANE_CRDS picks), else one started
 * here with the classic v1 CRDs. kube-sim passes the same suite in contract.test.ts.
 */
let connection: ControlPlaneConnection;
let started: ControlPlane | undefined;

beforeAll(async () => {
  const shared = connectionFromEnv();
  if (shared !== undefined) connection = shared;
  else {
    started = await startControlPlane({ crds: "v1" });
    connection = started.connection();
  }
});

afterAll(async () => {
  await started?.stop();
});

defineContractSuite("kube-apiserver + etcd", () => ({
  name: "kube-apiserver",
  server: connection.server,
  caPem: connection.caPem,
  storage: connection.crds,
  tokens: connection.tokens,
}));
