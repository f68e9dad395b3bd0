/**
 * Differential test of the built-in tier rules per release (src/validate/tier.ts), every combination of name, order
 * and default action against Calico's own validator:
 * - v3.31: the oracle's Go validator is v3.31.0's, and v3.31.0's Tier CRD has no CEL rules or defaults, so the
 *   oracle with its CRD layer off is v3.31.0 exactly. Verdicts and faulted fields must agree.
 * - v3.32: only the CRD side can be checked (the oracle applies v3.32.1's Tier CRD and its CEL rules on default
 *   actions), because its Go validator is still v3.31.0's: that one fixes the `adminnetworkpolicy` and
 *   `baselineadminnetworkpolicy` orders and not the kube tiers', which v3.32.1's `validateTier` does. Those two
 *   differences are set aside (by name and field) and counted; checking them needs an oracle built from v3.32.1
 *   (README.md, "Which Calico").
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { releaseRangeOf } from "../src/convert/admin-enforcement";
import { parseCalicoVersion } from "../src/convert/calico-version";
import { validateResource } from "../src/index";
import { CalicoOracle, type JsonValue, type ValidateAnswer } from "./client";
import { useOracle } from "./use-oracle";

const NAMES = ["default", "adminnetworkpolicy", "baselineadminnetworkpolicy", "kube-admin", "kube-baseline", "team-a"];
const ORDERS = [undefined, 5, 1_000, 1_000_000, 10_000_000];
const ACTIONS = [undefined, "Deny", "Pass"];

const TIERS: JsonValue[] = NAMES.flatMap((name) =>
  ORDERS.flatMap((order) =>
    ACTIONS.map((defaultAction) => ({
      apiVersion: "projectcalico.org/v3",
      kind: "Tier",
      metadata: { name },
      spec: { ...(order === undefined ? {} : { order }), ...(defaultAction === undefined ? {} : { defaultAction }) },
    })),
  ),
);

const exactly = (text: string) => releaseRangeOf(parseCalicoVersion(text), undefined);

/** Calico's Go field names as our paths. */
const FIELD_PATHS: Readonly<Record<string, string>> = { "TierSpec.Order": "spec.order" };

function theirPaths(answer: ValidateAnswer): string[] {
  return answer.errors
    .map((e) => FIELD_PATHS[e.field] ?? (/default action/.test(e.message) ? "spec.defaultAction" : e.field))
    .sort();
}

const nameOf = (tier: JsonValue) => (tier as { metadata: { name: string } }).metadata.name;

describe("built-in tiers per release vs Calico", () => {
  const withCrds = useOracle();
  let bare: CalicoOracle | undefined;
  beforeAll(async () => {
    bare = await CalicoOracle.start({ crdDir: null });
  }, 15 * 60_000);
  afterAll(async () => {
    await bare?.close();
  });

  it("agrees with Calico v3.31.0 (its validator, no CRD rules) on every combination", async () => {
    const oracle = bare;
    if (oracle === undefined) throw new Error("the CRD-less oracle is not running");
    expect(oracle.calicoRelease).toBe("v3.31.0");
    expect(oracle.crdKinds).toBe(0);
    const release = exactly("v3.31.0");
    const disagreements: unknown[] = [];
    let invalid = 0;
    for (const tier of TIERS) {
      const theirs = await oracle.validate(tier);
      const ours = validateResource(tier, { release });
      if (!theirs.valid) invalid++;
      const oursPaths = ours.errors.map((e) => e.path).sort();
      if (ours.valid !== theirs.valid || oursPaths.join() !== theirPaths(theirs).join()) {
        disagreements.push({ tier, ours: ours.errors, calico: theirs.errors });
      }
    }
    console.log(`tier differential v3.31: ${TIERS.length} cases, ${invalid} invalid per Calico`);
    expect(disagreements).toEqual([]);
    // 3 names with fixed orders, 4 wrong orders each, 3 actions: the table exercises both verdicts.
    expect(invalid).toBe(3 * 4 * 3);
  });

  it("agrees with Calico v3.32.1's Tier CRD rules, setting aside what the v3.31.0 validator decides differently", async () => {
    const oracle = withCrds();
    expect(oracle.crdKinds).toBeGreaterThan(0);
    const release = exactly("v3.32.1");
    const disagreements: unknown[] = [];
    let setAside = 0;
    for (const tier of TIERS) {
      const name = nameOf(tier);
      const theirs = await oracle.validate(tier);
      const ours = validateResource(tier, { release });
      // v3.31.0's validateTier (not v3.32.1's) fixes these orders; v3.32.1's fixes the kube tiers' instead.
      const delta = (path: string) =>
        path === "spec.order" &&
        ["adminnetworkpolicy", "baselineadminnetworkpolicy", "kube-admin", "kube-baseline"].includes(name);
      const oursPaths = ours.errors.map((e) => e.path).filter((p) => !delta(p));
      const calicoPaths = theirPaths(theirs).filter((p) => !delta(p));
      setAside += ours.errors.length - oursPaths.length + theirs.errors.length - calicoPaths.length;
      if (oursPaths.sort().join() !== calicoPaths.join()) {
        disagreements.push({ tier, ours: ours.errors, calico: theirs.errors });
      }
    }
    console.log(`tier differential v3.32 (CRD rules): ${TIERS.length} cases, ${setAside} order errors set aside`);
    expect(disagreements).toEqual([]);
    expect(setAside).toBeGreaterThan(0);
  });
});
