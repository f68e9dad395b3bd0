/**
 * Felix's own label index (felix/labelindex in the Calico module the oracle is built from) built on the same
 * generated cluster as our match index, inside the oracle (`bench_index.go`), so that the benchmark can print the
 * two build times side by side. Felix is given what Felix holds: each endpoint's and network set's own labels and
 * label parents, the parents' (namespace and service account profiles') labels, and the distinct selectors of the
 * policies and their rules. Its match count must equal ours, or it did other work and no figure is reported.
 */
import {
  type GeneratedCluster,
  hostEndpoint,
  type LabelledItem,
  type MatchIndex,
  namespaceProfileId,
  namespaceProfileLabels,
  networkSetItem,
  ruleSelectorsOf,
  serviceAccountProfileId,
  serviceAccountProfileLabels,
  workloadEndpointFromPod,
} from "../src/index";
import { CalicoOracle, type FelixIndexKind, type FelixIndexRequest } from "./client";

export type { FelixIndexKind } from "./client";

/** What Felix is given, and the selector–item matches our index found on the same input. */
export interface FelixIndexWorkload {
  readonly request: Omit<FelixIndexRequest, "index">;
  readonly matches: number;
}

/** The cluster as Felix holds it, and the matches `index` (our index of the same cluster) found. */
export function felixIndexWorkload(cluster: GeneratedCluster, index: MatchIndex): FelixIndexWorkload {
  const items: LabelledItem[] = [
    ...cluster.hostEndpoints.map(hostEndpoint),
    ...cluster.pods.map(workloadEndpointFromPod),
    ...cluster.networkSets.map(networkSetItem),
  ];
  const parents: Record<string, Record<string, string>> = {};
  for (const ns of cluster.namespaces) {
    const name = ns.metadata.name;
    parents[namespaceProfileId(name)] = Object.fromEntries(namespaceProfileLabels(name, ns.metadata.labels));
  }
  for (const sa of cluster.serviceAccounts) {
    const name = sa.metadata.name;
    parents[serviceAccountProfileId(sa.metadata.namespace, name)] = Object.fromEntries(
      serviceAccountProfileLabels(name, sa.metadata.labels),
    );
  }
  const selectors = new Set<string>();
  for (const p of index.policyList()) {
    selectors.add(p.selector.toString());
    for (const s of ruleSelectorsOf(p)) selectors.add(s.toString());
  }
  let matches = 0;
  for (const item of items) matches += index.matchingSelectors(item.id).size;
  return {
    request: {
      op: "benchIndex",
      items: items.map((i) => ({ id: i.id, labels: Object.fromEntries(i.ownLabels), parents: i.profiles })),
      parents,
      selectors: [...selectors],
    },
    matches,
  };
}

/** The oracle, asked for builds of Felix's index; each answer is CPU milliseconds, or undefined (said why). */
export class FelixLabelIndex {
  private constructor(private readonly oracle: CalicoOracle) {}

  /** Builds (when not cached) and starts the oracle; undefined, said why on stderr, when it cannot. */
  static async start(): Promise<FelixLabelIndex | undefined> {
    try {
      return new FelixLabelIndex(await CalicoOracle.start({ crdDir: null }));
    } catch (error) {
      console.error(`Felix index rows omitted: the Calico oracle did not build or start: ${String(error)}`);
      return undefined;
    }
  }

  /** One build of Felix's `kind` on the workload: the oracle process's CPU milliseconds. */
  async build(kind: FelixIndexKind, workload: FelixIndexWorkload): Promise<number | undefined> {
    const answer = await this.oracle.bench({ ...workload.request, index: kind });
    if (!answer.ok) {
      console.error(`Felix ${kind} rows omitted: ${answer.error}`);
      return undefined;
    }
    if (answer.figures.perPass !== workload.matches) {
      console.error(
        `Felix ${kind} rows omitted: it found ${answer.figures.perPass} selector–item matches, ours ${workload.matches}`,
      );
      return undefined;
    }
    return answer.figures.cpuSeconds * 1000;
  }

  close(): Promise<void> {
    return this.oracle.close();
  }
}
