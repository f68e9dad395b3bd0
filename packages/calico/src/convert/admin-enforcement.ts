import type { AdminPolicyKind } from "../model/kinds";
import type { CalicoVersion } from "./calico-version";

/**
 * Which admin policy kinds a Calico release evaluates (docs/calico-semantics.md §8 "Which Calico converts which"):
 * Felix's syncer (`felixsyncer/felixsyncerv1.go`) watches AdminNetworkPolicy from v3.29,
 * BaselineAdminNetworkPolicy from v3.30, and from v3.32 only ClusterNetworkPolicy.
 */

/** A Calico release line: what decides which kinds it evaluates. */
export interface ReleaseLine {
  readonly major: number;
  readonly minor: number;
}

/**
 * What is known of a cluster's Calico release: one release (`oldest` and `newest` the same), a range such as "v3.32
 * or newer" (no `newest`), or nothing (neither).
 */
export interface ReleaseRange {
  readonly oldest?: ReleaseLine | undefined;
  readonly newest?: ReleaseLine | undefined;
}

/** The releases that evaluate each kind; no `last` means every later one too. */
const ADMIN_KIND_RELEASES: Readonly<Record<AdminPolicyKind, { first: ReleaseLine; last?: ReleaseLine }>> = {
  AdminNetworkPolicy: { first: { major: 3, minor: 29 }, last: { major: 3, minor: 31 } },
  BaselineAdminNetworkPolicy: { first: { major: 3, minor: 30 }, last: { major: 3, minor: 31 } },
  ClusterNetworkPolicy: { first: { major: 3, minor: 32 } },
};

/** `enforced`: every release the cluster may run evaluates the kind; `not-enforced`: none does; else `unknown`. */
export type AdminEnforcementState = "enforced" | "not-enforced" | "unknown";

/** Negative when `a` is the older line, 0 when the same, positive when newer. */
export function compareLines(a: ReleaseLine, b: ReleaseLine): number {
  return a.major !== b.major ? a.major - b.major : a.minor - b.minor;
}

/** The last release line that stores default-tier policies as `default.<name>`; the next is the first that does not. */
const LAST_TIERED_NAMES_LINE: ReleaseLine = { major: 3, minor: 31 };
const FIRST_PLAIN_NAMES_LINE: ReleaseLine = { major: 3, minor: 32 };

/**
 * What a cluster tells of its release: its version (exactly one release), else how it names stored policies
 * (`tiered`: v3.31 or older; plain: v3.32 or newer), else nothing.
 */
export function releaseRangeOf(version: CalicoVersion | undefined, tieredNames: boolean | undefined): ReleaseRange {
  if (version !== undefined) return { oldest: version, newest: version };
  if (tieredNames === undefined) return {};
  return tieredNames ? { newest: LAST_TIERED_NAMES_LINE } : { oldest: FIRST_PLAIN_NAMES_LINE };
}

export function adminEnforcement(kind: AdminPolicyKind, known: ReleaseRange): AdminEnforcementState {
  const { first, last } = ADMIN_KIND_RELEASES[kind];
  const { oldest, newest } = known;
  // Disjoint: the cluster's newest possible release is before the kind's first, or its oldest after the kind's last.
  if (newest !== undefined && compareLines(newest, first) < 0) return "not-enforced";
  if (oldest !== undefined && last !== undefined && compareLines(oldest, last) > 0) return "not-enforced";
  // Contained: every possible release lies within the kind's.
  const fromFirst = oldest !== undefined && compareLines(oldest, first) >= 0;
  const toLast = last === undefined || (newest !== undefined && compareLines(newest, last) <= 0);
  return fromFirst && toLast ? "enforced" : "unknown";
}

/** `v3.29 to v3.31`, `v3.32 and newer`: the releases that evaluate `kind`, for people. */
export function adminKindReleases(kind: AdminPolicyKind): string {
  const { first, last } = ADMIN_KIND_RELEASES[kind];
  const line = (l: ReleaseLine) => `v${l.major}.${l.minor}`;
  return last === undefined ? `${line(first)} and newer` : `${line(first)} to ${line(last)}`;
}
