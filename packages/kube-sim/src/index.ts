export type { RoleName } from "./auth/roles";
export type { Tokens } from "./kubeconfig";
export type { CalicoStorage } from "./registry/calico-crds";
export { DEFAULT_LARGE_SIZE, type LargeScenarioSize, SCENARIO_NAMES, type ScenarioName } from "./scenarios/index";
export { type KubeSim, type KubeSimOptions, startKubeSim } from "./server";
