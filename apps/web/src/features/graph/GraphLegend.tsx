import type { Theme } from "../../shared/theme";
import { graphPalette } from "./graphStyle";

/** The legend uses the graph's own palette so colours always agree. */
export function GraphLegend({ theme }: { theme: Theme }) {
  const c = graphPalette(theme);
  const items = [
    { label: "Public interface", style: { borderColor: c.public } },
    { label: "Private interface", style: { borderColor: c.private } },
    { label: "Pod", style: { borderColor: c.pod, borderStyle: "dashed", borderRadius: 10 } },
    { label: "Policy applies", style: { borderColor: c.applies, background: `${c.applies}55` } },
    { label: "Rule allows peer", style: { borderColor: c.allow, background: `${c.allow}44` } },
    { label: "Rule denies peer", style: { borderColor: c.deny, background: `${c.deny}44` } },
    { label: "Search match", style: { borderColor: c.match, background: c.match } },
  ] as const;
  return (
    <section aria-label="Legend" className="legend">
      <h2>Legend</h2>
      <ul>
        {items.map((i) => (
          <li key={i.label}>
            <span className="swatch" style={i.style} aria-hidden="true" />
            {i.label}
          </li>
        ))}
      </ul>
    </section>
  );
}
