/**
 * IBM Cloud classic host interfaces as selectors: every worker's public and private interfaces carry host endpoints
 * labelled `ibm.role: worker_public` / `worker_private` (shared/docs/ibm-classic-defaults.md).
 */

export type TargetInterface = "public" | "private";

const ROLE: Readonly<Record<TargetInterface, string>> = { public: "worker_public", private: "worker_private" };

/** `ibm.role=='worker_public'` as IBM writes it; both interfaces as an `in` set. */
export function interfaceSelector(interfaces: readonly TargetInterface[] = ["public"]): string {
  const roles = [...new Set(interfaces)].map((i) => ROLE[i]);
  if (roles.length === 1) return `ibm.role=='${roles[0]}'`;
  return `ibm.role in { ${roles.map((r) => `'${r}'`).join(", ")} }`;
}
