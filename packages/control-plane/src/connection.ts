/**
 * What a test needs to reach a running control plane, in a form that crosses process boundaries: vitest's
 * provide/inject serializes it, and the same JSON sits in PALISADE_CONTROL_PLANE for code that is not a vitest test
 * (a child process, a CLI under test).
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

/** The connection the vitest global setup (or a caller) published, or undefined when none runs. */
export function connectionFromEnv(env: NodeJS.ProcessEnv = process.env): ControlPlaneConnection | undefined {
  const json = env[CONNECTION_ENV];
  return json ? parseConnection(json) : undefined;
}
