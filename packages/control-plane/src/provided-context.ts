/** Types what the vitest global setup provides, for `inject` in any test file that imports this package's testing entry. */
import type { ControlPlaneConnection } from "./connection.js";

declare module "vitest" {
  export interface ProvidedContext {
    palisadeControlPlane: ControlPlaneConnection;
  }
}
