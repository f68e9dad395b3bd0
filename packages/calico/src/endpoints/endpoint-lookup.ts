/**
 * Endpoints by address and host endpoints by node, kept beside the match index. Explain asks who owns a packet's
 * addresses and which host endpoints a node has for every packet; a scan of every endpoint made each answer cost
 * O(endpoints), 13 of the 21 s of CPU of a 78,000-packet connectivity diff at 10,000 endpoints (issue 21).
 */
import { type ParsedIp, parseIp } from "../validate/net";
import type { Endpoint } from "./endpoint";

export class EndpointLookup {
  /** Address key → owners: an array, as an address has one owner (a set per endpoint cost a tenth of a build). */
  private readonly byAddress = new Map<string, string[]>();
  private readonly hostsByNode = new Map<string, Set<string>>();
  /** Each node's host endpoints in order, until one of them changes (explain asks for every packet). */
  private readonly hostsInOrder = new Map<string, string[]>();
  /**
   * Insertion rank of each endpoint, in the order of the index's endpoint map (a replaced endpoint keeps its place),
   * so ties are broken as a scan of that map breaks them.
   */
  private readonly rank = new Map<string, number>();
  private next = 0;

  add(ep: Endpoint): void {
    if (!this.rank.has(ep.id)) this.rank.set(ep.id, this.next++);
    for (const key of addressKeys(ep)) {
      const ids = this.byAddress.get(key);
      if (ids === undefined) this.byAddress.set(key, [ep.id]);
      else if (!ids.includes(ep.id)) ids.push(ep.id);
    }
    if (ep.kind === "host" && ep.node !== undefined) {
      file(this.hostsByNode, ep.node, ep.id);
      this.hostsInOrder.delete(ep.node);
    }
  }

  /**
   * Files `ep` in place of `old` (its earlier version). A label change leaves addresses, kind and node as they
   * were, and then there is nothing to refile.
   */
  replace(old: Endpoint, ep: Endpoint): void {
    if (old.kind === ep.kind && old.node === ep.node && sameList(old.ips, ep.ips)) return;
    this.remove(old, true);
    this.add(ep);
  }

  /** Forgets the endpoint as it was filed; `keepRank` when it is about to be filed again in its place. */
  remove(ep: Endpoint, keepRank = false): void {
    if (!keepRank) this.rank.delete(ep.id);
    for (const key of addressKeys(ep)) {
      const ids = this.byAddress.get(key);
      const at = ids?.indexOf(ep.id) ?? -1;
      if (ids === undefined || at < 0) continue;
      if (ids.length === 1) this.byAddress.delete(key);
      else ids.splice(at, 1);
    }
    if (ep.kind === "host" && ep.node !== undefined) {
      unfile(this.hostsByNode, ep.node, ep.id);
      this.hostsInOrder.delete(ep.node);
    }
  }

  /** Ids of the endpoints owning the address, in the index's order. */
  owners(ip: ParsedIp): string[] {
    return this.ordered(this.byAddress.get(key(ip)));
  }

  /** Ids of the node's host endpoints, in the index's order. */
  hostsOn(node: string): readonly string[] {
    let ids = this.hostsInOrder.get(node);
    if (ids === undefined) {
      ids = this.ordered(this.hostsByNode.get(node));
      this.hostsInOrder.set(node, ids);
    }
    return ids;
  }

  private ordered(ids: Iterable<string> | undefined): string[] {
    if (ids === undefined) return [];
    const out = [...ids];
    if (out.length > 1) out.sort((a, b) => (this.rank.get(a) ?? 0) - (this.rank.get(b) ?? 0));
    return out;
  }
}

const key = (ip: ParsedIp) => ip.bytes.join(".");

/** The endpoint's distinct address keys (an endpoint has one or two addresses). */
function addressKeys(ep: Endpoint): string[] {
  const keys: string[] = [];
  for (const text of ep.ips) {
    const ip = parseIp(text);
    if (ip === undefined) continue;
    // A dotted IPv4 address that parses is its own key: four decimal bytes without leading zeros.
    const k = ip.bytes.length === 4 && !text.includes(":") ? text : key(ip);
    if (!keys.includes(k)) keys.push(k);
  }
  return keys;
}

/** Same strings in the same order. */
export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function file(map: Map<string, Set<string>>, k: string, id: string): void {
  const set = map.get(k);
  if (set === undefined) map.set(k, new Set([id]));
  else set.add(id);
}

function unfile(map: Map<string, Set<string>>, k: string, id: string): void {
  const set = map.get(k);
  if (set === undefined) return;
  set.delete(id);
  if (set.size === 0) map.delete(k);
}
