/** Test blocks that compare against ../shared: run where it is present, listed as not run where it is absent. */
import { describe, it } from "vitest";
import { sharedBlock } from "./block";
import { isCi, locateShared, type SharedFiles } from "./index";

/**
 * `describe(title, body)` with the shared folder's files, when it is present. Absent, `body` is not called (it may
 * read files while collecting its tests): one skipped test titled with the reason stands for the block, and under
 * CI a failing one does, so a CI run without the reference data fails instead of passing with less.
 */
export function describeWithShared(title: string, body: (shared: SharedFiles) => void): void {
  const block = sharedBlock(locateShared(), isCi());
  describe(title, () => {
    if (block.run === "body") body(block.files);
    else if (block.run === "skip") it.skip(block.title, () => undefined);
    else {
      it("needs ../shared", () => {
        throw new Error(block.message);
      });
    }
  });
}
