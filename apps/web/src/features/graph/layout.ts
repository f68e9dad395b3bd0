/** A deterministic grid layout: worker nodes as boxes in rows, their interfaces on top, pods in a grid below. */

export interface Point {
  readonly x: number;
  readonly y: number;
}

export const CELL_W = 150;
export const CELL_H = 46;
const BOX_GAP = 90;

/** Positions of the children of one box, relative to its top-left corner, and the box's size. */
export function boxLayout(interfaces: number, pods: number): { positions: Point[]; width: number; height: number } {
  const columns = Math.max(2, interfaces, Math.ceil(Math.sqrt(pods)));
  const positions: Point[] = [];
  for (let i = 0; i < interfaces; i++) positions.push({ x: i * CELL_W, y: 0 });
  const podTop = interfaces > 0 ? CELL_H * 1.4 : 0;
  for (let i = 0; i < pods; i++) {
    positions.push({ x: (i % columns) * CELL_W, y: podTop + Math.floor(i / columns) * CELL_H });
  }
  const rows = Math.ceil(pods / columns);
  return { positions, width: columns * CELL_W, height: podTop + rows * CELL_H };
}

/**
 * Places boxes left to right, wrapping into rows at `maxRowWidth`; returns each box's top-left corner. The same input
 * always gives the same picture, so the graph does not jump when live updates arrive.
 */
export function placeBoxes(sizes: readonly { width: number; height: number }[], maxRowWidth: number): Point[] {
  const out: Point[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const s of sizes) {
    if (x > 0 && x + s.width > maxRowWidth) {
      x = 0;
      y += rowHeight + BOX_GAP;
      rowHeight = 0;
    }
    out.push({ x, y });
    x += s.width + BOX_GAP;
    rowHeight = Math.max(rowHeight, s.height);
  }
  return out;
}
