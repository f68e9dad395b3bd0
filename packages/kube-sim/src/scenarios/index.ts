import type { KubeObject } from "../api/object";
import { ibmClassicScenario } from "./ibm-classic";
import { DEFAULT_LARGE_SIZE, type LargeScenarioSize, largeScenario } from "./large";

export type ScenarioName = "ibm-classic" | "empty" | "large";

export const SCENARIO_NAMES: readonly ScenarioName[] = ["ibm-classic", "empty", "large"];

/** The objects a scenario starts with (Calico kinds in v3 form), in dependency order (namespaces before pods). */
export function scenarioObjects(name: ScenarioName, size: LargeScenarioSize = DEFAULT_LARGE_SIZE): KubeObject[] {
  switch (name) {
    case "ibm-classic":
      return ibmClassicScenario();
    case "large":
      return largeScenario(size);
    case "empty":
      return [
        { apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } },
        { apiVersion: "v1", kind: "Namespace", metadata: { name: "kube-system" } },
      ];
  }
}

export { DEFAULT_LARGE_SIZE, type LargeScenarioSize };
