import type { GraphGroup, GraphModel, PolicyDetail } from "@palisade/contract";
import type { ElementDefinition } from "cytoscape";
import { boxLayout, placeBoxes } from "./layout";

/** How an endpoint relates to the picked policy. */
export type Highlight = "applies" | "allowed-peer" | "denied-peer";

export const UNASSIGNED = "node/(no node)";
/** The box holding a cell per namespace. */
export const GROUPS_BOX = "groups";
/** The box of an expanded namespace, holding a cell per workload. */
export const workloadBox = (namespace: string) => `workloads/${namespace}`;

/** What `GraphQuery.expand` calls a group: `<namespace>` or `<namespace>/<kind>/<name>`. */
export function expandToken(g: GraphGroup): string {
  return g.workload === undefined ? g.namespace : `${g.namespace}/${g.workload.kind}/${g.workload.name}`;
}

/**
 * What the picked policy lights up: the endpoints it applies to, and the endpoints its rules' peer selectors match,
 * coloured by the rule's action (Allow green, Deny red; Pass and Log are not verdicts and are not coloured).
 */
export function policyHighlights(detail: PolicyDetail): Map<string, Highlight> {
  const out = new Map<string, Highlight>();
  for (const rule of detail.rules) {
    if (rule.action !== "Allow" && rule.action !== "Deny") continue;
    const peer = rule.direction === "Ingress" ? rule.source : rule.destination;
    for (const e of peer.endpoints?.items ?? []) {
      // A Deny earlier in the policy wins over a later Allow for the same peer (first match decides).
      if (!out.has(e.id)) out.set(e.id, rule.action === "Allow" ? "allowed-peer" : "denied-peer");
    }
  }
  for (const e of detail.appliesTo.items) out.set(e.id, "applies");
  return out;
}

const STRENGTH: readonly Highlight[] = ["applies", "denied-peer", "allowed-peer"];

/**
 * A namespace takes the strongest highlight of any of its pods. A workload's pods are not known here, so a workload
 * cell is lit only by the search.
 */
function groupClasses(g: GraphGroup, highlights: ReadonlyMap<string, Highlight> | undefined, hit: boolean): string {
  const out = ["group", ...(g.expanded ? ["expanded"] : [])];
  if (highlights !== undefined && g.workload === undefined) {
    const prefix = `wep/${g.namespace}/`;
    let best: Highlight | undefined;
    for (const [id, h] of highlights) {
      if (id.startsWith(prefix) && (best === undefined || STRENGTH.indexOf(h) < STRENGTH.indexOf(best))) best = h;
    }
    out.push(best ?? "dimmed");
  }
  if (hit) out.push("match");
  return out.join(" ");
}

/** A row width that makes the whole picture roughly 2.4:1 (wide screens), so "fit" shows boxes at a readable size. */
function balancedRowWidth(sizes: readonly { width: number; height: number }[]): number {
  const area = sizes.reduce((sum, s) => sum + (s.width + 90) * (s.height + 90), 0);
  const widest = sizes.reduce((m, s) => Math.max(m, s.width), 0);
  return Math.max(widest, Math.sqrt(area * 2.4));
}

export interface ElementOptions {
  readonly highlights?: ReadonlyMap<string, Highlight>;
  /** Case-insensitive text matched against names, IPs and labels; matches get the `match` class. */
  readonly search?: string;
  readonly maxRowWidth?: number;
}

function matchesSearch(needle: string, ...haystack: (string | undefined)[]): boolean {
  return needle !== "" && haystack.some((h) => h?.toLowerCase().includes(needle));
}

const MAX_LABEL = 20;

/** Characters kept from a long name's end: a pod's unique suffix (`-4xkzq`) and part of its ReplicaSet hash. */
const KEEP_END = 8;

const count = (pods: number) => `${pods} ${pods === 1 ? "pod" : "pods"}`;

function groupLabel(g: GraphGroup): string {
  if (g.workload === undefined) return `${g.expanded ? "▾ " : ""}${shorten(g.namespace)}\n${count(g.pods)}`;
  const kind = g.workload.kind === "app" ? "" : `${g.workload.kind} · `;
  return `${g.expanded ? "▾ " : ""}${shorten(g.workload.name)}\n${kind}${count(g.pods)}`;
}

/**
 * Fits a name into a graph box, cutting from the middle: replicas share their start (`nginx-5d9c8f6b7c-`) and differ
 * at the end, so the end is what tells two pods apart. The full name stays in the side panel and the search.
 */
export function shorten(name: string): string {
  if (name.length <= MAX_LABEL) return name;
  return `${name.slice(0, MAX_LABEL - KEEP_END - 1)}…${name.slice(-KEEP_END)}`;
}

function labelText(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
}

/**
 * Turns the graph model into Cytoscape elements: one compound box per worker node holding its interfaces (host
 * endpoints) and pods, positioned by the deterministic grid layout. Endpoints whose node is unknown go into a
 * "(no node)" box. Unless every pod is listed, each namespace is one cell ("name · N pods", class `group`, and
 * `expanded` when open) in a box drawn first, lit up when any of its pods is; an expanded namespace's workloads are
 * cells in a box of its own, drawn last. Cells carry their `GraphQuery.expand` token. Classes drive the style: `interface public|private`, `pod`, `applies`, `allowed-peer`,
 * `denied-peer`, `dimmed` (when a policy is picked and the endpoint is unrelated), `match` (search hit).
 */
