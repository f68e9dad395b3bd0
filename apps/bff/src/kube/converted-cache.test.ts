import { describe, expect, it } from "vitest";
import { ConvertedCache } from "./converted-cache";
import type { KubeObject } from "./resources";

const gnp = (name: string, uid = name): KubeObject => ({
  apiVersion: "projectcalico.org/v3",
  kind: "GlobalNetworkPolicy",
  metadata: { name, uid },
});

// Classic storage: policies in the default tier are stored as `default.<name>`.
const cache = () => new ConvertedCache({ storedName: (_kind, name) => `default.${name}` });

describe("ConvertedCache", () => {
  it("keeps both copies of a name and answers with the one Calico's client addresses", () => {
    const c = cache();
    c.record("added", gnp("x", "plain"), gnp("x", "plain"));
    const { change } = c.record("added", gnp("x", "prefixed"), gnp("default.x", "prefixed"));
    expect(change.object.metadata.uid).toBe("prefixed");
    expect(c.users()).toHaveLength(1);
    expect(c.duplicates()).toHaveLength(1);
    expect(c.copies("x")).toHaveLength(2);
  });

  it("reports a deleted copy as a change to the copy left, and the last one as a deletion", () => {
    const c = cache();
    c.record("added", gnp("x", "plain"), gnp("x", "plain"));
    c.record("added", gnp("x", "prefixed"), gnp("default.x", "prefixed"));
    const first = c.record("deleted", gnp("x", "prefixed"), gnp("default.x", "prefixed"));
    expect(first.change).toMatchObject({ action: "modified", object: { metadata: { uid: "plain" } } });
    const last = c.record("deleted", gnp("x", "plain"), gnp("x", "plain"));
    expect(last.change).toMatchObject({ action: "deleted", object: { metadata: { uid: "plain" } } });
    expect(c.users()).toEqual([]);
  });

  it("reports the name a stored object leaves when it comes to stand for another", () => {
    const c = cache();
    c.record("added", gnp("old", "cr"), gnp("cr"));
    const { change, left } = c.record("modified", gnp("new", "cr"), gnp("cr"));
    expect(left).toMatchObject({ action: "deleted", object: { metadata: { name: "old" } } });
    expect(change).toMatchObject({ action: "modified", object: { metadata: { name: "new" } } });
    expect(c.users().map((o) => o.metadata.name)).toEqual(["new"]);
  });
});
