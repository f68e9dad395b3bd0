/**
 * vitest globalSetup: one real control plane for the whole run, shared by every test file through `inject`
 * (and PALISADE_CONTROL_PLANE in the environment of the workers it forks).
 *
 *   globalSetup: ['@palisade/control-plane/vitest-setup']
 *
 * PALISADE_CONTROL_PLANE_CRDS picks the Calico CRD set (v1, the default, or v3). When PALISADE_CONTROL_PLANE is
 * already set, for example by `pnpm --filter @palisade/control-plane start` in another terminal, that server is
 * reused and nothing is started.
 */
import type { TestProject } from "vitest/node";
import { CONNECTION_ENV, connectionFromEnv } from "./connection.js";
import { startControlPlane } from "./control-plane.js";
import type { CrdSet } from "./crds.js";
import "./provided-context.js";

function crdSetFromEnv(): CrdSet {
  const value = process.env.PALISADE_CONTROL_PLANE_CRDS ?? "v1";
  if (value !== "v1" && value !== "v3") throw new Error(`PALISADE_CONTROL_PLANE_CRDS must be v1 or v3, not ${value}`);
  return value;
}

/** The one thing the setup needs from vitest's TestProject, named so a test can drive the setup directly. */
export type ProvideTarget = Pick<TestProject, "provide">;

export default async function setup(project: ProvideTarget): Promise<(() => Promise<void>) | undefined> {
  const existing = connectionFromEnv();
  if (existing) {
    project.provide("palisadeControlPlane", existing);
    return undefined;
  }
  const controlPlane = await startControlPlane({ crds: crdSetFromEnv() });
  const connection = controlPlane.connection();
  process.env[CONNECTION_ENV] = JSON.stringify(connection);
  project.provide("palisadeControlPlane", connection);
  const t = controlPlane.timings;
  console.info(
    `control plane (${connection.crds} CRDs) at ${connection.server}: binaries ${Math.round(t.binariesMs)}ms, ` +
      `ready ${Math.round(t.readyMs)}ms, bootstrap ${Math.round(t.bootstrapMs)}ms`,
  );
  return async () => {
    delete process.env[CONNECTION_ENV];
    await controlPlane.stop();
  };
}
