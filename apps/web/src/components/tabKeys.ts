/**
 * The tab a key moves to in a horizontal tablist (WAI-ARIA Authoring Practices, "Tabs"): arrows step and wrap,
 * Home and End jump to the ends. Undefined for any other key.
 */
export function tabAfterKey(current: number, key: string, count: number): number | undefined {
  if (count === 0) return undefined;
  switch (key) {
    case "ArrowRight":
      return (current + 1) % count;
    case "ArrowLeft":
      return (current - 1 + count) % count;
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return undefined;
  }
}
