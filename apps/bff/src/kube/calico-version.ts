import {
  type CalicoVersion,
  type PolicyNaming,
  parseCalicoVersion,
  policyNaming,
  type ReleaseRange,
  releaseRangeOf,
  TIERED_POLICY_KINDS,
} from "@palisade/calico";
import type { CalicoStorage, CalicoVersionInfo, CalicoVersionSource } from "@palisade/contract";
import type { KubeClient } from "./http";
import type { KubeObject } from "./resources";

/** What the cluster itself says about its Calico version, with where it said it. */
export interface VersionEvidence {
  readonly version: CalicoVersion;
  readonly source: Extract<CalicoVersionSource, "ClusterInformation" | "calico-node image">;
}

/** Namespaces calico-node runs in: the operator's, then the manifest install's (IBM Cloud's among them). */
const CALICO_NODE_NAMESPACES = ["calico-system", "kube-system"];

interface PodList {
  items?: { spec?: { containers?: { name?: string; image?: string }[] } }[];
}

/** `quay.io/calico/node:v3.31.0` or `…/node:v3.31.0@sha256:…`: the tag, if there is one. */
export function imageTag(image: string): string | undefined {
  const withoutDigest = image.split("@")[0] ?? "";
  const lastSlash = withoutDigest.lastIndexOf("/");
  const colon = withoutDigest.lastIndexOf(":");
  return colon > lastSlash ? withoutDigest.slice(colon + 1) : undefined;
}

/**
 * Asks the cluster: ClusterInformation `default` (`spec.calicoVersion`, which calico-node keeps current), else the
 * tag of a calico-node pod's image. A request that fails (not found, forbidden) just moves on to the next source.
 */
export async function readCalicoVersion(
  client: KubeClient,
  storage: CalicoStorage,
): Promise<VersionEvidence | undefined> {
  if (storage === "v1" || storage === "v3") {
    const group = storage === "v1" ? "crd.projectcalico.org/v1" : "projectcalico.org/v3";
    const info = await client
      .request<KubeObject>("GET", `/apis/${group}/clusterinformations/default`)
      .catch(() => undefined);
    const text = info?.spec?.calicoVersion;
    const version = typeof text === "string" ? parseCalicoVersion(text) : undefined;
    if (version !== undefined) return { version, source: "ClusterInformation" };
  }
  for (const ns of CALICO_NODE_NAMESPACES) {
    const pods = await client
      .request<PodList>("GET", `/api/v1/namespaces/${ns}/pods`, {
        query: { labelSelector: "k8s-app=calico-node", limit: "1" },
      })
      .catch(() => undefined);
    const image = pods?.items?.[0]?.spec?.containers?.find((c) => c.name === "calico-node")?.image;
    const tag = image === undefined ? undefined : imageTag(image);
    const version = tag === undefined ? undefined : parseCalicoVersion(tag);
    if (version !== undefined) return { version, source: "calico-node image" };
  }
  return undefined;
}

/** The resources whose stored names `tieredFromStoredNames` reads. */
export const RESOURCES_NAMED_BY_TIER: ReadonlySet<string> = new Set(["GlobalNetworkPolicy", "NetworkPolicy"]);

/**
 * What the stored names of default-tier policies say (classic storage): Calico up to v3.31 stores every one as
 * `default.<name>`, v3.32 as `<name>`. Undefined when there are none, or both kinds (no telling).
 */
export function tieredFromStoredNames(stored: Iterable<KubeObject>): boolean | undefined {
  let prefixed = 0;
  let plain = 0;
  for (const obj of stored) {
    if (obj.kind !== undefined && !TIERED_POLICY_KINDS.has(obj.kind)) continue;
    const tier = obj.spec?.tier;
    if (typeof tier === "string" && tier !== "" && tier !== "default") continue;
    const name = obj.metadata.name;
    if (name.startsWith("default.")) prefixed++;
    else if (!name.includes(".")) plain++;
  }
  if (prefixed > 0 && plain === 0) return true;
  if (plain > 0 && prefixed === 0) return false;
  return undefined;
}

/**
 * The version Palisade works with, the releases it may be (`release`), and how it names what it writes. Native v3
 * CRDs exist only from v3.32, so v3 storage without other evidence is "v3.32 or newer"; otherwise an unknown version
 * writes the tiered form, which every version reads.
 */
export function calicoVersionInfo(
  storage: CalicoStorage,
  evidence: VersionEvidence | undefined,
  namesTiered: boolean | undefined,
): { info: CalicoVersionInfo; naming: PolicyNaming; release: ReleaseRange } {
  if (evidence !== undefined) {
    const naming = policyNaming(evidence.version);
    const from = evidence.source === "ClusterInformation" ? "ClusterInformation default" : "the calico-node image";
    return {
      naming,
      release: releaseRangeOf(evidence.version, undefined),
      info: {
        version: evidence.version.text,
        source: evidence.source,
        tieredPolicyNames: naming.tiered,
        note: `${naming.calico}, from ${from}: ${namingSentence(naming.tiered)}`,
      },
    };
  }
  if (storage === "v3" || namesTiered !== undefined) {
    const tiered = storage === "v3" ? false : (namesTiered ?? true);
    const range = tiered ? "v3.31 or older" : "v3.32 or newer";
    const why = storage === "v3" ? "the native projectcalico.org/v3 CRDs" : "how the stored policies are named";
    return {
      naming: { tiered, calico: `Calico ${range}` },
      release: releaseRangeOf(undefined, tiered),
      info: {
        version: null,
        source: "stored names",
        tieredPolicyNames: tiered,
        note: `Calico ${range}, judging by ${why} (no ClusterInformation or calico-node image to read): ${namingSentence(tiered)}`,
      },
    };
  }
  const naming = policyNaming(undefined);
  return {
    naming,
    release: {},
    info: {
      version: null,
      source: "unknown",
      tieredPolicyNames: true,
      note: `The Calico version is unknown (no ClusterInformation, calico-node image or stored policies to read): ${namingSentence(true)}, the form every version reads`,
    },
  };
}

function namingSentence(tiered: boolean): string {
  return tiered
    ? "policies are stored as <tier>.<name> (default.<name> in the default tier) and other tiers' names must start with their tier"
    : "policies are stored under their own names";
}
