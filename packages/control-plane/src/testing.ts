/**
 * For test files in other packages whose vitest project runs this package's global setup (the root integration
 * project does):
 *
 *   import { injectControlPlane } from "@palisade/control-plane/testing";
 *   const cp = injectControlPlane();      // the primary server: { server, caPem, crds, tokens, kubeconfigs }
 *   const v3 = injectControlPlane("v3");  // the one serving the native projectcalico.org/v3 CRDs
 *
 * A separate entry from the package index, so code that is not a test never loads vitest.
 */
import { inject } from "vitest";
import type { ControlPlaneConnection } from "./connection.js";
import type { CrdSet } from "./crds.js";
import "./provided-context.js";

const NO_SETUP = "add globalSetup: ['./packages/control-plane/src/vitest-setup.ts'] to this vitest project";

export function injectControlPlane(crds?: CrdSet): ControlPlaneConnection {
  if (crds === undefined) {
    // inject's type promises a value, but a project without the global setup gets undefined at run time.
    const primary: ControlPlaneConnection | undefined = inject("palisadeControlPlane");
    if (!primary) throw new Error(`no control plane: ${NO_SETUP}`);
    return primary;
  }
  const all: Partial<Record<CrdSet, ControlPlaneConnection>> | undefined = inject("palisadeControlPlanes");
  if (!all) throw new Error(`no control plane: ${NO_SETUP}`);
  const connection = all[crds];
  if (!connection) {
    throw new Error(`no control plane serves the ${crds} CRDs in this run: list it in PALISADE_CONTROL_PLANE_CRDS`);
  }
  return connection;
}
