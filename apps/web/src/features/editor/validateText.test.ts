import { parseCalicoVersion, releaseRangeOf } from "@palisade/calico";
import { describe, expect, it } from "vitest";
import { diagnose } from "./validateText";

const POLICY = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: allow-bigfix-port
spec:
  order: 1900
  selector: ibm.role in { 'worker_public', 'master_public' }
  types:
    - Ingress
  ingress:
    - action: Allow
      protocol: TCP
      destination:
        ports:
          - 52311
`;

describe("diagnose (packages/calico in the browser)", () => {
  it("finds nothing wrong with a valid policy", () => {
    expect(diagnose(POLICY)).toEqual([]);
  });
  it("puts a bad action on its own line and column, with the field path", () => {
    const [d, ...rest] = diagnose(POLICY.replace("action: Allow", "action: Alow"));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ line: 11, severity: "error" });
    expect(d?.message).toMatch(/^spec\.ingress\[0\]\.action: .*Alow/);
  });
  it("reports a selector that does not parse, with the parser's position", () => {
    const [d] = diagnose(POLICY.replace("ibm.role in {", "ibm.role in {{"));
    expect(d).toMatchObject({ line: 7 });
    expect(d?.message).toMatch(/^spec\.selector: selector does not parse: .*at character \d+/);
  });
  it("reports YAML that does not load, and nothing for empty text", () => {
    expect(diagnose("a: [1,\n")[0]).toMatchObject({ severity: "error" });
    expect(diagnose("  \n")).toEqual([]);
  });
  it("checks built-in tiers by the cluster's Calico release", () => {
    const tier =
      "apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  name: kube-admin\nspec:\n  order: 5\n  defaultAction: Pass\n";
    const v331 = releaseRangeOf(parseCalicoVersion("v3.31.0"), undefined);
    const v332 = releaseRangeOf(parseCalicoVersion("v3.32.1"), undefined);
    expect(diagnose(tier, v331)).toEqual([]);
    expect(diagnose(tier, v332)).toEqual([
      {
        line: 6,
        column: 10,
        severity: "error",
        message: 'spec.order: Calico v3.32 requires the built-in tier "kube-admin" to have order 1000',
      },
    ]);
  });
});
