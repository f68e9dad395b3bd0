import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** packages/control-plane, found from this file so it holds wherever the clone lives. */
export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
