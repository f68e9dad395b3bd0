/**
 * Calico's own calicoctl, built from the Calico module version the oracle pins (`build.sh calicoctl`, cached under
 * ~/.cache/palisade), for tests that check Palisade against what that version's calicoctl reads and writes. It talks
 * to a kube-apiserver as calicoctl does in Kubernetes-datastore mode: DATASTORE_TYPE=kubernetes and a KUBECONFIG.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildCalicoGoBinary } from "./build-script";

const here = fileURLToPath(new URL(".", import.meta.url));

/** The Calico release the oracle's go.mod pins (`// v3.31.0` beside the calico module), e.g. `v3.31.0`. */
export function pinnedCalicoRelease(): string {
  const goMod = readFileSync(`${here}go.mod`, "utf8");
  const m = /^\tgithub\.com\/projectcalico\/calico v\S+ \/\/ (v\d+\.\d+\.\d+)/m.exec(goMod);
  if (m?.[1] === undefined) throw new Error("the oracle's go.mod names no Calico release beside the calico module");
  return m[1];
}

/**
 * The ClusterInformation CRD of that release from ../shared (read at run time): `crds-<release>/`, or the v3.31.0 set
 * when shared/ has no set for a newer release (the CRD has not changed since).
 */
export function clusterInformationCrdFile(): string {
  const file = "crd.projectcalico.org_clusterinformations.yaml";
  const shared = fileURLToPath(new URL("../../../../shared/calico/", import.meta.url));
  const own = `${shared}crds-${pinnedCalicoRelease()}/${file}`;
  return existsSync(own) ? own : `${shared}crds-v3.31.0/${file}`;
}

/** Runs `build.sh calicoctl` (a cache look-up once built); returns the binary's path. */
export function buildCalicoctl(): Promise<string> {
  return buildCalicoGoBinary("calicoctl");
}

export interface CalicoctlResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A calicoctl bound to one cluster's kubeconfig. */
export class Calicoctl {
  constructor(
    private readonly binary: string,
    private readonly kubeconfig: string,
  ) {}

  /** Runs one command; `stdin` is fed to `-f -`. Never throws for a non-zero exit: tests look at the result. */
  run(args: readonly string[], stdin?: string): Promise<CalicoctlResult> {
    return new Promise((resolve, reject) => {
      const child = execFile(
        this.binary,
        [...args],
        {
          env: {
            PATH: process.env.PATH ?? "",
            HOME: process.env.HOME ?? "",
            DATASTORE_TYPE: "kubernetes",
            KUBECONFIG: this.kubeconfig,
          },
          maxBuffer: 64 * 1024 * 1024,
          timeout: 60_000,
        },
        (error, stdout, stderr) => {
          if (error !== null && typeof error.code !== "number") reject(error);
          else resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
        },
      );
      child.stdin?.end(stdin ?? "");
    });
  }

  /** Runs one command and fails with its output unless it succeeds. */
  async ok(args: readonly string[], stdin?: string): Promise<string> {
    const r = await this.run(args, stdin);
    if (r.code !== 0) throw new Error(`calicoctl ${args.join(" ")} exited ${r.code}: ${r.stderr || r.stdout}`);
    return r.stdout;
  }
}
