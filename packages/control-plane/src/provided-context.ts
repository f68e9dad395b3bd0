/** Types what the vitest global setup provides, for `inject` in any test file that imports this package's testing entry. */
import type { ControlPlaneConnection } from "./connection.js";
import type { CrdSet } from "./crds.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's primary server: the first set PALISADE_CONTROL_PLANE_CRDS names. */
    palisadeControlPlane: ControlPlaneConnection;
    /** Every server the run started, by the CRD set it serves. */
    palisadeControlPlanes: Partial<Record<CrdSet, ControlPlaneConnection>>;
  }
}