export function toElements(model: GraphModel, options: ElementOptions = {}): ElementDefinition[] {
  const highlights = options.highlights;
  const needle = (options.search ?? "").trim().toLowerCase();
  const known = new Set(model.nodes.map((n) => n.id));
  const boxes = new Map<string, { label: string; interfaces: ElementDefinition[]; pods: ElementDefinition[] }>();
  for (const n of model.nodes) {
    const ip = n.addresses.find((a) => a.type === "InternalIP")?.address;
    boxes.set(n.id, {
      label: ip === undefined || ip === n.name ? n.name : `${n.name} (${ip})`,
      interfaces: [],
      pods: [],
    });
  }
  const boxFor = (node: string | undefined) => {
    const id = node !== undefined && known.has(node) ? node : UNASSIGNED;
    let box = boxes.get(id);
    if (box === undefined) {
      box = { label: "(no node)", interfaces: [], pods: [] };
      boxes.set(id, box);
    }
    return { id, box };
  };
  const classesFor = (id: string, base: string[], searchHit: boolean) => {
    const h = highlights?.get(id);
    if (h !== undefined) base.push(h);
    else if (highlights !== undefined) base.push("dimmed");
    if (searchHit) base.push("match");
    return base.join(" ");
  };

  for (const i of [...model.interfaces].sort((a, b) =>
    (a.interfaceName ?? a.name).localeCompare(b.interfaceName ?? b.name),
  )) {
    const { id: parent, box } = boxFor(i.node);
    const name = i.interfaceName ?? i.name;
    box.interfaces.push({
      group: "nodes",
      data: {
        id: i.id,
        parent,
        label: `${name}\n${i.ips.join(", ") || "no IP"}`,
        kind: "interface",
        role: i.role ?? "",
      },
      classes: classesFor(
        i.id,
        ["interface", i.role ?? "other"],
        matchesSearch(needle, i.name, name, ...i.ips, labelText(i.labels)),
      ),
    });
  }
  for (const p of [...model.pods].sort((a, b) =>
    `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`),
  )) {
    const { id: parent, box } = boxFor(p.node);
    box.pods.push({
      group: "nodes",
      data: { id: p.id, parent, label: `${shorten(p.name)}\n${shorten(p.namespace)}`, kind: "pod" },
      classes: classesFor(p.id, ["pod"], matchesSearch(needle, p.name, p.namespace, ...p.ips, labelText(p.labels))),
    });
  }

  // Every namespace keeps its cell (expanded ones marked), and the workload boxes come last, so expanding or
  // collapsing moves nothing drawn before them; a live update changes a count, not a position.
  const groupCell = (g: GraphGroup, parent: string): ElementDefinition => ({
    group: "nodes",
    data: { id: g.id, parent, label: groupLabel(g), kind: "group", expand: expandToken(g) },
    classes: groupClasses(g, highlights, matchesSearch(needle, g.namespace, g.workload?.name)),
  });
  const namespaces = model.groups.filter((g) => g.workload === undefined);
  const everyPodListed = model.groups.every((g) => g.expanded);
  const workloadBoxes = new Map<
    string,
    { label: string; interfaces: ElementDefinition[]; pods: ElementDefinition[] }
  >();
  for (const g of model.groups) {
    if (g.workload === undefined) continue;
    const id = workloadBox(g.namespace);
    let box = workloadBoxes.get(id);
    if (box === undefined) {
      box = { label: `${g.namespace}: workloads (click to list pods)`, interfaces: [], pods: [] };
      workloadBoxes.set(id, box);
    }
    box.pods.push(groupCell(g, id));
  }
  const ordered = new Map<string, { label: string; interfaces: ElementDefinition[]; pods: ElementDefinition[] }>();
  // A small cluster with every pod listed needs no group cells: its pods are drawn in their nodes.
  if (namespaces.length > 0 && !everyPodListed) {
    ordered.set(GROUPS_BOX, {
      label: "Namespaces (click to expand)",
      interfaces: [],
      pods: namespaces.map((g) => groupCell(g, GROUPS_BOX)),
    });
  }
  for (const [id, box] of boxes) ordered.set(id, box);
  const rowWidth =
    options.maxRowWidth ??
    balancedRowWidth([...ordered.values()].map((b) => boxLayout(b.interfaces.length, b.pods.length)));
  if (!everyPodListed) for (const [id, box] of workloadBoxes) ordered.set(id, box);

  const entries = [...ordered.entries()];
  const layouts = entries.map(([, b]) => boxLayout(b.interfaces.length, b.pods.length));
  const corners = placeBoxes(layouts, rowWidth);
  const out: ElementDefinition[] = [];
  entries.forEach(([id, b], i) => {
    const layout = layouts[i];
    const corner = corners[i];
    if (layout === undefined || corner === undefined) return;
    out.push({
      group: "nodes",
      data: { id, label: b.label, kind: "node" },
      classes: matchesSearch(needle, b.label) ? "worker match" : "worker",
    });
    [...b.interfaces, ...b.pods].forEach((el, j) => {
      const pos = layout.positions[j];
      if (pos !== undefined) out.push({ ...el, position: { x: corner.x + pos.x, y: corner.y + pos.y } });
    });
  });
  return out;
}
