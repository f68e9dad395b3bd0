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
  it("lets a read-only server dry-run when the cluster's RBAC would accept the write", () => {
    const readOnly = { ...base, readOnly: true, apply: { allowed: false, reason: "Palisade runs with --read-only" } };
    const gnp = (create: boolean, update: boolean): Permissions["kinds"][number] => ({
      kind: "GlobalNetworkPolicy",
      verbs: { create: { allowed: create }, update: { allowed: update } },
    });
    expect(writeBlockedReason({ ...readOnly, kinds: [gnp(true, true)] }, "dry-run")).toBeUndefined();
    expect(writeBlockedReason({ ...readOnly, kinds: [gnp(true, true)] }, "apply")).toMatch(/read-only/);
    expect(writeBlockedReason({ ...readOnly, kinds: [gnp(true, false)] }, "dry-run")).toBe(
      "alice may not apply Calico policies in this cluster, so a dry run is refused too.",
    );
    const tierOnly = { kind: "Tier" as const, verbs: { create: { allowed: true }, update: { allowed: true } } };
    expect(writeBlockedReason({ ...readOnly, kinds: [tierOnly] }, "dry-run")).toMatch(/dry run is refused/);
  });
  it("blocks a dry run on a writable server for the reason it blocks the apply", () => {
    const denied = { ...base, apply: { allowed: false, reason: "RBAC: no create on globalnetworkpolicies" } };
    expect(writeBlockedReason(denied, "dry-run")).toBe("RBAC: no create on globalnetworkpolicies");
    expect(writeBlockedReason(base, "dry-run")).toBeUndefined();
    expect(writeBlockedReason(undefined, "dry-run")).toMatch(/Checking/);
  });
  it("leaves the decision to the cluster when the check itself failed", () => {
    expect(writeBlockedReason(undefined, "apply", new Error("no SelfSubjectAccessReview"))).toBeUndefined();
  });
});
