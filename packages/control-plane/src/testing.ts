/**
 * For test files in other packages whose vitest project runs `@palisade/control-plane/vitest-setup`:
 *
 *   import { injectControlPlane } from "@palisade/control-plane/testing";
 *   const cp = injectControlPlane(); // { server, caPem, crds, tokens, kubeconfigs }
 *
 * A separate entry from the package index, so code that is not a test never loads vitest.
 */
import { inject } from "vitest";
import type { ControlPlaneConnection } from "./connection.js";
import "./provided-context.js";

export function injectControlPlane(): ControlPlaneConnection {
  // inject's type promises a value, but a project without the global setup gets undefined at run time.
  const connection: ControlPlaneConnection | undefined = inject("palisadeControlPlane");
  if (!connection) {
    throw new Error(
      "no control plane: add globalSetup: ['@palisade/control-plane/vitest-setup'] to this vitest project",
    );
  }
  return connection;
}
