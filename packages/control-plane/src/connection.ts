/**
 * What a test needs to reach a running control plane, in a form that crosses process boundaries: vitest's
 * provide/inject serializes it, and the same JSON sits in PALISADE_CONTROL_PLANE (and PALISADE_CONTROL_PLANE_V1 or
 * _V3) for code that is not a vitest test (a child process, a CLI under test).
 */
import type { CrdSet } from "./crds.js";

export type ControlPlaneUser = "admin" | "editor" | "viewer";
export const CONTROL_PLANE_USERS: readonly ControlPlaneUser[] = ["admin", "editor", "viewer"];

export interface ControlPlaneConnection {
  server: string;
  caPem: string;
  crds: CrdSet;
  tokens: Record<ControlPlaneUser, string>;
  kubeconfigs: Record<ControlPlaneUser, string>;
}

export const CONNECTION_ENV = "PALISADE_CONTROL_PLANE";

function isStringRecord(value: unknown, keys: readonly string[]): value is Record<string, string> {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return keys.every((k) => typeof record[k] === "string");
}

export function parseConnection(json: string): ControlPlaneConnection {
  const value: unknown = JSON.parse(json);
  if (
    isStringRecord(value, ["server", "caPem", "crds"]) &&
    (value.crds === "v1" || value.crds === "v3") &&
    isStringRecord((value as Record<string, unknown>).tokens, CONTROL_PLANE_USERS) &&
    isStringRecord((value as Record<string, unknown>).kubeconfigs, CONTROL_PLANE_USERS)
  ) {
    return value as unknown as ControlPlaneConnection;
  }
  throw new Error(`${CONNECTION_ENV} does not hold a control-plane connection`);
}

/** Where the connection to the server with a given CRD set is published: PALISADE_CONTROL_PLANE_V1 or _V3. */
export function connectionEnvFor(crds: CrdSet): string {
  return `${CONNECTION_ENV}_${crds.toUpperCase()}`;
}

/**
 * The connection the vitest global setup (or a caller) published, or undefined when none runs. Without `crds`, the
 * run's primary server (PALISADE_CONTROL_PLANE); with it, the server serving that CRD set.
 */
export function connectionFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  crds?: CrdSet,
): ControlPlaneConnection | undefined {
  const primaryJson = env[CONNECTION_ENV];
  const primary = primaryJson ? parseConnection(primaryJson) : undefined;
  if (crds === undefined || primary?.crds === crds) return primary;
  const json = env[connectionEnvFor(crds)];
  return json ? parseConnection(json) : undefined;
}
