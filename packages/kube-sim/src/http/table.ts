import { isRecord, type KubeObject } from "../api/object";
import type { PrinterColumn } from "../registry/resource-type";

/** Whether the client asked for server-side printing (`kubectl get` does). */
export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? "")
    .split(",")
    .some((a) => a.includes("as=Table") && a.includes("v=v1;") && a.includes("g=meta.k8s.io"));
}

/** An age as apimachinery's `duration.HumanDuration` words it (`90s`, `7m12s`, `5h3m`, `3d4h`). */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8)
    return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const years = Math.floor(hours / 24 / 365);
  const days = Math.floor(hours / 24) % 365;
  if (hours < 24 * 365 * 8) return days === 0 ? `${years}y` : `${years}y${days}d`;
  return `${years}y`;
}

/** A column; `cell` computes a built-in kind's value where a CRD column has a `jsonPath`. */
export interface Column extends PrinterColumn {
  readonly cell?: (o: KubeObject) => unknown;
}

const NAME_COLUMN: Column = {
  name: "Name",
  type: "string",
  format: "name",
  description: "Name must be unique within a namespace.",
};
const AGE_COLUMN: Column = {
  name: "Age",
  type: "date",
  jsonPath: ".metadata.creationTimestamp",
  description: "CreationTimestamp is a timestamp representing the server time when this object was created.",
};

/** Follows a simple JSONPath (`.spec.order`, `.status.addresses[0].address`). */
function at(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    cur = Array.isArray(cur) ? cur[Number(part)] : isRecord(cur) ? cur[part] : undefined;
  }
  return cur;
}

const str = (v: unknown) =>
  v === undefined || v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
const rec = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The columns kube-apiserver prints for the built-in kinds kube-sim serves (pkg/printers/internalversion). */
const BUILTIN_COLUMNS: Readonly<Record<string, readonly Column[]>> = {
  Namespace: [{ name: "Status", type: "string", cell: (o) => str(rec(o.status).phase) }, AGE_COLUMN],
  Node: [
    {
      name: "Status",
      type: "string",
      cell: (o) =>
        list(rec(o.status).conditions).some((c) => rec(c).type === "Ready" && rec(c).status === "True")
          ? "Ready"
          : "NotReady",
    },
    { name: "Roles", type: "string", cell: () => "<none>" },
    AGE_COLUMN,
    { name: "Version", type: "string", cell: (o) => str(rec(rec(o.status).nodeInfo).kubeletVersion) },
  ],
  Pod: [
    {
      name: "Ready",
      type: "string",
      cell: (o) =>
        `${rec(o.status).phase === "Running" ? list(rec(o.spec).containers).length : 0}/${list(rec(o.spec).containers).length}`,
    },
    { name: "Status", type: "string", cell: (o) => str(rec(o.status).phase) },
    { name: "Restarts", type: "string", cell: () => "0" },
    AGE_COLUMN,
    { name: "IP", type: "string", priority: 1, cell: (o) => str(rec(o.status).podIP) || "<none>" },
    { name: "Node", type: "string", priority: 1, cell: (o) => str(rec(o.spec).nodeName) || "<none>" },
  ],
  Service: [
    { name: "Type", type: "string", cell: (o) => str(rec(o.spec).type) },
    { name: "Cluster-IP", type: "string", cell: (o) => str(rec(o.spec).clusterIP) },
    {
      name: "External-IP",
      type: "string",
      cell: (o) =>
        list(rec(rec(o.status).loadBalancer).ingress)
          .map((i) => str(rec(i).ip))
          .join(",") || (rec(o.spec).type === "LoadBalancer" ? "<pending>" : "<none>"),
    },
    {
      name: "Port(s)",
      type: "string",
      cell: (o) =>
        list(rec(o.spec).ports)
          .map(
            (p) =>
              `${str(rec(p).port)}${rec(p).nodePort === undefined ? "" : `:${str(rec(p).nodePort)}`}/${str(rec(p).protocol)}`,
          )
          .join(",") || "<none>",
    },
    AGE_COLUMN,
  ],
  NetworkPolicy: [
    {
      name: "Pod-Selector",
      type: "string",
      cell: (o) =>
        Object.entries(rec(rec(rec(o.spec).podSelector).matchLabels))
          .map(([k, v]) => `${k}=${str(v)}`)
          .join(",") || "<none>",
    },
    AGE_COLUMN,
  ],
};

/** The Table columns of a resource: Name, then a CRD's printer columns or a built-in kind's own, else Age. */
export function columnsOf(kind: string, crdColumns: readonly PrinterColumn[] | undefined): Column[] {
  if (crdColumns !== undefined && crdColumns.length > 0) return [NAME_COLUMN, ...crdColumns];
  return [NAME_COLUMN, ...(BUILTIN_COLUMNS[kind] ?? [AGE_COLUMN])];
}

/** A meta.k8s.io/v1 Table as `kubectl get` asks for it: cells computed server-side, dates as ages. */
export function toTable(
  objects: readonly KubeObject[],
  listMeta: Record<string, unknown>,
  columns: readonly Column[],
  now = Date.now(),
) {
  const cell = (o: KubeObject, c: Column): unknown => {
    if (c === NAME_COLUMN) return o.metadata.name ?? "";
    const v = c.cell !== undefined ? c.cell(o) : at(o, c.jsonPath ?? "");
    if (c.type === "date") return typeof v === "string" ? humanDuration(now - Date.parse(v)) : "<unknown>";
    return v ?? null;
  };
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: listMeta,
    columnDefinitions: columns.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? "",
      description: c.description ?? "",
      priority: c.priority ?? 0,
    })),
    rows: objects.map((o) => ({
      cells: columns.map((c) => cell(o, c)),
      object: { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: o.metadata },
    })),
  };
}
