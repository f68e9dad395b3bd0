/**
 * Runs one control plane in the foreground for manual work (kubectl, the BFF, a vitest run in another terminal):
 *
 *   pnpm --filter @palisade/control-plane start [v1|v3]
 *
 * Prints the admin kubeconfig and an `export PALISADE_CONTROL_PLANE=...` line; the vitest global setup reuses a
 * server announced that way instead of starting its own. Ctrl-C stops it and removes its folders.
 */
import { CONNECTION_ENV } from "./connection.js";
import { startControlPlane } from "./control-plane.js";

const arg = process.argv[2] ?? "v1";
if (arg !== "v1" && arg !== "v3") {
  console.error("usage: start [v1|v3]");
  process.exit(2);
}

const cp = await startControlPlane({ crds: arg });
const connection = cp.connection();
console.log(`server:     ${cp.server} (${arg} Calico CRDs)`);
for (const [user, path] of Object.entries(connection.kubeconfigs)) console.log(`kubeconfig: ${path}  (${user})`);
console.log(`timings:    ${JSON.stringify(cp.timings)}`);
console.log(`\nexport KUBECONFIG=${cp.kubeconfigPath}`);
console.log(`export ${CONNECTION_ENV}='${JSON.stringify(connection)}'`);
// Nothing more to do: the running children keep this process alive, and the launcher's signal handlers kill them
// and delete the folders on Ctrl-C.
