import type { ErrorCode } from "@palisade/contract";

/** How a person reads an object's identity: `Kind namespace/name`, or `Kind name` for a cluster-scoped kind. */
/**
 * The error code of a failed apply or delete: a failed rollback first, then the first failed document's status
 * (apply and delete statuses share these names); anything else means the cluster did not answer as it should.
 */
export function failureCode(rollbackFailed: boolean, status: string | undefined): ErrorCode {
  if (rollbackFailed) return "RollbackFailed";
  switch (status) {
    case "conflict":
      return "Conflict";
    case "forbidden":
      return "Forbidden";
    case "invalid":
      return "InvalidDocuments";
    case "not-found":
      return "NotFound";
    default:
      return "ClusterUnavailable";
  }
}
