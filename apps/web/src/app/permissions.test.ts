import type { Permissions } from "@palisade/contract";
import { describe, expect, it } from "vitest";
import { writeBlockedReason } from "./permissions";

const base: Permissions = {
  cluster: "demo",
  user: "alice",
  readOnly: false,
  kinds: [],
  apply: { allowed: true },
  delete: { allowed: false },
};

describe("writeBlockedReason", () => {
  it("allows what RBAC allows", () => {
    expect(writeBlockedReason(base, "apply")).toBeUndefined();
  });
  it("names the user when RBAC refuses without a reason, and prefers the server's reason", () => {
    expect(writeBlockedReason(base, "delete")).toBe("alice may not delete Calico policies in this cluster.");
    const withReason = { ...base, delete: { allowed: false, reason: "RBAC: no delete on globalnetworkpolicies" } };
    expect(writeBlockedReason(withReason, "delete")).toBe("RBAC: no delete on globalnetworkpolicies");
  });
  it("blocks everything on a read-only server and while loading", () => {
    expect(writeBlockedReason({ ...base, readOnly: true }, "apply")).toMatch(/read-only/);
    expect(writeBlockedReason(undefined, "apply")).toMatch(/Checking/);
  });
  it("leaves the decision to the cluster when the check itself failed", () => {
    expect(writeBlockedReason(undefined, "apply", new Error("no SelfSubjectAccessReview"))).toBeUndefined();
  });
});
