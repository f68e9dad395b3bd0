/**
 * Felix's Log-rule prefix (FelixConfiguration `logPrefix`), mirroring Calico v3.32.1: `generateLogPrefix` in
 * felix/rules/policy.go replaces `%t` (tier), `%k` (short kind), `%n` (name) and `%p` (`namespace/name`, or the name
 * for cluster-wide kinds) left to right, nothing else (`%%t` is `%` then the tier); short kinds from
 * felix/types/policy_id.go. The renderers add `": "` (`--log-prefix "%s: "`, nftables `log prefix "%s: "`); iptables
 * keeps 29 characters of that, nftables 127, so a long prefix reaches the log cut short. Calico 3.31 and older
 * write the prefix as configured (default `calico-packet`), with no specifiers.
 */

export const DEFAULT_LOG_PREFIX = "calico-packet";

/** The Calico version whose `logPrefix` specifiers this module mirrors; older versions log the template verbatim. */
export const LOG_PREFIX_TEMPLATES_SINCE = { major: 3, minor: 32 } as const;

/** Characters the kernel keeps of the prefix (with Calico's `": "`): iptables LOG and nftables `log`. */
export const LOG_PREFIX_LIMIT = { iptables: 29, nftables: 127 } as const;

/** The FelixConfiguration CRD's pattern for `logPrefix`. */
const LOG_PREFIX_PATTERN = /^[a-zA-Z0-9%: /_-]*$/;

/** Felix's short kind names and the kinds they stand for. */
export const SHORT_POLICY_KINDS: Readonly<Record<string, string>> = {
  np: "NetworkPolicy",
  gnp: "GlobalNetworkPolicy",
  snp: "StagedNetworkPolicy",
  sgnp: "StagedGlobalNetworkPolicy",
  sknp: "StagedKubernetesNetworkPolicy",
  knp: "KubernetesNetworkPolicy",
  kcnp: "KubernetesClusterNetworkPolicy",
  pro: "Profile",
};

/** What a logged prefix says about the policy (or profile) whose Log rule wrote the line. */
export interface LoggedPolicy {
  readonly tier?: string;
  /** The full kind, or Felix's word as logged when it is not a short name it uses. */
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
  /** The field the kernel cut short (the prefix was longer than the dataplane keeps); its value is a beginning. */
  readonly partial?: "tier" | "kind" | "namespace" | "name";
}

type Token = { readonly literal: string } | { readonly spec: "t" | "k" | "n" | "p" };

/** A `logPrefix` checked against the CRD's pattern; the error names the field. */
export function checkLogPrefix(template: string): string | undefined {
  if (template.length > 0 && !LOG_PREFIX_PATTERN.test(template)) {
    return "logPrefix: only letters, digits, spaces and % : / _ - are allowed (FelixConfiguration pattern)";
  }
  return undefined;
}

function tokens(template: string): Token[] {
  const out: Token[] = [];
  let literal = "";
  for (let i = 0; i < template.length; i++) {
    const next = template[i + 1];
    if (template[i] === "%" && (next === "t" || next === "k" || next === "n" || next === "p")) {
      if (literal !== "") out.push({ literal });
      literal = "";
      out.push({ spec: next });
      i++;
    } else literal += template[i];
  }
  if (literal !== "") out.push({ literal });
  return out;
}

/** Whether a template has any specifier Felix replaces (otherwise it is logged as written). */
export function isTemplated(template: string): boolean {
  return tokens(template).some((t) => "spec" in t);
}

