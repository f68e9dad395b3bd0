/**
 * vitest globalSetup: real control planes for the whole run, shared by every test file through `inject` (and the
 * environment of the workers it forks).
 *
 *   globalSetup: ["./packages/control-plane/src/vitest-setup.ts"]
 *
 * PALISADE_CONTROL_PLANE_CRDS lists the Calico CRD sets to serve, one server each, started in parallel: "v1,v3" by
 * default, so a suite can hold both the classic and the native storage to account in one run. The first set named
 * is the primary server (`injectControlPlane()`, PALISADE_CONTROL_PLANE); each set's server is also under
 * `injectControlPlane(set)` and PALISADE_CONTROL_PLANE_V1 / _V3. When PALISADE_CONTROL_PLANE is already set, for
 * example by `pnpm --filter @palisade/control-plane start` in another terminal, those servers are reused and nothing
 * is started.
 */
import type { TestProject } from "vitest/node";
import { CONNECTION_ENV, type ControlPlaneConnection, connectionEnvFor, connectionFromEnv } from "./connection.js";
import { startControlPlane } from "./control-plane.js";
import type { CrdSet } from "./crds.js";
import "./provided-context.js";

const CRD_SETS: readonly CrdSet[] = ["v1", "v3"];

function isCrdSet(value: string): value is CrdSet {
  return (CRD_SETS as readonly string[]).includes(value);
}

/** The CRD sets to serve, primary first. */
export function crdSetsFromEnv(env: NodeJS.ProcessEnv = process.env): [CrdSet, ...CrdSet[]] {
  const value = env.PALISADE_CONTROL_PLANE_CRDS ?? "v1,v3";
  const sets = [...new Set(value.split(",").map((s) => s.trim()))];
  const [first, ...rest] = sets;
  if (first === undefined || !sets.every(isCrdSet) || !isCrdSet(first)) {
    throw new Error(`PALISADE_CONTROL_PLANE_CRDS must list v1 and/or v3 (comma-separated), not "${value}"`);
  }
  return [first, ...rest.filter(isCrdSet)];
}

/** The one thing the setup needs from vitest's TestProject, named so a test can drive the setup directly. */
export type ProvideTarget = Pick<TestProject, "provide">;

function publish(project: ProvideTarget, primary: ControlPlaneConnection, all: ControlPlaneConnection[]): void {
  project.provide("palisadeControlPlane", primary);
  project.provide("palisadeControlPlanes", Object.fromEntries(all.map((c) => [c.crds, c])));
}

export default async function setup(project: ProvideTarget): Promise<(() => Promise<void>) | undefined> {
  const existing = connectionFromEnv();
  if (existing) {
    const all = CRD_SETS.flatMap((set) => connectionFromEnv(process.env, set) ?? []);
    publish(project, existing, all);
    return undefined;
  }
  const sets = crdSetsFromEnv();
  const started = await Promise.allSettled(sets.map((crds) => startControlPlane({ crds })));
  const controlPlanes = started.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const failure = started.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failure) {
    await Promise.all(controlPlanes.map((cp) => cp.stop()));
    throw failure.reason;
  }
  const primary = controlPlanes[0];
  if (!primary) throw new Error("no control plane started");
  const connections = controlPlanes.map((cp) => cp.connection());
  const envNames = [CONNECTION_ENV, ...connections.map((c) => connectionEnvFor(c.crds))];
  process.env[CONNECTION_ENV] = JSON.stringify(primary.connection());
  for (const c of connections) process.env[connectionEnvFor(c.crds)] = JSON.stringify(c);
  publish(project, primary.connection(), connections);
  for (const cp of controlPlanes) {
    const t = cp.timings;
    console.info(
      `control plane (${cp.crds} CRDs) at ${cp.server}: binaries ${Math.round(t.binariesMs)}ms, ` +
        `ready ${Math.round(t.readyMs)}ms, bootstrap ${Math.round(t.bootstrapMs)}ms`,
    );
  }
  return async () => {
    for (const name of envNames) delete process.env[name];
    await Promise.all(controlPlanes.map((cp) => cp.stop()));
  };
}
