import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { Bench } from "./types";

const WEB = fileURLToPath(new URL("../apps/web/", import.meta.url));

/**
 * First-page JavaScript: the entry script and the chunks index.html preloads, gzipped. Lazily loaded chunks
 * (Monaco, cytoscape, other routes) are not counted: the browser fetches them only on the pages that use them.
 */
export const bundleBench: Bench = {
  name: "first page bundle",
  async run() {
    const build = spawnSync("pnpm", ["--silent", "build"], { cwd: WEB, stdio: "ignore" });
    if (build.status !== 0) throw new Error("pnpm build failed in apps/web");
    const html = readFileSync(`${WEB}dist/index.html`, "utf8");
    const scripts = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/([^"]+\.js)"/g)];
    const bytes = scripts.reduce((sum, m) => sum + gzipSync(readFileSync(`${WEB}dist/${m[1]}`)).length, 0);
    return [{ name: "first page JS (gzip)", value: Math.round(bytes / 1024), unit: "KB", target: "< 250" }];
  },
};