/** The prefix Felix 3.32 renders for a policy (without the `": "` it appends). */
export function renderLogPrefix(
  template: string,
  policy: { readonly tier: string; readonly shortKind: string; readonly namespace?: string; readonly name: string },
): string {
  const values = {
    t: policy.tier,
    k: policy.shortKind,
    n: policy.name,
    p: policy.namespace === undefined || policy.namespace === "" ? policy.name : `${policy.namespace}/${policy.name}`,
  };
  return tokens(template === "" ? DEFAULT_LOG_PREFIX : template)
    .map((t) => ("literal" in t ? t.literal : values[t.spec]))
    .join("");
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
// Tier and kind never hold a space or slash; names are DNS names (dots allowed), namespaces DNS labels.
const FIELD = {
  t: "([a-z0-9.-]*)",
  k: "([A-Za-z]+)",
  n: "([^ /]*?)",
  p: "(?:([a-z0-9-]+)/)?([^ /]*?)",
} as const;

/**
 * What a logged prefix (as the kernel wrote it, Calico's `": "` included when it survived) says about the policy, read
 * against the cluster's `logPrefix` template. `undefined`: the prefix is not one the template renders. A prefix that
 * lost its `": "` was cut by the kernel: the fields before the cut are whole, the one at the cut is `partial`.
 */
export function readLogPrefix(logged: string, template: string): LoggedPolicy | undefined {
  const toks = tokens(template === "" ? DEFAULT_LOG_PREFIX : template);
  // The kernel may cut between Calico's ":" and " ": every field is still whole.
  const whole = logged.endsWith(": ") || logged.endsWith(":");
  const text = logged.slice(0, logged.lastIndexOf(":") < 0 || !whole ? logged.length : logged.lastIndexOf(":"));
  if (whole) {
    const m = new RegExp(`^${toks.map(pattern).join("")}$`).exec(text);
    return m === null ? undefined : fields(toks, m.slice(1));
  }
  // Cut short inside the prefix: the longest run of whole tokens, then a beginning of the next one.
  for (let k = toks.length - 1; k >= 0; k--) {
    const head = toks.slice(0, k).map(pattern).join("");
    const cut = toks[k];
    if (cut === undefined) continue;
    const tail = "literal" in cut ? partialLiteral(cut.literal) : "(.*)";
    const m = new RegExp(`^${head}${tail}$`).exec(text);
    if (m === null) continue;
    const groups = m.slice(1);
    const known = fields(toks.slice(0, k), groups);
    if ("literal" in cut || known === undefined) return known;
    return { ...known, ...partialField(cut.spec, groups[groups.length - 1] ?? "") };
  }
  return undefined;
}

function pattern(t: Token): string {
  return "literal" in t ? escapeRe(t.literal) : FIELD[t.spec];
}

/** Any beginning of a literal, as an alternation of its prefixes (the empty one included). */
function partialLiteral(literal: string): string {
  const starts = Array.from({ length: literal.length + 1 }, (_, i) => escapeRe(literal.slice(0, i)));
  return `(?:${starts.reverse().join("|")})`;
}

function partialField(spec: "t" | "k" | "n" | "p", value: string): LoggedPolicy {
  switch (spec) {
    case "t":
      return { tier: value, partial: "tier" };
    case "k":
      return { kind: value, partial: "kind" };
    case "n":
      return { name: value, partial: "name" };
    case "p": {
      const slash = value.indexOf("/");
      return slash < 0
        ? { name: value, partial: "name" }
        : { namespace: value.slice(0, slash), name: value.slice(slash + 1), partial: "name" };
    }
  }
}

/** The captured groups as policy fields; a specifier used twice must say the same both times. */
function fields(toks: readonly Token[], groups: readonly (string | undefined)[]): LoggedPolicy | undefined {
  const out: { tier?: string; kind?: string; namespace?: string; name?: string } = {};
  let g = 0;
  const put = (key: "tier" | "kind" | "namespace" | "name", value: string | undefined): boolean => {
    if (value === undefined) return true;
    if (out[key] !== undefined && out[key] !== value) return false;
    out[key] = value;
    return true;
  };
  for (const t of toks) {
    if ("literal" in t) continue;
    if (t.spec === "p") {
      const ns = groups[g++];
      const name = groups[g++];
      if (!put("namespace", ns) || !put("name", name)) return undefined;
    } else {
      const value = groups[g++];
      const key = t.spec === "t" ? "tier" : t.spec === "k" ? "kind" : "name";
      if (!put(key, key === "kind" && value !== undefined ? (SHORT_POLICY_KINDS[value] ?? value) : value))
        return undefined;
    }
  }
  return out;
}

/** Felix's short name for a policy kind (`gnp`), or the kind itself when it has none, as Felix logs it. */
export function shortPolicyKind(kind: string): string {
  return Object.entries(SHORT_POLICY_KINDS).find(([, k]) => k === kind)?.[0] ?? kind;
}

/** Whether a Calico version's Felix fills in `logPrefix` specifiers: yes from 3.32, unknown without a version. */
export function supportsLogPrefixTemplates(version: { readonly major: number; readonly minor: number } | undefined) {
  if (version === undefined) return undefined;
  const since = LOG_PREFIX_TEMPLATES_SINCE;
  return version.major > since.major || (version.major === since.major && version.minor >= since.minor);
}
