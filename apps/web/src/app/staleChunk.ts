/**
 * A view's lazily imported script could not be loaded: the message each engine gives when `import()` fails
 * (Chromium, Firefox, Safari), or a CSS chunk Vite's preload helper could not load.
 */
export function isStaleChunkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return /Failed to fetch dynamically imported module|error loading dynamically imported module|Importing a module script failed|Unable to preload CSS/i.test(
    error.message,
  );
}
