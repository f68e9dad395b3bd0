import { SERVICE_NAME_LABEL } from "@palisade/calico";
import { isRecord, type KubeObject } from "../api/object";

/**
 * What Kubernetes' endpoint-slice controller keeps for a Service with a selector (pkg/controller/endpointslice and
 * staging/src/k8s.io/endpointslice reconciler.go, utils.go): one discovery.k8s.io/v1 EndpointSlice per address
 * family and distinct port list, labelled `kubernetes.io/service-name` and managed-by the controller, owned by the
 * Service. An endpoint per pod the selector picks that has an address and has not terminated (phase Succeeded or
 * Failed), with its conditions (ready: the pod's Ready condition and not terminating; serving: Ready; terminating:
 * being deleted), node and target reference. Each Service port's targetPort resolves per pod (a name through the
 * pod's container ports; a pod without it leaves that port out of its list).
 */
export const MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
export const CONTROLLER_NAME = "endpointslice-controller.k8s.io";
/** The controller puts at most this many endpoints in one slice (--max-endpoints-per-slice default). */
const MAX_ENDPOINTS = 100;

type Rec = Record<string, unknown>;

interface SlicePort {
  readonly name: string;
  readonly port: number;
  readonly protocol: string;
  readonly appProtocol?: string;
}

/** The slices a Service should have, without names or server-set metadata, in a stable order. */
export function desiredEndpointSlices(service: KubeObject, pods: readonly KubeObject[]): KubeObject[] {
  const spec: Rec = isRecord(service.spec) ? service.spec : {};
  const selector = isRecord(spec.selector) ? spec.selector : undefined;
  if (selector === undefined || Object.keys(selector).length === 0) return [];
  const namespace = service.metadata.namespace ?? "";
  const name = service.metadata.name ?? "";
  const publishNotReady = spec.publishNotReadyAddresses === true;
  const families = Array.isArray(spec.ipFamilies) && spec.ipFamilies.length > 0 ? spec.ipFamilies : ["IPv4"];
  const groups = new Map<string, { family: string; ports: SlicePort[]; endpoints: Rec[] }>();
  const selected = pods
    .filter((p) => p.metadata.namespace === namespace && matches(selector, p.metadata.labels ?? {}))
    .sort((a, b) => (a.metadata.name ?? "").localeCompare(b.metadata.name ?? ""));
  for (const pod of selected) {
    const status: Rec = isRecord(pod.status) ? pod.status : {};
    if (status.phase === "Succeeded" || status.phase === "Failed") continue;
    const ports = portsFor(spec, pod);
    for (const family of families) {
      const ip = podIps(status).find((a) => (family === "IPv6") === a.includes(":"));
      if (ip === undefined) continue;
      const key = `${family} ${JSON.stringify(ports)}`;
      const group = groups.get(key) ?? { family: String(family), ports, endpoints: [] };
      groups.set(key, group);
      group.endpoints.push(endpoint(pod, ip, publishNotReady));
    }
  }
  const labels = {
    ...(service.metadata.labels ?? {}),
    [SERVICE_NAME_LABEL]: name,
    [MANAGED_BY_LABEL]: CONTROLLER_NAME,
    ...(spec.clusterIP === "None" ? { "service.kubernetes.io/headless": "" } : {}),
  };
  const owner = {
    apiVersion: "v1",
    kind: "Service",
    name,
    uid: service.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
  const out: KubeObject[] = [];
  for (const { family, ports, endpoints } of groups.values()) {
    for (let i = 0; i < endpoints.length; i += MAX_ENDPOINTS) {
      out.push({
        apiVersion: "discovery.k8s.io/v1",
        kind: "EndpointSlice",
        metadata: { namespace, generateName: `${name}-`, labels, ownerReferences: [owner] },
        addressType: family,
        endpoints: endpoints.slice(i, i + MAX_ENDPOINTS),
        ports,
      });
    }
  }
  // A Service that selects no pod still has one empty slice, so clients can tell "no endpoints" from "not synced".
  if (out.length === 0) {
    out.push({
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { namespace, generateName: `${name}-`, labels, ownerReferences: [owner] },
      addressType: String(families[0]),
      endpoints: [],
      ports: portsFor(spec, undefined),
    });
  }
  return out;
}

function matches(selector: Rec, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

function podIps(status: Rec): string[] {
  const listed = Array.isArray(status.podIPs) ? status.podIPs.filter(isRecord).map((p) => p.ip) : [];
  const all = [...listed, status.podIP].filter((ip): ip is string => typeof ip === "string" && ip !== "");
  return [...new Set(all)];
}

/** The Service's ports with each targetPort resolved for the pod (for an empty slice, numeric ones only). */
function portsFor(spec: Rec, pod: KubeObject | undefined): SlicePort[] {
  const containerPorts = pod === undefined ? [] : podContainerPorts(pod);
  const out: SlicePort[] = [];
  for (const raw of Array.isArray(spec.ports) ? spec.ports.filter(isRecord) : []) {
    const protocol = typeof raw.protocol === "string" ? raw.protocol : "TCP";
    const target = raw.targetPort ?? raw.port;
    const port =
      typeof target === "number"
        ? target
        : /^\d+$/.test(String(target))
          ? Number(target)
          : containerPorts.find((c) => c.name === target && c.protocol === protocol)?.containerPort;
    if (port === undefined) continue;
    out.push({
      name: typeof raw.name === "string" ? raw.name : "",
      port,
      protocol,
      ...(typeof raw.appProtocol === "string" ? { appProtocol: raw.appProtocol } : {}),
    });
  }
  return out;
}

function podContainerPorts(pod: KubeObject): { name?: unknown; containerPort?: number; protocol: string }[] {
  const spec: Rec = isRecord(pod.spec) ? pod.spec : {};
  const containers = Array.isArray(spec.containers) ? spec.containers.filter(isRecord) : [];
  return containers.flatMap((c) =>
    (Array.isArray(c.ports) ? c.ports.filter(isRecord) : []).map((p) => ({
      name: p.name,
      containerPort: typeof p.containerPort === "number" ? p.containerPort : undefined,
      protocol: typeof p.protocol === "string" ? p.protocol : "TCP",
    })),
  );
}

function endpoint(pod: KubeObject, ip: string, publishNotReady: boolean): Rec {
  const spec: Rec = isRecord(pod.spec) ? pod.spec : {};
  const status: Rec = isRecord(pod.status) ? pod.status : {};
  const conditions = Array.isArray(status.conditions) ? status.conditions.filter(isRecord) : [];
  const podReady = conditions.some((c) => c.type === "Ready" && c.status === "True");
  const terminating = pod.metadata.deletionTimestamp !== undefined;
  return {
    addresses: [ip],
    conditions: { ready: publishNotReady || (podReady && !terminating), serving: podReady, terminating },
    ...(typeof spec.nodeName === "string" ? { nodeName: spec.nodeName } : {}),
    targetRef: { kind: "Pod", namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
}

/** The parts of a slice the controller decides, to tell whether a stored slice needs an update. */
export function sliceContent(slice: KubeObject): string {
  const { addressType, endpoints, ports } = slice;
  return JSON.stringify({
    labels: slice.metadata.labels,
    owner: slice.metadata.ownerReferences,
    addressType,
    endpoints,
    ports,
  });
}
