import { describe, expect, it } from "vitest";
import { adminEnforcement, adminKindReleases, type ReleaseRange } from "./admin-enforcement";

const exactly = (minor: number): ReleaseRange => ({ oldest: { major: 3, minor }, newest: { major: 3, minor } });
const KINDS = ["AdminNetworkPolicy", "BaselineAdminNetworkPolicy", "ClusterNetworkPolicy"] as const;
const states = (known: ReleaseRange) => KINDS.map((k) => adminEnforcement(k, known));

/** docs/calico-semantics.md §8: the kinds felixsyncer watches in each release. */
describe("which admin policy kinds a Calico release enforces", () => {
  it("follows the releases: none before v3.29, ANP from v3.29, BANP from v3.30, only CNP from v3.32", () => {
    expect(states(exactly(28))).toEqual(["not-enforced", "not-enforced", "not-enforced"]);
    expect(states(exactly(29))).toEqual(["enforced", "not-enforced", "not-enforced"]);
    expect(states(exactly(30))).toEqual(["enforced", "enforced", "not-enforced"]);
    expect(states(exactly(31))).toEqual(["enforced", "enforced", "not-enforced"]);
    expect(states(exactly(32))).toEqual(["not-enforced", "not-enforced", "enforced"]);
    expect(states(exactly(33))).toEqual(["not-enforced", "not-enforced", "enforced"]);
    const four = { major: 4, minor: 0 };
    expect(states({ oldest: four, newest: four })).toEqual(["not-enforced", "not-enforced", "enforced"]);
  });

  it("says unknown where the range the cluster may run covers releases that differ", () => {
    expect(states({})).toEqual(["unknown", "unknown", "unknown"]);
    // Native v3 CRDs: v3.32 or newer.
    expect(states({ oldest: { major: 3, minor: 32 } })).toEqual(["not-enforced", "not-enforced", "enforced"]);
    // Tiered stored names: v3.31 or older.
    expect(states({ newest: { major: 3, minor: 31 } })).toEqual(["unknown", "unknown", "not-enforced"]);
    expect(states({ oldest: { major: 3, minor: 30 }, newest: { major: 3, minor: 31 } })).toEqual([
      "enforced",
      "enforced",
      "not-enforced",
    ]);
  });

  it("names the releases in words", () => {
    expect(KINDS.map(adminKindReleases)).toEqual(["v3.29 to v3.31", "v3.30 to v3.31", "v3.32 and newer"]);
  });
});
