import { describe, expect, it } from "vitest";
import { crossPackageImports, ownerOf } from "./check-imports";

const PACKAGES = ["apps/bff", "packages/calico", "packages/calico-extra", "bench", "e2e"];

/** Import statements built at run time, so that this file itself holds none the check would read. */
const imports = (...specifiers: string[]) => specifiers.map((s) => `import { x } from "${s}";`).join("\n");

describe("ownerOf", () => {
  it("is the package folder holding the file, the root package outside all of them", () => {
    expect(ownerOf("packages/calico/src/index.ts", PACKAGES)).toBe("packages/calico");
    expect(ownerOf("packages/calico-extra/x.ts", PACKAGES)).toBe("packages/calico-extra");
    expect(ownerOf("scripts/test-all.ts", PACKAGES)).toBe("");
  });
});

describe("crossPackageImports", () => {
  const check = (path: string, text: string) => crossPackageImports([{ path, text }], PACKAGES);

  it("accepts relative imports inside a package and imports by package name", () => {
    expect(check("packages/calico/bench/x.ts", imports("./a", "../src/index", "@palisade/calico"))).toEqual([]);
    expect(check("bench/run.ts", imports("@palisade/e2e/browser", "./types"))).toEqual([]);
  });

  it("refuses imports, re-exports, side-effect and dynamic imports into another package, with their lines", () => {
    const text = [
      imports("../../../bench/types"),
      "",
      ["export {", "  g,", `} from "../../calico-extra/g";`].join("\n"),
      `const h = await ${"import"}("../../../apps/bff/src/h");`,
      `${"import"} "../../../scripts/side-effect";`,
    ].join("\n");
    expect(check("packages/calico/bench/core.ts", text)).toEqual([
      { path: "packages/calico/bench/core.ts", line: 1, specifier: "../../../bench/types", into: "bench" },
      {
        path: "packages/calico/bench/core.ts",
        line: 3,
        specifier: "../../calico-extra/g",
        into: "packages/calico-extra",
      },
      { path: "packages/calico/bench/core.ts", line: 6, specifier: "../../../apps/bff/src/h", into: "apps/bff" },
      { path: "packages/calico/bench/core.ts", line: 7, specifier: "../../../scripts/side-effect", into: "" },
    ]);
  });

  it("refuses the root package's relative imports into a package, and imports out of the repository", () => {
    expect(check("scripts/conformance/m.ts", imports("../../apps/bff/src/commands/x"))).toEqual([
      { path: "scripts/conformance/m.ts", line: 1, specifier: "../../apps/bff/src/commands/x", into: "apps/bff" },
    ]);
    expect(check("packages/calico/src/v.test.ts", imports("../../../../shared/v.json"))).toEqual([
      { path: "packages/calico/src/v.test.ts", line: 1, specifier: "../../../../shared/v.json", into: undefined },
    ]);
  });

  it("ignores import-like text that is not a statement", () => {
    expect(check("e2e/x.ts", `const doc = 'see the "from" keyword: from "../bench/types"';`)).toEqual([]);
  });
});
