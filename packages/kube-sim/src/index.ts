export { type KubeSim, type KubeSimOptions, type ScenarioName, startKubeSim } from "./server";
