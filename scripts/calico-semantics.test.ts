/**
 * Comments cite docs/calico-semantics.md by section number and, for a part, by its bold name: every citation must
 * name the repository's file (not a copy outside it) and a section and part that exist there.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
/** This test's own source names the file in its patterns; it cites nothing. */
const SELF = "scripts/calico-semantics.test.ts";
const DOC = "docs/calico-semantics.md";
const doc = readFileSync(join(root, DOC), "utf8");

/** Section number → the bold names of its parts (`**Name.**`, `**Name:**`, `**Name**`). */
const sections = new Map(
  doc
    .split(/^## /m)
    .slice(1)
    .map((text) => [Number.parseInt(text, 10), [...text.matchAll(/\*\*([^*]+?)[.:]?\*\*/g)].map((m) => m[1] ?? "")]),
);

const files = execFileSync("git", ["ls-files"], { cwd: root, encoding: "utf8" })
  .split("\n")
  .filter((f) => /\.(?:ts|tsx|md)$/.test(f) && f !== DOC && f !== SELF);

/** Each citation with the text after it, comment continuations joined into one line. */
const citations = files.flatMap((file) => {
  const text = readFileSync(join(root, file), "utf8").replace(/\n\s*(?:\*|\/\/)?\s*/g, " ");
  return [...text.matchAll(/(\S*)calico-semantics(?:\.md)?/g)].map((m) => ({
    file,
    path: m[0],
    after: text.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 160),
  }));
});

/** The sections a citation names (`§2, §3`, `section 4`, `sections 2, 3 and 4`) with the part names quoted after each. */
function cited(after: string): { section: number; parts: string[] }[] {
  const head = /^[\s(`'"]*[^\w(]*?((?:(?:§|sections? )\d(?:\s*(?:,|and)\s*(?:§)?\d)*[^)]*?)?)(?:\)|$)/.exec(after)?.[1];
  const out: { section: number; parts: string[] }[] = [];
  for (const m of (head ?? "").matchAll(/(?:§|sections? |, |and )(\d)((?:\s*,?\s*"[^"]+")*)/g)) {
    out.push({ section: Number(m[1]), parts: [...(m[2] ?? "").matchAll(/"([^"]+)"/g)].map((p) => p[1] ?? "") });
  }
  return out;
}

describe(`citations of ${DOC}`, () => {
  it("exist, and name the repository's own file", () => {
    expect(citations.length).toBeGreaterThan(100);
    expect(citations.filter((c) => !/^[`(]*docs\/calico-semantics\.md$/.test(c.path))).toEqual([]);
  });

  it("name sections and parts the file has", () => {
    const wrong = citations.flatMap((c) =>
      cited(c.after).flatMap(({ section, parts }) => {
        const names = sections.get(section);
        if (names === undefined) return [`${c.file}: no section ${section}`];
        return parts.filter((p) => !names.includes(p)).map((p) => `${c.file}: no part "${p}" in section ${section}`);
      }),
    );
    expect(wrong).toEqual([]);
  });

  it("reads the section and part names the comments use", () => {
    expect(cited(' §5 "Rule", "Ports", "Protocols").')).toEqual([
      { section: 5, parts: ["Rule", "Ports", "Protocols"] },
    ]);
    expect(cited(" sections 2, 3 and 4).")).toEqual([
      { section: 2, parts: [] },
      { section: 3, parts: [] },
      { section: 4, parts: [] },
    ]);
    expect(cited(' section 6, issue 3 "Order, endpoints, matching"):')).toEqual([{ section: 6, parts: [] }]);
    expect(sections.get(4)).toContain("Chain layout");
  });
});
