import { PatchStrategy, type V1NetworkPolicy } from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import { CALICO_GROUP } from "../../registry/calico-crds";
import { type Obj, type ParitySuite, ref } from "../context";
import { CALICO_FIXTURES, calicoObject } from "../fixtures";
import { rawRequest } from "../raw";
import { failure, kubeConfigFor, type ParityTarget, uniqueName } from "../target";

/** Create, read, update and delete on every Calico kind: metadata kept, conflicts and preconditions, dry run. */
export function describeCrud(suite: ParitySuite): void {
  describe("CRUD on every Calico kind", () => {
    const { client, calicoVersion, createGnp, clusterScoped } = suite;
    let target: ParityTarget;
    let ns: string;
    beforeAll(() => {
      ({ target, ns } = suite);
    });

    for (const f of CALICO_FIXTURES) {
      it(`${f.kind}: create, get, list, replace, merge-patch, delete with metadata maintained`, async () => {
        const api = client("editor");
        const name = uniqueName(f.kind.toLowerCase());
        const created = await api.create<Obj>(calicoObject(target.storage, f, name, ns));
        if (!f.namespaced) clusterScoped.push(created);
        expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
        expect(created.metadata?.generation).toBe(1);
        expect(created.metadata?.resourceVersion).toMatch(/^\d+$/);
        expect(String(created.metadata?.creationTimestamp)).not.toBe("");
        const got = await api.read<Obj>({
          apiVersion: calicoVersion(),
          kind: f.kind,
          metadata: { name, namespace: ns },
        });
        expect(got.metadata?.resourceVersion).toBe(created.metadata?.resourceVersion);
        const listed = await api.list<Obj>(
          calicoVersion(),
          f.kind,
          f.namespaced ? ns : undefined,
          undefined,
          undefined,
          undefined,
          `metadata.name=${name}`,
        );
        expect(listed.items.map((o) => o.metadata?.name)).toEqual([name]);
        const replaced = await api.replace<Obj>({ ...got, spec: structuredClone(f.changedSpec) });
        expect(replaced.metadata?.generation).toBe(2);
        expect(Number(replaced.metadata?.resourceVersion)).toBeGreaterThan(Number(got.metadata?.resourceVersion));
        const relabelled = await api.patch<Obj>(
          {
            apiVersion: calicoVersion(),
            kind: f.kind,
            metadata: { name, namespace: ns, labels: { touched: "yes" } },
          },
          undefined,
          undefined,
          undefined,
          undefined,
          PatchStrategy.MergePatch,
        );
        expect(relabelled.metadata?.labels).toEqual({ touched: "yes" });
        expect(relabelled.metadata?.generation).toBe(2);
        expect(relabelled.spec).toMatchObject(f.changedSpec);
        await api.delete(relabelled);
        const gone = await failure(
          api.read({ apiVersion: calicoVersion(), kind: f.kind, metadata: { name, namespace: ns } }),
        );
        expect(gone).toMatchObject({
          code: 404,
          reason: "NotFound",
          details: { name, group: CALICO_GROUP[target.storage].group, kind: f.plural },
        });
        expect(gone.message).toBe(`${f.plural}.${CALICO_GROUP[target.storage].group} "${name}" not found`);
      });
    }

    it("Kubernetes NetworkPolicy: defaults policyTypes, bumps generation on spec change only, strategic merge patch", async () => {
      const api = client("editor");
      const name = uniqueName("netpol");
      const created = await api.create<V1NetworkPolicy>({
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: { name, namespace: ns },
        spec: {
          podSelector: { matchLabels: { run: "nginx" } },
          ingress: [{ _from: [{ podSelector: { matchLabels: { run: "access" } } }] }],
        },
      } as V1NetworkPolicy);
      expect(created.spec?.policyTypes).toEqual(["Ingress"]);
      expect(created.metadata?.generation).toBe(1);
      const labelled = await api.patch<V1NetworkPolicy>(
        {
          apiVersion: "networking.k8s.io/v1",
          kind: "NetworkPolicy",
          metadata: { name, namespace: ns, labels: { a: "b" } },
        },
        undefined,
        undefined,
        undefined,
        undefined,
        PatchStrategy.StrategicMergePatch,
      );
      expect(labelled.metadata?.generation).toBe(1);
      expect(labelled.metadata?.labels).toEqual({ a: "b" });
      const changed = await api.patch<V1NetworkPolicy>(
        {
          apiVersion: "networking.k8s.io/v1",
          kind: "NetworkPolicy",
          metadata: { name, namespace: ns },
          spec: { podSelector: { matchLabels: { run: "web" } } },
        } as V1NetworkPolicy,
        undefined,
        undefined,
        undefined,
        undefined,
        PatchStrategy.StrategicMergePatch,
      );
      expect(changed.metadata?.generation).toBe(2);
      expect(changed.spec?.podSelector?.matchLabels).toEqual({ run: "web" });
      expect(changed.spec?.ingress?.length).toBe(1);
      await api.delete(changed);
    });

    it("JSON patch with a failing test op is rejected and changes nothing", async () => {
      const created = await createGnp(uniqueName("jsonpatch"));
      const res = await rawRequest(
        kubeConfigFor(target, "editor"),
        "PATCH",
        `/apis/${calicoVersion()}/globalnetworkpolicies/${created.metadata?.name}`,
        {
          body: JSON.stringify([
            { op: "test", path: "/spec/order", value: 999 },
            { op: "replace", path: "/spec/order", value: 1 },
          ]),
          headers: { "content-type": "application/json-patch+json" },
        },
      );
      expect(res.status).toBe(422);
      const after = await client().read<Obj>(ref(created));
      expect(after.spec?.order).toBe(100);
      expect(after.metadata?.resourceVersion).toBe(created.metadata?.resourceVersion);
    });
  });

  describe("conflicts and preconditions", () => {
    const { client, gnpFixture, createGnp } = suite;
    let target: ParityTarget;
    let ns: string;
    beforeAll(() => {
      ({ target, ns } = suite);
    });

    it("rejects a replace with a stale resourceVersion with 409 Conflict", async () => {
      const created = await createGnp(uniqueName("stale"));
      await client().replace<Obj>({ ...created, spec: { ...gnpFixture().changedSpec } });
      const status = await failure(
        client("editor").replace<Obj>({ ...created, spec: { ...gnpFixture().spec, order: 7 } }),
      );
      const group = CALICO_GROUP[target.storage].group;
      expect(status).toMatchObject({
        code: 409,
        reason: "Conflict",
        details: { name: created.metadata?.name, group, kind: "globalnetworkpolicies" },
      });
      expect(status.message).toBe(
        `Operation cannot be fulfilled on globalnetworkpolicies.${group} "${created.metadata?.name}": the object has been modified; please apply your changes to the latest version and try again`,
      );
    });

    it("rejects creating an existing name with 409 AlreadyExists", async () => {
      const created = await createGnp(uniqueName("dup"));
      const status = await failure(
        client().create(calicoObject(target.storage, gnpFixture(), created.metadata?.name ?? "", ns)),
      );
      expect(status).toMatchObject({ code: 409, reason: "AlreadyExists" });
      expect(status.message).toBe(
        `globalnetworkpolicies.${CALICO_GROUP[target.storage].group} "${created.metadata?.name}" already exists`,
      );
    });

    it("honours delete preconditions on resourceVersion and uid, naming the kind", async () => {
      const created = await createGnp(uniqueName("precond"));
      const name = created.metadata?.name ?? "";
      const uid = created.metadata?.uid ?? "";
      const rv = created.metadata?.resourceVersion ?? "";
      const group = CALICO_GROUP[target.storage].group;
      const withPreconditions = (preconditions: { uid?: string; resourceVersion?: string }) =>
        client().delete(created, undefined, undefined, undefined, undefined, undefined, { preconditions });
      const stale = await failure(withPreconditions({ resourceVersion: "1" }));
      expect(stale).toMatchObject({
        code: 409,
        reason: "Conflict",
        details: { name, group, kind: "GlobalNetworkPolicy" },
      });
      expect(stale.message).toBe(
        `Operation cannot be fulfilled on GlobalNetworkPolicy.${group} "${name}": the ResourceVersion in the precondition (1) does not match the ResourceVersion in record (${rv}). The object might have been modified`,
      );
      const zero = "00000000-0000-0000-0000-000000000000";
      const wrongUid = await failure(withPreconditions({ uid: zero }));
      expect(wrongUid.message).toBe(
        `Operation cannot be fulfilled on GlobalNetworkPolicy.${group} "${name}": the UID in the precondition (${zero}) does not match the UID in record (${uid}). The object might have been deleted and then recreated`,
      );
      const deleted = await withPreconditions({ uid, resourceVersion: rv });
      expect(deleted).toMatchObject({
        kind: "Status",
        status: "Success",
        details: { name, group, kind: "globalnetworkpolicies", uid },
      });
      expect((await failure(client().read(ref(created)))).code).toBe(404);
    });
  });

  describe("dry run", () => {
    const { client, gnpFixture, createGnp } = suite;
    let target: ParityTarget;
    let ns: string;
    beforeAll(() => {
      ({ target, ns } = suite);
    });

    it("validates and answers a create without storing it", async () => {
      const name = uniqueName("dry");
      const answer = await client("editor").create<Obj>(
        calicoObject(target.storage, gnpFixture(), name, ns),
        undefined,
        "All",
      );
      expect(answer.metadata?.name).toBe(name);
      expect(answer.metadata?.uid).toBeTruthy();
      expect((await failure(client().read(ref(answer)))).code).toBe(404);
      const invalid = await failure(
        client("editor").create(
          {
            ...calicoObject(target.storage, gnpFixture(), uniqueName("dry"), ns),
            spec: { ingress: [{ action: "Maybe" }] },
          },
          undefined,
          "All",
        ),
      );
      expect(invalid.code).toBe(422);
    });

    it("answers a replace and a delete without applying them", async () => {
      const created = await createGnp(uniqueName("dryupd"));
      const answer = await client("editor").replace<Obj>(
        { ...created, spec: { ...gnpFixture().changedSpec } },
        undefined,
        "All",
      );
      expect(answer.spec?.order).toBe(200);
      await client("editor").delete(created, undefined, "All");
      const after = await client().read<Obj>(ref(created));
      expect(after.spec?.order).toBe(100);
      expect(after.metadata?.resourceVersion).toBe(created.metadata?.resourceVersion);
    });
  });
}
