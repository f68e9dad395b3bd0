import { describe, expect, it } from "vitest";
import { type ReleaseRange, releaseRangeOf } from "../convert/admin-enforcement";
import { parseCalicoVersion } from "../convert/calico-version";
import { validateResource } from "./resource";

const tier = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: "projectcalico.org/v3",
  kind: "Tier",
  metadata: { name },
  spec,
});

const exactly = (text: string): ReleaseRange => releaseRangeOf(parseCalicoVersion(text), undefined);
const V3_31 = exactly("v3.31.0");
const V3_32 = exactly("v3.32.1");

function errorsOf(object: unknown, release?: ReleaseRange): Record<string, string> {
  return Object.fromEntries(validateResource(object, { release }).errors.map((e) => [e.path, e.message]));
}

describe("built-in tiers per Calico release", () => {
  it("v3.32 fixes kube-admin, default and kube-baseline: orders and default actions", () => {
    expect(errorsOf(tier("kube-admin", { order: 5, defaultAction: "Deny" }), V3_32)).toEqual({
      "spec.order": 'Calico v3.32 requires the built-in tier "kube-admin" to have order 1000',
      "spec.defaultAction": 'Calico v3.32 requires the built-in tier "kube-admin" to have defaultAction Pass',
    });
    // The CRD defaults an absent defaultAction to Deny, which kube-baseline may not have.
    expect(errorsOf(tier("kube-baseline", { order: 10_000_000 }), V3_32)).toEqual({
      "spec.defaultAction": 'Calico v3.32 requires the built-in tier "kube-baseline" to have defaultAction Pass',
    });
    expect(errorsOf(tier("default", { order: 1_000_000, defaultAction: "Pass" }), V3_32)).toEqual({
      "spec.defaultAction": 'Calico v3.32 requires the built-in tier "default" to have defaultAction Deny',
    });
    // adminnetworkpolicy is an ordinary tier name in v3.32.
    expect(validateResource(tier("adminnetworkpolicy", { order: 7 }), { release: V3_32 }).valid).toBe(true);
  });

  it("v3.31 fixes default, adminnetworkpolicy and baselineadminnetworkpolicy orders, and no default action", () => {
    expect(errorsOf(tier("adminnetworkpolicy", { order: 7, defaultAction: "Deny" }), V3_31)).toEqual({
      "spec.order": 'Calico v3.31 requires the built-in tier "adminnetworkpolicy" to have order 1000',
    });
    expect(errorsOf(tier("baselineadminnetworkpolicy", {}), V3_31)).toEqual({
      "spec.order": 'Calico v3.31 requires the built-in tier "baselineadminnetworkpolicy" to have order 10000000',
    });
    expect(errorsOf(tier("default", { order: 1_000_000, defaultAction: "Pass" }), V3_31)).toEqual({});
    expect(errorsOf(tier("default", { order: 1 }), V3_31)).toEqual({
      "spec.order": 'Calico v3.31 requires the built-in tier "default" to have order 1000000',
    });
    expect(validateResource(tier("kube-admin", { order: 5, defaultAction: "Deny" }), { release: V3_31 }).valid).toBe(
      true,
    );
  });

  it("a range decides when every release in it has the same rules", () => {
    const olderNames = releaseRangeOf(undefined, true);
    const newerNames = releaseRangeOf(undefined, false);
    expect(validateResource(tier("kube-admin", { order: 5 }), { release: olderNames }).valid).toBe(true);
    expect(validateResource(tier("kube-admin", { order: 5 }), { release: newerNames }).valid).toBe(false);
  });

  it("an unknown release is checked by v3.32's rules, with a warning saying so on built-in names only", () => {
    for (const release of [undefined, {}, { oldest: { major: 3, minor: 30 } }]) {
      const result = validateResource(tier("adminnetworkpolicy", { order: 7 }), { release });
      expect(result.valid).toBe(true);
      expect(result.warnings.map((w) => w.path)).toEqual(["metadata.name"]);
      expect(result.warnings[0]?.message).toMatch(
        /release is unknown, so the tier "adminnetworkpolicy" was checked by Calico v3\.32's rules/,
      );
    }
    const kubeAdmin = validateResource(tier("kube-admin", { order: 5, defaultAction: "Pass" }));
    expect(kubeAdmin.errors.map((e) => e.path)).toEqual(["spec.order"]);
    expect(validateResource(tier("team-a", { order: 5 })).warnings).toEqual([]);
    expect(validateResource(tier("team-a", { order: 5 }), { release: V3_32 }).warnings).toEqual([]);
  });
});
