/**
 * Child process for crash.int.test.ts: starts a control plane, reports where it lives on one stdout line, then
 * idles until it is killed, the way a test runner that crashes mid-run would be.
 */
import { dirname } from "node:path";
import { startControlPlane } from "../src/control-plane.js";

const cp = await startControlPlane({ crds: "v1" });
process.stdout.write(`${JSON.stringify({ pids: cp.pids, runDir: dirname(cp.logDir) })}\n`);
setInterval(() => {}, 60_000);
