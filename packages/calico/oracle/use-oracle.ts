/** One oracle process per test file: started (and built when needed) before its tests, closed after them. */
import { afterAll, beforeAll } from "vitest";
import { CalicoOracle } from "./client";

/** Registers the hooks; call the returned function inside tests to reach the running oracle. */
export function useOracle(): () => CalicoOracle {
  let oracle: CalicoOracle | undefined;
  // A cold build downloads ~350 MB of modules and compiles for a few minutes on 2 cores.
  beforeAll(async () => {
    oracle = await CalicoOracle.start();
  }, 15 * 60_000);
  afterAll(async () => {
    await oracle?.close();
  });
  return () => {
    if (oracle === undefined) throw new Error("the calico oracle is not running");
    return oracle;
  };
}
