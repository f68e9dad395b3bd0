/**
 * Rule, EntityRule, ICMPFields and HTTPMatch checks: libcalico-go validator.go `validateRule`,
 * `validateEntityRule`, `validateICMPFields`, `validateHTTPRule` and the Rule CRD's CEL rules
 * (docs/calico-semantics.md §5 "Rule", "Ports", "Protocols").
 */
import { type Context, checkSelectorAt, GLOBAL_ONLY_IN_NAMESPACE_SELECTOR, GLOBAL_SELECTOR } from "./context";
import { childPath, field, indexPath, isRecord, listOf, stringOf } from "./issues";
import { checkAnnotations, DNS_SUBDOMAIN } from "./names";
import { formatNetwork, isStrictlyMasked, parseCidr, parseCidrOrIp } from "./net";
import { isNamedPort, portProblem } from "./port";
import { isNamed, parseProtocol, protocolProblem, supportsPorts } from "./protocol";

const ONLY_GLOBAL_NAMESPACE_SELECTOR = /^[ \t]*global\([ \t]*\)[ \t]*$/;

/** `validateICMPFields` (and the CRD bounds: type 0-254, code 0-255, checked by the schema). */
export function validateICMPFields(icmp: unknown, path: string, ctx: Context): void {
  if (!isRecord(icmp)) return;
  if (icmp.code != null && icmp.type == null) {
    ctx.issues.add(childPath(path, "code"), "an ICMP code needs an ICMP type; add type or remove code");
  }
}

