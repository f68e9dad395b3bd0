import type { KubeObject } from "../api/object";

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

/** A meta.k8s.io/v1 Table with the default Name and Age columns (what the API server gives CRDs without printer columns). */
export function toTable(objects: readonly KubeObject[], listMeta: Record<string, unknown>, now = Date.now()) {
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: listMeta,
    columnDefinitions: [
      {
        name: "Name",
        type: "string",
        format: "name",
        description: "Name must be unique within a namespace.",
        priority: 0,
      },
      {
        name: "Age",
        type: "date",
        format: "",
        description: "CreationTimestamp is a timestamp representing the server time when this object was created.",
        priority: 0,
      },
    ],
    rows: objects.map((o) => ({
      cells: [o.metadata.name ?? "", ageOf(o.metadata.creationTimestamp, now)],
      object: { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: o.metadata },
    })),
  };
}

function ageOf(created: string | undefined, now: number): string {
  return created === undefined ? "<unknown>" : humanDuration(now - Date.parse(created));
}
