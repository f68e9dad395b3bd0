import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

export interface BrowserChoice {
  readonly executablePath?: string;
  readonly args: string[];
}

// Background networking is off: the machines' closed network refuses Chromium's own connections, many at a time.
const QUIET_ARGS = [
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Playwright cannot download browsers here, so the tests drive Debian's chromium (or PALISADE_CHROMIUM); elsewhere
 * they fall back to a Playwright-managed Chromium when one is installed.
 */
export function chooseBrowser(): BrowserChoice {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const args = isRoot ? ["--no-sandbox", ...QUIET_ARGS] : QUIET_ARGS;
  const candidates = [process.env.PALISADE_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  for (const path of candidates) {
    if (path !== undefined && path !== "" && existsSync(path)) return { executablePath: path, args };
  }
  if (existsSync(chromium.executablePath())) return { args };
  throw new Error(
    "No Chromium found for the end-to-end tests. Install Debian's chromium (apt-get install chromium; ./run test " +
      "does this when run as root), set PALISADE_CHROMIUM to a Chromium binary, or install a Playwright-managed browser.",
  );
}
