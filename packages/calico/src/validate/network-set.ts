/** GlobalNetworkSet and NetworkSet: validator.go `validate(Global)NetworkSet` and the spec's `cidr` tags. */
import type { Context } from "./context";
import { childPath, field, indexPath, isRecord, listOf } from "./issues";
import { parseCidrOrIp } from "./net";

export function validateNetworkSetSpec(spec: unknown, path: string, ctx: Context): void {
  listOf(field(spec, "nets")).forEach((n, i) => {
    // An empty entry passes Calico's `omitempty,dive,cidr` tags (oracle-checked): valid, though it names nothing.
    if (typeof n === "string" && n !== "" && parseCidrOrIp(n) === undefined) {
      ctx.issues.add(indexPath(childPath(path, "nets"), i), `"${n}" is not a valid CIDR or IP address`);
    }
  });
}

/** The label `projectcalico.org/namespace` is reserved for the v1 data model (docs/calico-semantics.md §3). */
export function checkReservedNetworkSetLabels(metadata: unknown, ctx: Context): void {
  const labels = field(metadata, "labels");
  if (isRecord(labels) && "projectcalico.org/namespace" in labels) {
    ctx.issues.add(
      'metadata.labels["projectcalico.org/namespace"]',
      "the label projectcalico.org/namespace is reserved; remove it",
    );
  }
}
