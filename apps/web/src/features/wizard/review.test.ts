import type { DiffResult } from "@palisade/contract";
import { describe, expect, it } from "vitest";
import { patchLines, reviewedVersions } from "./review";

describe("patchLines", () => {
  it("drops the file headers and classifies each line of the hunks", () => {
    const patch = [
      "--- live/deny-nodeports",
      "+++ proposed/deny-nodeports",
      "@@ -3,4 +3,4 @@",
      " spec:",
      "-  order: 1100",
      "+  order: 1200",
      "   selector: ibm.role == 'worker_public'",
      "",
    ].join("\n");
    expect(patchLines(patch)).toEqual([
      { kind: "hunk", text: "@@ -3,4 +3,4 @@" },
      { kind: "context", text: " spec:" },
      { kind: "remove", text: "-  order: 1100" },
      { kind: "add", text: "+  order: 1200" },
      { kind: "context", text: "   selector: ibm.role == 'worker_public'" },
    ]);
  });

  it("is empty for an unchanged document", () => {
    expect(patchLines("")).toEqual([]);
  });
});

describe("reviewedVersions", () => {
  it("expects each document at the version the review showed, null for one not yet in the cluster", () => {
    const diff: DiffResult = {
      warnings: [],
      documents: [
        {
          index: 0,
          ref: { kind: "GlobalNetworkPolicy", name: "a" },
          action: "update",
          liveResourceVersion: "41",
          liveYaml: "x",
          proposedYaml: "y",
          patch: "",
        },
        {
          index: 1,
          ref: { kind: "GlobalNetworkPolicy", name: "b" },
          action: "create",
          liveResourceVersion: null,
          liveYaml: null,
          proposedYaml: "y",
          patch: "",
        },
      ],
    };
    expect(reviewedVersions(diff)).toEqual([
      { ref: { kind: "GlobalNetworkPolicy", name: "a" }, resourceVersion: "41" },
      { ref: { kind: "GlobalNetworkPolicy", name: "b" }, resourceVersion: null },
    ]);
  });
});
