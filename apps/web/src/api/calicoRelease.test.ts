import type { CalicoVersionInfo } from "@palisade/contract";
import { describe, expect, it } from "vitest";
import { releaseOf } from "./calicoRelease";

const info = (over: Partial<CalicoVersionInfo>): CalicoVersionInfo => ({
  version: null,
  source: "unknown",
  tieredPolicyNames: true,
  note: "",
  ...over,
});

describe("releaseOf", () => {
  it("is the reported release, else what the stored names tell, else nothing", () => {
    expect(releaseOf(info({ version: "v3.31.0", source: "ClusterInformation" }))).toMatchObject({
      oldest: { major: 3, minor: 31 },
      newest: { major: 3, minor: 31 },
    });
    expect(releaseOf(info({ source: "stored names", tieredPolicyNames: false }))).toEqual({
      oldest: { major: 3, minor: 32 },
    });
    expect(releaseOf(info({ source: "stored names", tieredPolicyNames: true }))).toEqual({
      newest: { major: 3, minor: 31 },
    });
    // Tiered names are only the fallback form here, not evidence of a release.
    expect(releaseOf(info({}))).toEqual({});
    expect(releaseOf(null)).toEqual({});
  });
});
