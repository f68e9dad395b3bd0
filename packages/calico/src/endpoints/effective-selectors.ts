/**
 * The selectors Felix actually evaluates, built as libcalico-go's update processors build them
 * (docs/calico-semantics.md section 3 "How selectors are rewritten for Felix"). The rewrites are textual upstream
 * (`strings.Replace` of `all()` over the combined selector text), so they are textual here too.
 */

import { isNamespacedKind } from "../model/kinds";
import type { EntityRule, ServiceAccountMatch } from "../model/rule";
import { err, ok, type Result } from "../result";
import { prefixLabels } from "../selector/ast";
import { printSelector } from "../selector/print";
import { parseSelector, type Selector } from "../selector/selector";
import type { SelectorError } from "../selector/tokens";
import type { PolicyLike } from "./inputs";
import { LABEL_NAMESPACE, LABEL_SERVICE_ACCOUNT, NAMESPACE_LABEL_PREFIX, SERVICE_ACCOUNT_LABEL_PREFIX } from "./labels";

/** A selector field that does not parse: which field, what is wrong, and where in that field's text. */
export interface SelectorFieldError {
  readonly field: string;
  readonly message: string;
  readonly offset: number;
}

/** A policy of a namespaced kind: scoped to its namespace. */
export function isNamespacedPolicy(p: PolicyLike): boolean {
  return isNamespacedKind(p.kind);
}

/** The policy's namespace as Felix scopes it: empty for global kinds. */
export function policyNamespace(p: PolicyLike): string {
  return isNamespacedPolicy(p) ? (p.metadata.namespace ?? "") : "";
}

const HAS_NAMESPACE = `has(${LABEL_NAMESPACE})`;
const HAS_SERVICE_ACCOUNT = `has(${LABEL_SERVICE_ACCOUNT})`;

/**
 * Which endpoints a policy applies to. NetworkPolicy (networkpolicyprocessor.go): `(<selector>) &&
 * projectcalico.org/namespace == '<ns>'`, then the `pcsa.`-prefixed serviceAccountSelector ANDed on.
 * GlobalNetworkPolicy (globalnetworkpolicyprocessor.go): the `pcns.`-prefixed namespaceSelector ANDed on, then every
 * `all()` replaced by `has(projectcalico.org/namespace)`; the same for serviceAccountSelector with `pcsa.` and
 * `has(projectcalico.org/serviceaccount)`.
 */
export function effectivePolicySelectorText(p: PolicyLike): Result<string, SelectorFieldError> {
  const spec = p.spec;
  const own = checkField(spec.selector, "spec.selector");
  if (own !== undefined) return err(own);
  let selector = spec.selector ?? "";
  if (isNamespacedPolicy(p)) {
    const nsSelector = `${LABEL_NAMESPACE} == '${p.metadata.namespace ?? ""}'`;
    selector = selector === "" ? nsSelector : `(${selector}) && ${nsSelector}`;
    return prefixAndAppend(
      selector,
      spec.serviceAccountSelector,
      SERVICE_ACCOUNT_LABEL_PREFIX,
      "spec.serviceAccountSelector",
    );
  }
  if (spec.namespaceSelector) {
    const r = prefixAndAppend(selector, spec.namespaceSelector, NAMESPACE_LABEL_PREFIX, "spec.namespaceSelector");
    if (!r.ok) return r;
    selector = r.value.replaceAll("all()", HAS_NAMESPACE);
  }
  if (spec.serviceAccountSelector) {
    const r = prefixAndAppend(
      selector,
      spec.serviceAccountSelector,
      SERVICE_ACCOUNT_LABEL_PREFIX,
      "spec.serviceAccountSelector",
    );
    if (!r.ok) return r;
    selector = r.value.replaceAll("all()", HAS_SERVICE_ACCOUNT);
  }
  return ok(selector);
}

/** `effectivePolicySelectorText`, parsed. Errors name `spec.selector` when the combined text fails. */
export function effectivePolicySelector(p: PolicyLike): Result<Selector, SelectorFieldError> {
  const text = effectivePolicySelectorText(p);
  if (!text.ok) return text;
  return parseField(text.value, "spec.selector");
}

/** `parseSelectorAttachPrefix`: canonical form of `src` with `prefix` on every label. */
function attachPrefix(src: string, prefix: string, field: string): Result<string, SelectorFieldError> {
  const parsed = parseSelectorText(src);
  if (!parsed.ok) return err({ field, ...parsed.error });
  return ok(printSelector(prefixLabels(parsed.value.root, prefix)));
}

/** `prefixAndAppendSelector`: `(<current>) && <prefixed new>`, or just the prefixed new one. */
function prefixAndAppend(
  current: string,
  added: string | undefined,
  prefix: string,
  field: string,
): Result<string, SelectorFieldError> {
  if (added === undefined || added === "") return ok(current);
  const prefixed = attachPrefix(added, prefix, field);
  if (!prefixed.ok) return prefixed;
  return ok(current === "" ? prefixed.value : `(${current}) && ${prefixed.value}`);
}

/** Reports a user-written selector's own error with offsets into that field, before any rewriting. */
function checkField(src: string | undefined, field: string): SelectorFieldError | undefined {
  if (src === undefined) return undefined;
  const parsed = parseSelectorText(src);
  return parsed.ok ? undefined : { field, ...parsed.error };
}

