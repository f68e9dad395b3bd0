import { afterAll, beforeAll } from "vitest";
import type { CalicoStorage } from "../registry/calico-crds";
import { type KubeSim, startKubeSim } from "../server";
import { defineParitySuite } from "./suite";
import type { ParityTarget } from "./target";

/** The parity suite against kube-sim in both Calico storage modes (the real-server run is control-plane.int.test.ts). */
for (const storage of ["v3", "v1"] as const satisfies CalicoStorage[]) {
  let sim: KubeSim;
  beforeAll(async () => {
    sim = await startKubeSim({ scenario: "empty", storage });
  });
  afterAll(() => sim.close());
  defineParitySuite(
    `kube-sim (${storage} storage)`,
    (): ParityTarget => ({
      name: `kube-sim ${storage}`,
      server: sim.server,
      caPem: sim.caPem,
      storage,
      tokens: sim.tokens,
    }),
  );
}
