import { describe, expect, it } from "vitest";
import type { EntityRule } from "../model/rule";
import { effectivePolicySelector, effectivePolicySelectorText, entityRuleSelectorText } from "./effective-selectors";
import type { PolicyLike } from "./inputs";

const np = (spec: PolicyLike["spec"]): PolicyLike => ({
  kind: "NetworkPolicy",
  metadata: { name: "p", namespace: "default" },
  spec,
});
const gnp = (spec: PolicyLike["spec"]): PolicyLike => ({ kind: "GlobalNetworkPolicy", metadata: { name: "p" }, spec });
const text = (p: PolicyLike) => {
  const r = effectivePolicySelectorText(p);
  return r.ok ? r.value : `error ${r.error.field}: ${r.error.message}`;
};

describe("policy selectors as Felix sees them (docs/calico-semantics.md section 3)", () => {
  it("scopes a NetworkPolicy to its namespace", () => {
    expect(text(np({}))).toBe("projectcalico.org/namespace == 'default'");
    expect(text(np({ selector: "projectcalico.org/orchestrator == 'k8s'" }))).toBe(
      "(projectcalico.org/orchestrator == 'k8s') && projectcalico.org/namespace == 'default'",
    );
    expect(text(np({ selector: "app == 'a'", serviceAccountSelector: "role == 'x'" }))).toBe(
      `((app == 'a') && projectcalico.org/namespace == 'default') && pcsa.role == "x"`,
    );
  });

  it("prefixes a GNP namespaceSelector and rewrites every all(), the main selector's included", () => {
    expect(text(gnp({ selector: "all()", namespaceSelector: "team == 'a'" }))).toBe(
      `(has(projectcalico.org/namespace)) && pcns.team == "a"`,
    );
    expect(text(gnp({ namespaceSelector: "all()" }))).toBe("has(projectcalico.org/namespace)");
    expect(text(gnp({ selector: "has(x)", serviceAccountSelector: "all()" }))).toBe(
      "(has(x)) && has(projectcalico.org/serviceaccount)",
    );
    expect(text(gnp({ selector: "ibm.role == 'worker_public'" }))).toBe("ibm.role == 'worker_public'");
  });

  it("names the field and offset of a selector that does not parse", () => {
    const r = effectivePolicySelectorText(gnp({ selector: "a == 'x' &" }));
    expect(r.ok ? undefined : r.error).toMatchObject({ field: "spec.selector", offset: 9 });
    const ns = effectivePolicySelectorText(gnp({ namespaceSelector: "a = 'b'" }));
    expect(ns.ok ? undefined : ns.error).toMatchObject({ field: "spec.namespaceSelector", offset: 2 });
  });
});

describe("EntityRule selectors (updateprocessors/rules.go GetEntityRuleSelector)", () => {
  const rule = (r: EntityRule, ns = "namespace") => {
    const t = entityRuleSelectorText(r, ns, "spec.ingress[0].source");
    return t.ok ? t.value : `error ${t.error.field}`;
  };

  it("matches upstream's namespaceSelector rewrites", () => {
    expect(rule({ namespaceSelector: "namespace == 'red'", selector: "has(label1)" })).toBe(
      '(pcns.namespace == "red") && (has(label1))',
    );
    expect(rule({ namespaceSelector: "all()", selector: "has(label2)" })).toBe(
      "(has(projectcalico.org/namespace)) && (has(label2))",
    );
    expect(rule({ namespaceSelector: "global()", selector: "has(label3)" })).toBe(
      "(!has(projectcalico.org/namespace)) && (has(label3))",
    );
  });

  it("scopes namespaced rules to the policy's namespace only when a selector field is set", () => {
    expect(rule({ selector: "app == 'a'" })).toBe("(projectcalico.org/namespace == 'namespace') && (app == 'a')");
    expect(rule({ notSelector: "app == 'a'" })).toBe("projectcalico.org/namespace == 'namespace'");
    expect(rule({ nets: ["10.0.0.0/8"] })).toBe("");
    expect(rule({ selector: "app == 'a'" }, "")).toBe("app == 'a'");
  });

  it("turns service accounts into pcsa. selectors and a name set", () => {
    expect(rule({ serviceAccounts: { names: ["b", "a"], selector: "role == 'x'" } }, "")).toBe(
      '(pcsa.role == "x") && (projectcalico.org/serviceaccount in {"a", "b"})',
    );
    expect(rule({ serviceAccounts: { names: ["sa"] }, selector: "app == 'a'" }, "ns")).toBe(
      `(projectcalico.org/namespace == 'ns') && ((projectcalico.org/serviceaccount in {"sa"}) && (app == 'a'))`,
    );
  });

  it("parses a selector text once for every policy using it, and still reports a bad one in each", () => {
    const a = effectivePolicySelector(np({ selector: "app == 'shared-by-two'" }));
    const b = effectivePolicySelector({
      ...np({ selector: "app == 'shared-by-two'" }),
      metadata: { name: "q", namespace: "default" },
    });
    if (!a.ok || !b.ok) throw new Error("the selectors parse");
    expect(b.value).toBe(a.value);
    for (let i = 0; i < 2; i++) {
      const bad = effectivePolicySelector(np({ selector: "app == " }));
      expect(bad.ok ? undefined : bad.error.field).toBe("spec.selector");
    }
  });
});
