import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sharedBlock } from "./block";
import { isCi, locateShared, NOT_RUN_WITHOUT_SHARED, repoRoot } from "./index";

const base = mkdtempSync(join(tmpdir(), "palisade-reference-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** A clone at `<base>/<name>/clone`, with or without a shared folder beside it. */
function clone(name: string, shared: boolean): string {
  const root = join(base, name, "clone");
  mkdirSync(join(root, "packages", "x"), { recursive: true });
  writeFileSync(join(root, "pnpm-workspace.yaml"), "packages: []\n");
  if (shared) {
    mkdirSync(join(base, name, "shared", "calico", "crds"), { recursive: true });
    writeFileSync(join(base, name, "shared", "calico", "v.json"), '{"a":1}');
    writeFileSync(join(base, name, "shared", "calico", "crds", "b.yaml"), "a: 1\n---\nb: 2\n");
    writeFileSync(join(base, name, "shared", "calico", "crds", "a.yaml"), "c: 3\n");
    writeFileSync(join(base, name, "shared", "calico", "crds", "notes.md"), "#\n");
  }
  return root;
}

describe("locateShared", () => {
  it("finds the clone's root from inside it", () => {
    const root = clone("nested", false);
    expect(repoRoot(join(root, "packages", "x"))).toBe(root);
  });

  it("reads the shared folder beside the clone", () => {
    const lookup = locateShared(clone("present", true));
    if (!lookup.present) throw new Error(lookup.reason);
    expect(lookup.files.readJson("calico/v.json")).toEqual({ a: 1 });
    expect(lookup.files.readYaml("calico/crds/b.yaml")).toEqual([{ a: 1 }, { b: 2 }]);
    expect(lookup.files.list("calico", [".yaml"])).toEqual(["calico/crds/a.yaml", "calico/crds/b.yaml"]);
  });

  it("says where it looked when the shared folder is absent", () => {
    const lookup = locateShared(clone("absent", false));
    expect(lookup).toEqual({
      present: false,
      dir: join(base, "absent", "shared"),
      reason: `${join(base, "absent", "shared")} does not exist`,
    });
  });
});

describe("sharedBlock", () => {
  const absent = { present: false, dir: "/x/shared", reason: "/x/shared does not exist" } as const;

  it("runs the block when the shared folder is present", () => {
    const lookup = locateShared(clone("block", true));
    expect(sharedBlock(lookup, true).run).toBe("body");
  });

  it("lists the block as not run, with the reason, outside CI", () => {
    expect(sharedBlock(absent, false)).toEqual({
      run: "skip",
      title: `${NOT_RUN_WITHOUT_SHARED}: /x/shared does not exist`,
    });
  });

  it("fails the block under CI", () => {
    const block = sharedBlock(absent, true);
    expect(block.run).toBe("fail");
    expect(block.run === "fail" && block.message).toMatch(/^CI requires .*\.\.\/shared.*\/x\/shared does not exist/);
  });
});

describe("isCi", () => {
  it.each([
    [{ CI: "true" }, true],
    [{ CI: "1" }, true],
    [{ CI: "false" }, false],
    [{ CI: "" }, false],
    [{}, false],
  ])("%j is CI: %s", (env, expected) => {
    expect(isCi(env)).toBe(expected);
  });
});