/** `validateHTTPRule`: unique methods; each path sets exactly one of exact/prefix, starting with '/'. */
export function validateHTTPMatch(http: unknown, path: string, ctx: Context): void {
  if (!isRecord(http)) return;
  const methods = listOf(http.methods);
  const seen = new Set<unknown>();
  methods.forEach((m, i) => {
    if (seen.has(m))
      ctx.issues.add(indexPath(childPath(path, "methods"), i), `method ${JSON.stringify(m)} is listed twice`);
    seen.add(m);
  });
  listOf(http.paths).forEach((p, i) => {
    const at = indexPath(childPath(path, "paths"), i);
    const exact = stringOf(field(p, "exact"));
    const prefix = stringOf(field(p, "prefix"));
    if (exact !== "" && prefix !== "") {
      ctx.issues.add(at, "set either exact or prefix, not both");
      return;
    }
    const value = exact !== "" ? exact : prefix;
    if (value === "") {
      ctx.issues.add(at, "set exact or prefix to the HTTP path to match");
      return;
    }
    if (!value.startsWith("/") || /[? #]/.test(value)) {
      ctx.issues.add(
        childPath(at, exact !== "" ? "exact" : "prefix"),
        `path ${JSON.stringify(value)} must start with '/' and contain no '?', '#' or space`,
      );
    }
  });
}

function checkServices(rule: Record<string, unknown>, path: string, ctx: Context): void {
  const services = rule.services;
  if (!isRecord(services)) return;
  const at = childPath(path, "services");
  const name = stringOf(services.name);
  if (name === "") ctx.issues.add(childPath(at, "name"), "a services match must name a service");
  for (const key of ["name", "namespace"] as const) {
    const v = stringOf(services[key]);
    if (v !== "" && !DNS_SUBDOMAIN.test(v)) {
      ctx.issues.add(childPath(at, key), `"${v}" is not a valid ${key}: use lower case letters, digits, '-' and '.'`);
    }
  }
  if (stringOf(rule.namespaceSelector) !== "")
    ctx.issues.add(at, "cannot combine services with namespaceSelector in one rule side");
  if (stringOf(rule.selector) !== "" || stringOf(rule.notSelector) !== "") {
    ctx.issues.add(at, "cannot combine services with selector or notSelector in one rule side");
  }
  if (rule.serviceAccounts != null) ctx.issues.add(at, "cannot combine services with serviceAccounts in one rule side");
  if (listOf(rule.nets).length > 0 || listOf(rule.notNets).length > 0) {
    ctx.issues.add(at, "cannot combine services with nets or notNets: a service match uses the service's endpoint IPs");
  }
}

/** The `net` tag on nets/notNets entries: a CIDR or address, strictly masked. */
function checkNetEntries(list: unknown, path: string, ctx: Context): void {
  listOf(list).forEach((n, i) => {
    const at = indexPath(path, i);
    if (typeof n !== "string") return;
    const cidr = parseCidrOrIp(n);
    if (cidr === undefined) ctx.issues.add(at, `"${n}" is not a valid CIDR such as 10.0.0.0/8 or 2001:db8::/32`);
    else if (!isStrictlyMasked(cidr)) {
      ctx.issues.add(at, `"${n}" has host bits set; write the network as ${formatNetwork(cidr)}`);
    }
  });
}

/** `validateEntityRule` plus the field tags on its selectors, ports and nets. */
export function validateEntityRule(rule: unknown, path: string, ctx: Context): void {
  if (!isRecord(rule)) return;
  checkSelectorAt(ctx, rule.selector, childPath(path, "selector"));
  checkSelectorAt(ctx, rule.notSelector, childPath(path, "notSelector"));
  checkSelectorAt(ctx, rule.namespaceSelector, childPath(path, "namespaceSelector"));
  checkSelectorAt(
    ctx,
    field(rule.serviceAccounts, "selector"),
    childPath(childPath(path, "serviceAccounts"), "selector"),
  );
  if (stringOf(rule.selector).includes(GLOBAL_SELECTOR)) {
    ctx.issues.add(
      childPath(path, "selector"),
      `${GLOBAL_ONLY_IN_NAMESPACE_SELECTOR}; use namespaceSelector: global()`,
    );
  }
  const ns = stringOf(rule.namespaceSelector);
  if (ns.includes("global(") && !ONLY_GLOBAL_NAMESPACE_SELECTOR.test(ns)) {
    ctx.issues.add(
      childPath(path, "namespaceSelector"),
      "global() cannot be combined with other selectors; write namespaceSelector: global() alone",
    );
  }
  for (const key of ["ports", "notPorts"] as const) {
    listOf(rule[key]).forEach((p, i) => {
      const problem = portProblem(p);
      if (problem !== undefined) ctx.issues.add(indexPath(childPath(path, key), i), problem);
    });
  }
  checkNetEntries(rule.nets, childPath(path, "nets"), ctx);
  checkNetEntries(rule.notNets, childPath(path, "notNets"), ctx);
  checkServices(rule, path, ctx);
}

const PORT_PROTOCOL_NEEDED = "numeric ports need protocol TCP, UDP or SCTP; set protocol or use a named port";
const PORT_PROTOCOL_UNSUPPORTED = "this protocol has no ports; remove the ports or use TCP, UDP or SCTP";

function checkPortsAgainstProtocol(rule: Record<string, unknown>, path: string, ctx: Context): void {
  const protocol = rule.protocol == null ? undefined : parseProtocol(rule.protocol);
  if (protocol !== undefined && supportsPorts(protocol)) return;
  for (const side of ["source", "destination"] as const) {
    for (const key of ["ports", "notPorts"] as const) {
      const ports = listOf(field(rule[side], key));
      const at = childPath(childPath(path, side), key);
      if (rule.protocol == null) {
        ports.forEach((p, i) => {
          if (!isNamedPort(p)) ctx.issues.add(indexPath(at, i), PORT_PROTOCOL_NEEDED);
        });
      } else if (ports.length > 0) {
        ctx.issues.add(at, PORT_PROTOCOL_UNSUPPORTED);
      }
    }
  }
}

function checkIcmp(rule: Record<string, unknown>, path: string, ctx: Context): void {
  const protocol = rule.protocol == null ? undefined : parseProtocol(rule.protocol);
  const notProtocol = rule.notProtocol == null ? undefined : parseProtocol(rule.notProtocol);
  if (rule.icmp != null && !isNamed(protocol, "ICMP") && !isNamed(protocol, "ICMPv6")) {
    ctx.issues.add(childPath(path, "icmp"), "icmp needs protocol: ICMP or protocol: ICMPv6");
  }
  const ipVersion = rule.ipVersion;
  if (ipVersion == null) return;
  if ((isNamed(protocol, "ICMP") || isNamed(notProtocol, "ICMP")) && ipVersion !== 4) {
    ctx.issues.add(childPath(path, "ipVersion"), "protocol ICMP is IPv4 only; set ipVersion: 4 or use ICMPv6");
  }
  if ((isNamed(protocol, "ICMPv6") || isNamed(notProtocol, "ICMPv6")) && ipVersion !== 6) {
    ctx.issues.add(childPath(path, "ipVersion"), "protocol ICMPv6 is IPv6 only; set ipVersion: 6 or use ICMP");
  }
}

/** The scan over nets/notNets of both sides: CIDR syntax, one IP family per rule, matching ipVersion. */
function checkNetFamilies(rule: Record<string, unknown>, path: string, ctx: Context): void {
  let seenV4 = false;
  let seenV6 = false;
  const ipVersion = rule.ipVersion;
  for (const side of ["source", "destination"] as const) {
    for (const key of ["nets", "notNets"] as const) {
      const at = childPath(childPath(path, side), key);
      let v4 = false;
      let v6 = false;
      listOf(field(rule[side], key)).forEach((n, i) => {
        if (typeof n !== "string") return;
        const cidr = parseCidr(n);
        if (cidr === undefined) {
          if (parseCidrOrIp(n) !== undefined) {
            ctx.issues.add(
              indexPath(at, i),
              `"${n}" is an address, not a CIDR; write ${n}/${n.includes(":") ? 128 : 32}`,
            );
          }
          return;
        }
        if (cidr.ip.version === 4) v4 = true;
        else v6 = true;
        if (key === "notNets" && cidr.prefix === 0) {
          ctx.issues.add(indexPath(at, i), `notNets "${n}" excludes every address, so the rule could never match`);
        }
      });
      if (ipVersion != null && ((v4 && ipVersion !== 4) || (v6 && ipVersion !== 6))) {
        ctx.issues.add(at, `holds IPv${v4 ? 4 : 6} CIDRs but the rule has ipVersion: ${String(ipVersion)}`);
      }
      if ((v4 && seenV6) || (v6 && seenV4) || (v4 && v6)) {
        ctx.issues.add(at, "a rule cannot mix IPv4 and IPv6 CIDRs; split it into one rule per IP family");
      }
      seenV4 ||= v4;
      seenV6 ||= v6;
    }
  }
}

/** `validateRule` and the Rule CEL rules, then the nested EntityRule/ICMP/HTTP checks. */
export function validateRule(rule: unknown, path: string, ctx: Context): void {
  if (!isRecord(rule)) return;
  for (const key of ["protocol", "notProtocol"] as const) {
    if (rule[key] == null) continue;
    const problem = protocolProblem(rule[key]);
    if (problem !== undefined) ctx.issues.add(childPath(path, key), problem);
  }
  checkPortsAgainstProtocol(rule, path, ctx);
  if (rule.http != null) {
    if (rule.protocol != null && !isNamed(parseProtocol(rule.protocol), "TCP")) {
      ctx.issues.add(childPath(path, "protocol"), "rules with an http match must use protocol TCP (or leave it unset)");
    }
    if (rule.action !== "Allow") ctx.issues.add(childPath(path, "http"), "an http match is only valid on Allow rules");
  }
  checkIcmp(rule, path, ctx);
  checkNetFamilies(rule, path, ctx);
  const destination = rule.destination;
  if (isRecord(destination) && destination.services != null) {
    for (const key of ["ports", "notPorts"] as const) {
      if (listOf(destination[key]).length > 0) {
        ctx.issues.add(
          childPath(childPath(path, "destination"), key),
          `cannot use ${key} with a destination services match: the service's ports apply`,
        );
      }
    }
  }
  validateEntityRule(rule.source, childPath(path, "source"), ctx);
  validateEntityRule(rule.destination, childPath(path, "destination"), ctx);
  validateICMPFields(rule.icmp, childPath(path, "icmp"), ctx);
  validateICMPFields(rule.notICMP, childPath(path, "notICMP"), ctx);
  validateHTTPMatch(rule.http, childPath(path, "http"), ctx);
  checkAnnotations(
    field(rule.metadata, "annotations"),
    childPath(childPath(path, "metadata"), "annotations"),
    ctx.issues,
  );
}
