/**
 * IBM Cloud's isolation policy sets ("Isolating clusters on the public / private network") as a catalog: the sets,
 * their members, the regions, and a generator that turns a region and parameters into the objects IBM's files hold.
 */
import { stringify } from "yaml";
import { err, ok, type Result } from "../result";
import { formatNetwork, parseCidr, parseIp } from "../validate/net";
import {
  type IsolationMember,
  type IsolationObject,
  type IsolationSetId,
  PRIVATE_HOST_ENDPOINTS_MEMBER,
  PRIVATE_MEMBERS,
  type PrivateWorker,
  PUBLIC_MEMBERS,
} from "./members";
import { ISOLATION_REGION_IDS, ISOLATION_REGIONS, type IsolationRegion, type IsolationRegionId } from "./regions";

/** The kube-samples snapshot the catalog mirrors; `version` orders catalogs (date first) and is stamped on objects. */
export const ISOLATION_CATALOG = {
  repository: "IBM-Cloud/kube-samples",
  path: "calico-policies",
  commit: "7057ed01e9989c277dcab1cb24dbb9be03266917",
  date: "2026-06-16",
  version: "2026-06-16.7057ed0",
} as const;

export interface IsolationSet {
  readonly id: IsolationSetId;
  readonly title: string;
  /** IBM's folder: `calico-policies/<folder>/<region>/`. */
  readonly folder: string;
  /** The worker interface the set isolates. */
  readonly interfaceName: "eth1" | "eth0";
  readonly members: readonly IsolationMember[];
}

export const ISOLATION_SETS: Readonly<Record<IsolationSetId, IsolationSet>> = {
  "public-isolation": {
    id: "public-isolation",
    title: "Isolate the cluster on the public network",
    folder: "public-network-isolation",
    interfaceName: "eth1",
    members: PUBLIC_MEMBERS,
  },
  "private-isolation": {
    id: "private-isolation",
    title: "Isolate the cluster on the private network",
    folder: "private-network-isolation",
    interfaceName: "eth0",
    members: PRIVATE_MEMBERS,
  },
};

export const ISOLATION_SET_IDS = Object.keys(ISOLATION_SETS) as IsolationSetId[];

/** The pod subnet IBM's files assume (README "Deployment Notes"). */
export const DEFAULT_POD_SUBNET = "172.30.0.0/16";
/** The master API server's local proxy; clusters created more than 3 years ago also use 10.10.10.1. */
export const MASTER_PROXY = "172.21.0.1/32";
export const LEGACY_MASTER_PROXY = "10.10.10.1/32";

/**
 * Region choice (both READMEs, "Regions"): ca-tor and br-sao are for the Toronto and São Paulo multizone
 * locations; their single-zone locations use us-east and us-south.
 */
export const SINGLE_ZONE_REGION: Readonly<Partial<Record<IsolationRegionId, IsolationRegionId>>> = {
  "ca-tor": "us-east",
  "br-sao": "us-south",
};

export function regionNote(region: IsolationRegionId): string | undefined {
  const single = SINGLE_ZONE_REGION[region];
  if (single === undefined) return undefined;
  const city = region === "ca-tor" ? "Toronto" : "São Paulo";
  return `for the ${city} multizone location; a ${city} single-zone cluster uses ${single}`;
}

export function isIsolationSetId(s: string): s is IsolationSetId {
  return s in ISOLATION_SETS;
}

export function isIsolationRegionId(s: string): s is IsolationRegionId {
  return (ISOLATION_REGION_IDS as readonly string[]).includes(s);
}

export interface IsolationParams {
  readonly region: string;
  /** Default `DEFAULT_POD_SUBNET`. */
  readonly podSubnet?: string;
  /** The master proxy's addresses; default the region's files' (`MASTER_PROXY`, and the legacy one where listed). */
  readonly masterProxy?: readonly string[];
  /** Optional members to include (core members are always included; naming one is harmless). */
  readonly with?: readonly string[];
  /** Workers for the private host endpoints (private set only). */
  readonly workers?: readonly PrivateWorker[];
}

/** Parameters as applied: every default filled in. */
export interface ResolvedIsolationParams {
  readonly region: IsolationRegionId;
  readonly podSubnet: string;
  readonly masterProxy: readonly string[];
  readonly with: readonly string[];
}

export interface ParamError {
  /** The parameter at fault, e.g. `region`, `podSubnet`, `with[1]`, `workers[0].privateIp`. */
  readonly field: string;
  readonly message: string;
}

export interface GeneratedMember {
  readonly member: IsolationMember;
  /** The file IBM names it: `<member>.yaml`. */
  readonly file: string;
  readonly objects: readonly IsolationObject[];
}

export interface GeneratedIsolationSet {
  readonly set: IsolationSet;
  readonly region: IsolationRegion;
  readonly params: ResolvedIsolationParams;
  readonly members: readonly GeneratedMember[];
}

export function defaultMasterProxy(region: IsolationRegion): string[] {
  return region.legacyMasterProxy ? [MASTER_PROXY, LEGACY_MASTER_PROXY] : [MASTER_PROXY];
}

function checkCidr(field: string, value: string, errors: ParamError[]): void {
  const cidr = parseCidr(value);
  if (cidr === undefined) errors.push({ field, message: `"${value}" is not a CIDR (for example 172.30.0.0/16)` });
  else if (formatNetwork(cidr) !== value)
    errors.push({ field, message: `"${value}" has host bits set; the network is ${formatNetwork(cidr)}` });
}

