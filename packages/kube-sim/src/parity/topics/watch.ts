import { makeInformer, PatchStrategy } from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import type { Obj, ParitySuite } from "../context";
import { kubeConfigFor, type ParityTarget, uniqueName } from "../target";
import { collectWatch, type SeenEvent } from "../watch";

/** Watches: events, bookmarks and resuming. */
export function describeWatch(suite: ParitySuite): void {
  describe("watch", () => {
    const { client, calicoVersion, gnpFixture, createGnp } = suite;
    let target: ParityTarget;
    beforeAll(() => {
      ({ target } = suite);
    });

    const path = () => `/apis/${calicoVersion()}/globalnetworkpolicies`;

    it("streams ADDED, MODIFIED and DELETED after the listed resourceVersion, and resumes from any of them", async () => {
      const kc = kubeConfigFor(target, "viewer");
      const name = uniqueName("watched");
      const listRv =
        (await client("viewer").list(calicoVersion(), "GlobalNetworkPolicy")).metadata?.resourceVersion ?? "";
      const mine = (events: readonly SeenEvent[]) => events.filter((e) => e.object.metadata?.name === name);
      const events = await collectWatch(
        kc,
        path(),
        { resourceVersion: listRv, allowWatchBookmarks: true },
        (es) => mine(es).length >= 3,
        async () => {
          const created = await createGnp(name);
          await client().replace<Obj>({ ...created, spec: { ...gnpFixture().changedSpec } });
          await client().delete(created);
        },
      );
      const seen = mine(events);
      expect(seen.map((e) => e.type)).toEqual(["ADDED", "MODIFIED", "DELETED"]);
      const rvs = seen.map((e) => Number(e.object.metadata?.resourceVersion));
      expect(rvs[0]).toBeLessThan(rvs[1] ?? 0);
      expect(rvs[1]).toBeLessThan(rvs[2] ?? 0);
      const resumed = await collectWatch(kc, path(), { resourceVersion: String(rvs[0]) }, (es) => mine(es).length >= 2);
      expect(mine(resumed).map((e) => e.type)).toEqual(["MODIFIED", "DELETED"]);
    });

    it("starts with the current state as ADDED events when no resourceVersion is given", async () => {
      const name = uniqueName("initial");
      await createGnp(name);
      const events = await collectWatch(
        kubeConfigFor(target, "viewer"),
        path(),
        { fieldSelector: `metadata.name=${name}` },
        (es) => es.length >= 1,
      );
      expect(events.map((e) => [e.type, e.object.metadata?.name])).toEqual([["ADDED", name]]);
    });

    it("answers a too old resourceVersion with an ERROR event carrying 410 Expired", async () => {
      const events = await collectWatch(
        kubeConfigFor(target, "viewer"),
        path(),
        { resourceVersion: "1" },
        (es) => es.length >= 1,
      );
      expect(events[0]?.type).toBe("ERROR");
      expect(events[0]?.object).toMatchObject({ kind: "Status", code: 410, reason: "Expired" });
      expect(events[0]?.object.message).toMatch(/^too old resource version: 1 \(\d+\)$/);
    });

    it("turns a change that leaves a label selection into DELETED, and one that enters it into ADDED", async () => {
      const run = uniqueName("sel");
      const kc = kubeConfigFor(target, "viewer");
      const listRv =
        (await client("viewer").list(calicoVersion(), "GlobalNetworkPolicy")).metadata?.resourceVersion ?? "";
      const name = `${run}-x`;
      let leftAt = "";
      const events = await collectWatch(
        kc,
        path(),
        { resourceVersion: listRv, labelSelector: `parity-sel=${run}` },
        (es) => es.length >= 3,
        async () => {
          const created = await createGnp(name, { "parity-sel": run });
          const out = await client().patch<Obj>(
            {
              apiVersion: calicoVersion(),
              kind: "GlobalNetworkPolicy",
              metadata: { name, labels: { "parity-sel": "elsewhere" } },
            },
            undefined,
            undefined,
            undefined,
            undefined,
            PatchStrategy.MergePatch,
          );
          await client().patch<Obj>(
            {
              apiVersion: calicoVersion(),
              kind: "GlobalNetworkPolicy",
              metadata: { name, labels: { "parity-sel": run } },
            },
            undefined,
            undefined,
            undefined,
            undefined,
            PatchStrategy.MergePatch,
          );
          expect(Number(out.metadata?.resourceVersion)).toBeGreaterThan(Number(created.metadata?.resourceVersion));
          leftAt = out.metadata?.resourceVersion ?? "";
        },
      );
      expect(events.map((e) => e.type)).toEqual(["ADDED", "DELETED", "ADDED"]);
      // The DELETED event carries the object as it last matched, at the resourceVersion of the change.
      expect(events[1]?.object.metadata?.labels).toEqual({ "parity-sel": run });
      expect(events[1]?.object.metadata?.resourceVersion).toBe(leftAt);
    });

    it("sends bookmarks only with their resourceVersion when asked for them", async () => {
      const events = await collectWatch(
        kubeConfigFor(target, "viewer"),
        path(),
        {
          sendInitialEvents: true,
          resourceVersionMatch: "NotOlderThan",
          allowWatchBookmarks: true,
          labelSelector: "parity-none=1",
        },
        (es) => es.some((e) => e.type === "BOOKMARK"),
      );
      const mark = events.find((e) => e.type === "BOOKMARK");
      expect(mark?.object.metadata?.resourceVersion).toMatch(/^\d+$/);
      expect(mark?.object.metadata?.annotations).toEqual({ "k8s.io/initial-events-end": "true" });
      expect(mark?.object.kind).toBe("GlobalNetworkPolicy");
    });

    it("keeps a client-node informer in sync", async () => {
      const kc = kubeConfigFor(target, "viewer");
      const api = client("viewer");
      const run = uniqueName("inf");
      const informer = makeInformer<Obj>(
        kc,
        path(),
        () =>
          api.list<Obj>(
            calicoVersion(),
            "GlobalNetworkPolicy",
            undefined,
            undefined,
            undefined,
            undefined,
            undefined,
            `parity-inf=${run}`,
          ),
        `parity-inf=${run}`,
      );
      const added = new Promise<string>((resolve) => informer.on("add", (o) => resolve(o.metadata?.name ?? "")));
      await informer.start();
      const name = `${run}-a`;
      await createGnp(name, { "parity-inf": run });
      expect(await added).toBe(name);
      expect(informer.list().map((o) => o.metadata?.name)).toEqual([name]);
      await informer.stop();
    });
  });
}
