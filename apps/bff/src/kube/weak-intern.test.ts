import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { WeakIntern } from "./weak-intern";

const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const MODULE = fileURLToPath(new URL("./weak-intern.ts", import.meta.url));

describe("WeakIntern", () => {
  it("gives every equal value the first instance still alive, and keeps values of other keys apart", () => {
    const table = new WeakIntern<{ app: string }>();
    const first = { app: "web" };
    expect(table.intern("web", first)).toBe(first);
    expect(table.intern("web", { app: "web" })).toBe(first);
    const db = { app: "db" };
    expect(table.intern("db", db)).toBe(db);
  });

  it("does not keep a value alive: once collected, the next equal value is adopted", async () => {
    // In a child process with --expose-gc, so that the collection can be forced.
    const script = `
      import { WeakIntern } from ${JSON.stringify(MODULE)};
      const table = new WeakIntern();
      (() => { table.intern("web", { app: "web", first: true }); })();
      await new Promise((resolve) => setTimeout(resolve, 0));
      globalThis.gc();
      const next = { app: "web", first: false };
      console.log(table.intern("web", next) === next ? "adopted" : "kept");
    `;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--expose-gc", "--import", "tsx", "--input-type=module", "--eval", script],
      { cwd: REPO_ROOT },
    );
    expect(stdout.trim()).toBe("adopted");
  });
});
