/**
 * What other packages use of the oracle: Calico's Go selector code beside ours (the bench package), and Calico's own
 * calicoctl and Goldmane from the same Calico module (the BFF's interop and flow tests).
 */
export { CalicoGo } from "./calico-go";
export {
  buildCalicoctl,
  Calicoctl,
  type CalicoctlResult,
  clusterInformationCrdFile,
  pinnedCalicoRelease,
} from "./calicoctl";
export type { OracleEvaluateApi } from "./client";
export { type FelixIndexKind, FelixLabelIndex, felixIndexWorkload } from "./felix-index";
export { fixtureSelectors } from "./fixture-selectors";
export { buildGoldmane, type PemFiles, type RunningGoldmane, startGoldmane } from "./goldmane";