/** Checks the parameters and fills in the defaults; every error names its parameter. */
export function resolveIsolationParams(
  setId: IsolationSetId,
  params: IsolationParams,
): Result<ResolvedIsolationParams, ParamError[]> {
  const errors: ParamError[] = [];
  const set = ISOLATION_SETS[setId];
  if (!isIsolationRegionId(params.region)) {
    errors.push({
      field: "region",
      message: `unknown region "${params.region}"; regions: ${ISOLATION_REGION_IDS.join(", ")}`,
    });
  }
  const podSubnet = params.podSubnet ?? DEFAULT_POD_SUBNET;
  checkCidr("podSubnet", podSubnet, errors);
  params.masterProxy?.forEach((n, i) => {
    checkCidr(`masterProxy[${i}]`, n, errors);
  });
  const known = new Set(set.members.map((m) => m.id));
  params.with?.forEach((id, i) => {
    if (!known.has(id)) {
      const optional = set.members.filter((m) => m.optional).map((m) => m.id);
      errors.push({
        field: `with[${i}]`,
        message: `${setId} has no member "${id}"; optional members: ${optional.join(", ")}`,
      });
    }
  });
  if (params.workers !== undefined && setId !== "private-isolation") {
    errors.push({ field: "workers", message: "only the private set has host endpoints" });
  }
  params.workers?.forEach((w, i) => {
    if (w.node.trim() === "") errors.push({ field: `workers[${i}].node`, message: "a worker needs its node name" });
    if (parseIp(w.privateIp) === undefined)
      errors.push({ field: `workers[${i}].privateIp`, message: `"${w.privateIp}" is not an IP address` });
  });
  if (errors.length > 0 || !isIsolationRegionId(params.region)) return err(errors);
  const region = ISOLATION_REGIONS[params.region];
  return ok({
    region: region.id,
    podSubnet,
    masterProxy: params.masterProxy ?? defaultMasterProxy(region),
    with: set.members.filter((m) => m.optional && params.with?.includes(m.id)).map((m) => m.id),
  });
}

/** The set's objects for a region and parameters, member by member in IBM's README order. */
export function generateIsolationSet(
  setId: IsolationSetId,
  params: IsolationParams,
): Result<GeneratedIsolationSet, ParamError[]> {
  const resolved = resolveIsolationParams(setId, params);
  if (!resolved.ok) return resolved;
  const set = ISOLATION_SETS[setId];
  const region = ISOLATION_REGIONS[resolved.value.region];
  const inputs = {
    region,
    podSubnet: resolved.value.podSubnet,
    masterProxy: resolved.value.masterProxy,
    workers: params.workers ?? [],
  };
  const members = set.members
    .filter((m) => !m.optional || resolved.value.with.includes(m.id))
    .map((member) => ({ member, file: `${member.id}.yaml`, objects: member.objects(inputs) }))
    .filter((g) => g.objects.length > 0 || g.member.id !== PRIVATE_HOST_ENDPOINTS_MEMBER);
  return ok({ set, region, params: resolved.value, members });
}

/** Labels and annotations that let Palisade recognise a set's objects in a cluster. */
export const POLICY_SET_LABEL = "palisade.io/policy-set";
export const POLICY_SET_REGION_LABEL = "palisade.io/policy-set-region";
export const POLICY_SET_MEMBER_ANNOTATION = "palisade.io/policy-set-member";
export const POLICY_SET_CATALOG_ANNOTATION = "palisade.io/policy-set-catalog";
export const POLICY_SET_PARAMETERS_ANNOTATION = "palisade.io/policy-set-parameters";

/** Which set, region and member an object's labels and annotations say it belongs to, if any. */
export interface PolicySetMembership {
  readonly set: IsolationSetId;
  readonly region: string;
  readonly member: string | undefined;
}

export function policySetMembership(metadata: {
  readonly labels?: Readonly<Record<string, string>> | undefined;
  readonly annotations?: Readonly<Record<string, string>> | undefined;
}): PolicySetMembership | undefined {
  const set = metadata.labels?.[POLICY_SET_LABEL];
  const region = metadata.labels?.[POLICY_SET_REGION_LABEL];
  if (set === undefined || !isIsolationSetId(set) || region === undefined) return undefined;
  return { set, region, member: metadata.annotations?.[POLICY_SET_MEMBER_ANNOTATION] };
}

/** The generated objects, each stamped with its set, region, member, catalog version and parameters. */
export function markedObjects(generated: GeneratedIsolationSet): IsolationObject[] {
  const parameters = JSON.stringify({
    podSubnet: generated.params.podSubnet,
    masterProxy: generated.params.masterProxy,
    with: generated.params.with,
  });
  return generated.members.flatMap(({ member, objects }) =>
    objects.map((o) => ({
      ...o,
      metadata: {
        ...o.metadata,
        labels: {
          ...o.metadata.labels,
          [POLICY_SET_LABEL]: generated.set.id,
          [POLICY_SET_REGION_LABEL]: generated.region.id,
        },
        annotations: {
          ...o.metadata.annotations,
          [POLICY_SET_MEMBER_ANNOTATION]: member.id,
          [POLICY_SET_CATALOG_ANNOTATION]: ISOLATION_CATALOG.version,
          [POLICY_SET_PARAMETERS_ANNOTATION]: parameters,
        },
      },
    })),
  );
}

/** Objects as one multi-document YAML text, as `calicoctl apply -f` and `kubectl apply -f` take it. */
export function objectsYaml(objects: readonly IsolationObject[]): string {
  return objects.map((o) => stringify(o, { lineWidth: 0, aliasDuplicateObjects: false })).join("---\n");
}
