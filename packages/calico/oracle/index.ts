/** What the benchmarks (the bench package) use of the oracle: Calico's Go selector code beside ours. */
export { CalicoGo } from "./calico-go";
export type { OracleEvaluateApi } from "./client";
export { fixtureSelectors } from "./fixture-selectors";
