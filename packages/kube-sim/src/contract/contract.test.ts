import { afterAll, beforeAll } from "vitest";
import type { CalicoStorage } from "../registry/calico-crds";
import { type KubeSim, startKubeSim } from "../server";
import { defineContractSuite } from "./suite";
import type { ContractTarget } from "./target";

/** The contract suite against kube-sim in both Calico storage modes (the real-server run is contract.int.test.ts). */
for (const storage of ["v3", "v1"] as const satisfies CalicoStorage[]) {
  let sim: KubeSim;
  beforeAll(async () => {
    sim = await startKubeSim({ scenario: "empty", storage });
  });
  afterAll(() => sim.close());
  defineContractSuite(
    `kube-sim (${storage} storage)`,
    (): ContractTarget => ({
      name: `kube-sim ${storage}`,
      server: sim.server,
      caPem: sim.caPem,
      storage,
      tokens: sim.tokens,
    }),
  );
}
