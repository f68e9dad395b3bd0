import type { StylesheetJson } from "cytoscape";
import type { Theme } from "../../shared/theme";

const PALETTE = {
  light: {
    text: "#1a1f26",
    muted: "#5a6472",
    box: "#ffffff",
    boxLine: "#b8c1cc",
    public: "#d97706",
    private: "#2563eb",
    other: "#6b7280",
    pod: "#0f766e",
    applies: "#7c3aed",
    allow: "#15803d",
    deny: "#dc2626",
    // Search matches: a ring at 6:1 against the canvas (the old yellow was under 2:1), a hue no other state uses.
    match: "#a21caf",
  },
  dark: {
    text: "#e6edf3",
    muted: "#939eab",
    box: "#151b23",
    boxLine: "#3a4450",
    public: "#f59e0b",
    private: "#60a5fa",
    other: "#9ca3af",
    pod: "#2dd4bf",
    applies: "#a78bfa",
    allow: "#4ade80",
    deny: "#f87171",
    match: "#f0abfc",
  },
} as const;

export type GraphPalette = (typeof PALETTE)[Theme];
export function graphPalette(theme: Theme): GraphPalette {
  return PALETTE[theme];
}

/** The Cytoscape stylesheet for a theme; the legend uses the same palette. */
export function graphStyle(theme: Theme): StylesheetJson {
  const c = PALETTE[theme];
  return [
    {
      selector: "node",
      style: {
        label: "data(label)",
        color: c.text,
        "font-size": 11,
        "text-wrap": "wrap",
        "text-valign": "center",
        "text-halign": "center",
        "font-family": "system-ui, sans-serif",
        "min-zoomed-font-size": 6,
      },
    },
    {
      selector: "node.worker",
      style: {
        shape: "round-rectangle",
        "background-color": c.box,
        "border-color": c.boxLine,
        "border-width": 1.5,
        "text-valign": "top",
        "text-halign": "center",
        "text-margin-y": -6,
        "font-size": 13,
        "font-weight": "bold",
        padding: "22px",
      },
    },
    {
      selector: "node.interface",
      style: {
        shape: "round-rectangle",
        width: 128,
        height: 34,
        "background-color": c.box,
        "border-width": 2.5,
        "border-color": c.other,
        "font-size": 10.5,
      },
    },
    { selector: "node.public", style: { "border-color": c.public } },
    { selector: "node.private", style: { "border-color": c.private } },
    {
      selector: "node.pod",
      style: {
        shape: "ellipse",
        // Wide and tall enough that both 20-character lines (name, namespace) sit inside the ellipse's curve; a
        // layout cell is 150 × 46 (layout.ts).
        width: 142,
        height: 38,
        "background-color": c.box,
        "border-width": 1.5,
        "border-color": c.pod,
        "border-style": "dashed",
        "font-size": 10,
      },
    },
    {
      selector: "node.group",
      style: {
        shape: "round-rectangle",
        width: 142,
        height: 38,
        "background-color": c.box,
        "border-width": 2,
        "border-color": c.pod,
        "font-size": 10.5,
        "font-weight": "bold",
      },
    },
    // An open namespace or workload keeps its cell (the way to close it), drawn as a frame.
    { selector: "node.group.expanded", style: { "border-style": "double", "border-width": 4 } },
    {
      selector: "node.applies",
      style: {
        "background-color": c.applies,
        "background-opacity": 0.28,
        "border-color": c.applies,
        "border-width": 4,
      },
    },
    {
      selector: "node.allowed-peer",
      style: { "background-color": c.allow, "background-opacity": 0.22, "border-color": c.allow, "border-width": 3 },
    },
    {
      selector: "node.denied-peer",
      style: { "background-color": c.deny, "background-opacity": 0.22, "border-color": c.deny, "border-width": 3 },
    },
    // Dimmed nodes fade their outline, not their label: a faded label fell to about 2:1 against the canvas.
    { selector: "node.dimmed", style: { "border-opacity": 0.35, color: c.muted } },
    { selector: "node.match", style: { "underlay-color": c.match, "underlay-opacity": 1, "underlay-padding": 5 } },
    { selector: "node.pod.match", style: { "underlay-shape": "ellipse" } },
    { selector: "node:selected", style: { "overlay-color": c.applies, "overlay-opacity": 0.18, "overlay-padding": 6 } },
    { selector: "node.worker:selected", style: { "overlay-opacity": 0 } },
  ];
}
