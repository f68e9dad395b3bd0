import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { Tokens } from "./kubeconfig";
import type { CalicoStorage } from "./registry/calico-crds";
import type { StoreSnapshot } from "./store/store";
import type { ServingCerts } from "./tls";

/**
 * What `--state` keeps across restarts: the objects and revision, and the CA, serving key and tokens, so clients
 * holding the old kubeconfig reconnect (and resume their watches, or relist after a 410) as after an API server
 * restart.
 */
export interface SimState {
  readonly format: "kube-sim-state/v1";
  readonly storage: CalicoStorage;
  readonly certs: ServingCerts;
  readonly tokens: Tokens;
  readonly snapshot: StoreSnapshot;
}

export function readState(path: string): SimState | undefined {
  if (!existsSync(path)) return undefined;
  const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<SimState>;
  if (parsed.format !== "kube-sim-state/v1" || parsed.snapshot === undefined || parsed.certs === undefined) {
    throw new Error(`kube-sim: ${path} is not a kube-sim state file (format kube-sim-state/v1)`);
  }
  return parsed as SimState;
}

/** Writes atomically: a temporary file beside the target, then a rename, so a crash never leaves half a file. */
export function writeState(path: string, state: SimState): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state), { mode: 0o600 });
  renameSync(tmp, path);
}
