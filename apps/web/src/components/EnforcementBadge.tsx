import type { AdminEnforcement } from "@palisade/contract";

/**
 * Marks an admin policy whose kind the cluster's Calico does not enforce, or may not (its release is not known);
 * nothing for one it enforces. The note says which releases enforce the kind.
 */
export function EnforcementBadge({ enforcement }: { enforcement: AdminEnforcement | undefined }) {
  if (enforcement === undefined || enforcement.state === "enforced") return null;
  const notEnforced = enforcement.state === "not-enforced";
  return (
    <span
      className={`badge ${notEnforced ? "not-enforced" : "enforcement-unknown"}`}
      title={enforcement.note}
      data-testid="enforcement-badge"
    >
      {notEnforced ? "not enforced" : "enforced?"}
    </span>
  );
}
