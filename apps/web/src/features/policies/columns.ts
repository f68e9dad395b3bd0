/** The policy table's columns and their grid tracks; the long-text ones can be resized by the user. */
export const COLUMNS = [
  "#",
  "Name",
  "Kind",
  "Namespace",
  "Tier",
  "Order",
  "Stages",
  "Types",
  "Selector",
  "Applies to",
  "Hits",
  "Rules",
] as const;
export type Column = (typeof COLUMNS)[number];

/** Each column's track until the user resizes it: fixed where the content is short, shared (fr) where it is long. */
const TRACKS: Record<Column, string> = {
  "#": "44px",
  Name: "minmax(150px, 1.6fr)",
  Kind: "72px",
  Namespace: "80px",
  Tier: "60px",
  Order: "56px",
  Stages: "116px",
  Types: "104px",
  Selector: "minmax(120px, 1.5fr)",
  "Applies to": "88px",
  Hits: "96px",
  Rules: "minmax(140px, 1.8fr)",
};

/** The columns whose text is long enough to be cut: each gets a resize handle (and the full text as a tooltip). */
export const RESIZABLE: ReadonlySet<Column> = new Set(["Name", "Selector", "Rules"]);
export const MIN_WIDTH = 80;
export const MAX_WIDTH = 1200;

export type ColumnWidths = Partial<Record<Column, number>>;

/** The grid's `--cols`: a resized column takes its width in pixels, the others keep their default track. */
export function gridColumns(widths: ColumnWidths): string {
  return COLUMNS.map((c) => {
    const w = widths[c];
    return w === undefined ? TRACKS[c] : `${w}px`;
  }).join(" ");
}

/** A width the user dragged or keyed to, kept within bounds so a column can neither vanish nor run away. */
export function clampWidth(px: number): number {
  return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, px)));
}
