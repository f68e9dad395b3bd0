import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const TOOLS = fileURLToPath(new URL("tools/", import.meta.url));

/** The bin dir of helm and kustomize, built by tools/build.sh (cached in ~/.cache/palisade; minutes the first time). */
function toolsBin(): string {
  return execFileSync("bash", [join(TOOLS, "build.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
}

/** OpenShift's Route CRD, from the github.com/openshift/api module tools/go.mod pins (in the Go module cache). */
export function routeCrdFile(): string {
  const dir = execFileSync("go", ["list", "-mod=readonly", "-m", "-f", "{{.Dir}}", "github.com/openshift/api"], {
    cwd: TOOLS,
    encoding: "utf8",
  }).trim();
  return join(dir, "route/v1/zz_generated.crd-manifests/routes.crd.yaml");
}

/** Runs helm or kustomize; its stdout. A failure throws with the tool's stderr. */
export function run(tool: "helm" | "kustomize", args: readonly string[]): string {
  return execFileSync(join(toolsBin(), tool), [...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}
