import { CoreV1Api, type KubernetesObject, KubernetesObjectApi } from "@kubernetes/client-node";
import type { RoleName } from "../auth/roles";
import { CALICO_FIXTURES, type CalicoFixture, calicoApiVersion, calicoObject } from "./fixtures";
import { kubeConfigFor, type ParityTarget, uniqueName } from "./target";

export type Obj = KubernetesObject & { spec?: Record<string, unknown> };

/** The header client-node's read takes, from an object. */
export function ref(obj: Obj) {
  return {
    apiVersion: obj.apiVersion ?? "",
    kind: obj.kind ?? "",
    metadata: {
      name: obj.metadata?.name ?? "",
      ...(obj.metadata?.namespace ? { namespace: obj.metadata.namespace } : {}),
    },
  };
}

/**
 * What every topic of the parity suite shares: the target and a namespace of its own (both set before the first
 * test), clients, and the cluster-scoped objects to delete afterwards.
 */
export interface ParitySuite {
  target: ParityTarget;
  ns: string;
  readonly clusterScoped: Obj[];
  readonly client: (user?: RoleName) => KubernetesObjectApi;
  readonly calicoVersion: () => string;
  readonly gnpFixture: () => CalicoFixture;
  readonly createGnp: (name: string, labels?: Record<string, string>) => Promise<Obj>;
}

export function paritySuite(): ParitySuite {
  const suite: ParitySuite = {
    target: undefined as unknown as ParityTarget,
    ns: "",
    clusterScoped: [],
    client: (user = "admin") => kubeConfigFor(suite.target, user).makeApiClient(KubernetesObjectApi),
    calicoVersion: () => calicoApiVersion(suite.target.storage),
    gnpFixture: () => {
      const f = CALICO_FIXTURES.find((x) => x.kind === "GlobalNetworkPolicy");
      if (f === undefined) throw new Error("parity: no GlobalNetworkPolicy fixture");
      return f;
    },
    createGnp: async (name, labels = {}) => {
      const created = await suite
        .client()
        .create<Obj>(calicoObject(suite.target.storage, suite.gnpFixture(), name, suite.ns, labels));
      suite.clusterScoped.push(created);
      return created;
    },
  };
  return suite;
}

/** Creates the suite's namespace on the target. */
export async function openSuite(suite: ParitySuite, target: ParityTarget): Promise<void> {
  suite.target = target;
  suite.ns = uniqueName("parity");
  await kubeConfigFor(target, "admin")
    .makeApiClient(CoreV1Api)
    .createNamespace({ body: { metadata: { name: suite.ns, labels: { purpose: "parity" } } } });
}

/** Deletes what the suite created. */
export async function closeSuite(suite: ParitySuite): Promise<void> {
  const api = suite.client();
  for (const obj of suite.clusterScoped) await api.delete(obj).catch(() => undefined);
  await kubeConfigFor(suite.target, "admin")
    .makeApiClient(CoreV1Api)
    .deleteNamespace({ name: suite.ns })
    .catch(() => undefined);
}
