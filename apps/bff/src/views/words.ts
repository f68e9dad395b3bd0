import type { EntityRule, Rule } from "@palisade/calico";

/** One side of a rule in words: "anywhere", "10.0.0.0/8 except 10.1.0.0/16 port 443", "endpoints with a == 'b'". */
export function peerWords(side: EntityRule | undefined): string {
  if (side === undefined) return "anywhere";
  const who: string[] = [];
  if (side.selector) who.push(`endpoints matching ${side.selector}`);
  if (side.notSelector) who.push(`endpoints not matching ${side.notSelector}`);
  if (side.namespaceSelector) {
    const ns = side.namespaceSelector.trim();
    who.push(
      ns === "global()"
        ? "non-namespaced endpoints (hosts, global network sets)"
        : ns === "all()"
          ? "in any namespace"
          : `in namespaces matching ${ns}`,
    );
  }
  if (side.serviceAccounts) {
    const names = side.serviceAccounts.names ?? [];
    if (names.length > 0) who.push(`service accounts ${names.join(", ")}`);
    if (side.serviceAccounts.selector) who.push(`service accounts matching ${side.serviceAccounts.selector}`);
  }
  if (side.services?.name) who.push(`service ${side.services.namespace ?? ""}/${side.services.name}`);
  if ((side.nets?.length ?? 0) > 0) who.push(list(side.nets ?? []));
  if ((side.notNets?.length ?? 0) > 0) who.push(`except ${list(side.notNets ?? [])}`);
  const ports = side.ports ?? [];
  const notPorts = side.notPorts ?? [];
  const where = who.length === 0 ? (ports.length > 0 || notPorts.length > 0 ? "" : "anywhere") : who.join(" ");
  const portText = [
    ports.length === 0 ? "" : `${ports.length === 1 ? "port" : "ports"} ${list(ports.map(String))}`,
    notPorts.length === 0 ? "" : `not ${notPorts.length === 1 ? "port" : "ports"} ${list(notPorts.map(String))}`,
  ]
    .filter((s) => s !== "")
    .join(" ");
  return [where, portText].filter((s) => s !== "").join(" ");
}

/** A whole rule in words: "Allow TCP from 10.0.0.0/8 to port 52311". */
export function ruleWords(rule: Rule): string {
  const parts: string[] = [rule.action];
  if (rule.protocol !== undefined) parts.push(String(rule.protocol));
  if (rule.notProtocol !== undefined) parts.push(`not ${String(rule.notProtocol)}`);
  if (rule.icmp?.type !== undefined) {
    parts.push(`type ${rule.icmp.type}${rule.icmp.code === undefined ? "" : ` code ${rule.icmp.code}`}`);
  }
  if (rule.ipVersion !== undefined) parts.push(`IPv${rule.ipVersion}`);
  const from = peerWords(rule.source);
  const to = peerWords(rule.destination);
  if (from !== "anywhere") parts.push(`from ${from}`);
  if (to !== "anywhere") parts.push(`to ${to}`);
  if (parts.length === 1) parts.push("everything");
  return parts.join(" ");
}

/** A policy's rules in one line, at most `max` rules spelled out. */
export function policySummaryWords(
  ingress: readonly Rule[],
  egress: readonly Rule[],
  selectsNothing: boolean,
  max = 2,
): string {
  const all = [...ingress.map((r) => `ingress: ${ruleWords(r)}`), ...egress.map((r) => `egress: ${ruleWords(r)}`)];
  if (all.length === 0)
    return selectsNothing ? "no rules" : "no rules: denies the selected traffic at the end of its tier";
  const shown = all.slice(0, max).join("; ");
  return all.length > max ? `${shown}; and ${all.length - max} more` : shown;
}

function list(items: readonly string[]): string {
  return items.join(", ");
}