function parseField(text: string, field: string): Result<Selector, SelectorFieldError> {
  const parsed = parseSelectorText(text);
  return parsed.ok ? parsed : err({ field, ...parsed.error });
}

/**
 * Selectors parsed, by text. Policies repeat the same selectors (every policy of a namespace names its namespace,
 * rules name the same apps), and each field is parsed twice (checked alone, then combined); a `Selector` holds only
 * what its text determines (canonical form, restrictions, compiled matchers), so one can serve every policy. Bounded,
 * emptied when full, as the unique-id cache is.
 */
const parsedSelectors = new Map<string, Selector>();
const PARSED_SELECTOR_CACHE_SIZE = 20_000;

function parseSelectorText(text: string): Result<Selector, SelectorError> {
  const cached = parsedSelectors.get(text);
  if (cached !== undefined) return ok(cached);
  const parsed = parseSelector(text);
  if (parsed.ok) {
    if (parsedSelectors.size >= PARSED_SELECTOR_CACHE_SIZE) parsedSelectors.clear();
    parsedSelectors.set(text, parsed.value);
  }
  return parsed;
}

/** An EntityRule's effective selectors: `selector` (what it must match) and `notSelector` (what it must not). */
export interface EntityRuleSelectors {
  readonly selector?: Selector | undefined;
  readonly notSelector?: Selector | undefined;
}

/**
 * `GetEntityRuleSelector` (updateprocessors/rules.go): `pcns.`-prefixed namespaceSelector with `all()` →
 * `has(projectcalico.org/namespace)` and `global()` → `!has(projectcalico.org/namespace)`; in a namespaced policy
 * without a namespaceSelector, `projectcalico.org/namespace == '<ns>'` is ANDed in whenever selector, notSelector or
 * serviceAccounts is set; serviceAccounts become `pcsa.` selectors and `projectcalico.org/serviceaccount in {…}`.
 * `notSelector` passes through unprefixed.
 */
export function entityRuleSelectorText(
  rule: EntityRule,
  ns: string,
  field: string,
): Result<string, SelectorFieldError> {
  const own = checkField(rule.selector, `${field}.selector`);
  if (own !== undefined) return err(own);
  let nsSelector = "";
  if (rule.namespaceSelector) {
    const prefixed = attachPrefix(rule.namespaceSelector, NAMESPACE_LABEL_PREFIX, `${field}.namespaceSelector`);
    if (!prefixed.ok) return prefixed;
    nsSelector = prefixed.value.replaceAll("all()", HAS_NAMESPACE).replaceAll("global()", `!has(${LABEL_NAMESPACE})`);
  } else if (ns !== "") {
    nsSelector = `${LABEL_NAMESPACE} == '${ns}'`;
  }
  const parts: string[] = [];
  if (rule.serviceAccounts) {
    const sa = serviceAccountSelectorText(rule.serviceAccounts, `${field}.serviceAccounts`);
    if (!sa.ok) return sa;
    if (sa.value !== "") parts.push(sa.value);
  }
  if (rule.selector) parts.push(rule.selector);
  let selector = parts.length === 1 ? (parts[0] ?? "") : parts.length > 1 ? `(${parts.join(") && (")})` : "";
  if (nsSelector !== "" && (selector !== "" || rule.notSelector || rule.namespaceSelector)) {
    selector = selector !== "" ? `(${nsSelector}) && (${selector})` : nsSelector;
  }
  return ok(selector);
}

/** `parseServiceAccounts`: `pcsa.`-prefixed selector, ANDed with `projectcalico.org/serviceaccount in {…names}`. */
function serviceAccountSelectorText(sam: ServiceAccountMatch, field: string): Result<string, SelectorFieldError> {
  let updated = "";
  if (sam.selector) {
    const r = attachPrefix(sam.selector, SERVICE_ACCOUNT_LABEL_PREFIX, `${field}.selector`);
    if (!r.ok) return r;
    updated = r.value;
  }
  const names = sam.names ?? [];
  if (names.length === 0) return ok(updated);
  const parsed = parseSelectorText(`${LABEL_SERVICE_ACCOUNT} in { '${names.join("', '")}' }`);
  if (!parsed.ok)
    return err({ field: `${field}.names`, message: "a service account name cannot contain a quote", offset: 0 });
  const byName = parsed.value.toString();
  return ok(updated !== "" ? `(${updated}) && (${byName})` : byName);
}

/** Both selectors of an EntityRule, parsed; `field` is its path, e.g. `spec.ingress[0].source`. */
export function entityRuleSelectors(
  rule: EntityRule | undefined,
  ns: string,
  field: string,
): Result<EntityRuleSelectors, SelectorFieldError> {
  if (rule === undefined) return ok({});
  const text = entityRuleSelectorText(rule, ns, field);
  if (!text.ok) return text;
  let selector: Selector | undefined;
  if (text.value !== "") {
    const parsed = parseField(text.value, `${field}.selector`);
    if (!parsed.ok) return parsed;
    selector = parsed.value;
  }
  let notSelector: Selector | undefined;
  if (rule.notSelector) {
    const parsed = parseField(rule.notSelector, `${field}.notSelector`);
    if (!parsed.ok) return parsed;
    notSelector = parsed.value;
  }
  return ok({ selector, notSelector });
}
