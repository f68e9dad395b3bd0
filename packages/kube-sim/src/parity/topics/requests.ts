import { AuthorizationV1Api, CoreV1Api, type KubernetesObject } from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import { CALICO_GROUP } from "../../registry/calico-crds";
import type { Obj, ParitySuite } from "../context";
import { CALICO_FIXTURES, calicoObject } from "../fixtures";
import { rawRequest } from "../raw";
import { failure, kubeConfigFor, type ParityTarget, uniqueName } from "../target";

/** Request semantics: patches, collections, content types and status responses. */
export function describeRequests(suite: ParitySuite): void {
  describe("request semantics", () => {
    const { client, calicoVersion, gnpFixture, createGnp, clusterScoped } = suite;
    let target: ParityTarget;
    let ns: string;
    beforeAll(() => {
      ({ target, ns } = suite);
    });

    const group = () => CALICO_GROUP[target.storage].group;

    it("words a 422 as the API server does, one line per cause", async () => {
      const name = uniqueName("msg");
      const status = await failure(
        client("editor").create({
          ...calicoObject(target.storage, gnpFixture(), name, ns),
          spec: { ingress: [{ action: "Maybe" }] },
        }),
      );
      expect(status.message).toBe(
        `GlobalNetworkPolicy.${group()} "${name}" is invalid: [spec.ingress[0].action: Unsupported value: "Maybe": supported values: "Allow", "Deny", "Log", "Pass", <nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation]`,
      );
    });

    it("rejects a wrongly typed field with the schema's wording", async () => {
      const status = await failure(
        client("editor").create({
          ...calicoObject(target.storage, gnpFixture(), uniqueName("typed"), ns),
          spec: { ...gnpFixture().spec, order: "high" },
        }),
      );
      expect(status.code).toBe(422);
      expect(status.details?.causes).toContainEqual({
        reason: "FieldValueTypeInvalid",
        message: 'Invalid value: "string": spec.order in body must be of type number: "string"',
        field: "spec.order",
      });
    });

    it("prunes fields the schema does not declare", async () => {
      const created = await createGnp(uniqueName("pruned"));
      const replaced = await client().replace<Obj>({ ...created, spec: { ...gnpFixture().spec, bogus: "x" } });
      expect(replaced.spec).not.toHaveProperty("bogus");
      expect(replaced.metadata?.resourceVersion).toBe(created.metadata?.resourceVersion);
    });

    it("rejects undeclared fields under fieldValidation=Strict and warns about them by default", async () => {
      const kc = kubeConfigFor(target, "editor");
      const body = JSON.stringify({
        ...calicoObject(target.storage, gnpFixture(), uniqueName("strict"), ns),
        spec: { bogus: 1, ingress: [{ action: "Allow", what: 2 }] },
      });
      const path = `/apis/${calicoVersion()}/globalnetworkpolicies`;
      const headers = { "content-type": "application/json" };
      const strict = await rawRequest(kc, "POST", `${path}?fieldValidation=Strict`, { body, headers });
      expect(strict.status).toBe(400);
      expect(strict.json()).toMatchObject({
        reason: "BadRequest",
        message: `GlobalNetworkPolicy in version "${CALICO_GROUP[target.storage].version}" cannot be handled as a GlobalNetworkPolicy: strict decoding error: unknown field "spec.bogus", unknown field "spec.ingress[0].what"`,
      });
      const warned = await rawRequest(kc, "POST", `${path}?dryRun=All`, { body, headers });
      expect(warned.status).toBe(201);
      expect(warned.warnings).toEqual([
        '299 - "unknown field \\"spec.bogus\\""',
        '299 - "unknown field \\"spec.ingress[0].what\\""',
      ]);
    });

    it("requires a resourceVersion to replace a custom resource", async () => {
      const created = await createGnp(uniqueName("norv"));
      const { resourceVersion: _, ...meta } = created.metadata ?? {};
      const status = await failure(client().replace({ ...created, metadata: meta }));
      expect(status).toMatchObject({ code: 422, reason: "Invalid" });
      expect(status.details?.causes).toContainEqual({
        reason: "FieldValueInvalid",
        message: "Invalid value: 0: must be specified for an update",
        field: "metadata.resourceVersion",
      });
    });

    it("treats a resourceVersion inside a merge patch as a precondition", async () => {
      const created = await createGnp(uniqueName("patchrv"));
      const res = await rawRequest(
        kubeConfigFor(target, "editor"),
        "PATCH",
        `/apis/${calicoVersion()}/globalnetworkpolicies/${created.metadata?.name}`,
        {
          body: JSON.stringify({ metadata: { resourceVersion: "1" }, spec: { order: 5 } }),
          headers: { "content-type": "application/merge-patch+json" },
        },
      );
      expect(res.status).toBe(409);
      expect(res.json()).toMatchObject({ reason: "Conflict" });
    });

    it("deletes a label-selected collection and answers with what it deleted", async () => {
      const run = uniqueName("coll");
      for (const i of [0, 1, 2]) await createGnp(`${run}-${i}`, { "parity-coll": run, keep: i === 2 ? "yes" : "no" });
      const res = await rawRequest(
        kubeConfigFor(target, "editor"),
        "DELETE",
        `/apis/${calicoVersion()}/globalnetworkpolicies?labelSelector=${encodeURIComponent(`parity-coll=${run},keep=no`)}`,
      );
      expect(res.status).toBe(200);
      const deleted = res.json<{ kind: string; items: Obj[] }>();
      expect(deleted.kind).toBe("GlobalNetworkPolicyList");
      expect(deleted.items.map((o) => o.metadata?.name).sort()).toEqual([`${run}-0`, `${run}-1`]);
      const left = await client("viewer").list<Obj>(
        calicoVersion(),
        "GlobalNetworkPolicy",
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        `parity-coll=${run}`,
      );
      expect(left.items.map((o) => o.metadata?.name)).toEqual([`${run}-2`]);
    });

    it("creates and then merges with server-side apply", async () => {
      const name = uniqueName("ssa");
      const kc = kubeConfigFor(target, "editor");
      const url = `/apis/${calicoVersion()}/globalnetworkpolicies/${name}?fieldManager=parity`;
      const applied = { ...calicoObject(target.storage, gnpFixture(), name, ns, { a: "1" }) };
      const headers = { "content-type": "application/apply-patch+yaml" };
      const first = await rawRequest(kc, "PATCH", url, { body: JSON.stringify(applied), headers });
      expect(first.status).toBe(201);
      clusterScoped.push(first.json<Obj>());
      const second = await rawRequest(kc, "PATCH", url, {
        body: JSON.stringify({ ...applied, spec: { ...applied.spec, order: 300 } }),
        headers,
      });
      expect(second.status).toBe(200);
      expect(second.json<Obj>().spec?.order).toBe(300);
      expect(second.json<Obj>().metadata?.generation).toBe(2);
      const noManager = await rawRequest(kc, "PATCH", url.replace("?fieldManager=parity", ""), {
        body: JSON.stringify(applied),
        headers,
      });
      expect(noManager.status).toBe(422);
    });

    it("generates names from generateName", async () => {
      const created = await client().create<Obj>({
        ...calicoObject(target.storage, gnpFixture(), "", ns),
        metadata: { generateName: "parity-gen-" },
      });
      clusterScoped.push(created);
      expect(created.metadata?.name).toMatch(/^parity-gen-[a-z0-9]{5}$/);
    });

    it("refuses objects in a namespace that does not exist", async () => {
      const missing = uniqueName("nowhere");
      const status = await failure(
        client().create({
          apiVersion: "networking.k8s.io/v1",
          kind: "NetworkPolicy",
          metadata: { name: "x", namespace: missing },
          spec: { podSelector: {} },
        } as KubernetesObject),
      );
      expect(status).toMatchObject({ code: 404, reason: "NotFound", details: { name: missing, kind: "namespaces" } });
      expect(status.message).toBe(`namespaces "${missing}" not found`);
    });

    it("answers paths nothing serves with a plain-text 404", async () => {
      for (const path of [`/apis/${calicoVersion()}/nosuchthings`, "/apis/nosuch.example.com/v1/things", "/foo"]) {
        const res = await rawRequest(kubeConfigFor(target, "admin"), "GET", path);
        expect([res.status, res.contentType, res.text.trim()], path).toEqual([
          404,
          "text/plain; charset=utf-8",
          "404 page not found",
        ]);
      }
      for (const path of [
        "/api/v1/nosuchthings",
        "/api/v9/pods",
        "/api/v1/pods/x",
        "/api/v1/namespaces/default/networkpolicies",
      ]) {
        const res = await rawRequest(kubeConfigFor(target, "admin"), "GET", path);
        expect([res.status, res.json()], path).toEqual([
          404,
          {
            kind: "Status",
            apiVersion: "v1",
            metadata: {},
            status: "Failure",
            message: "the server could not find the requested resource",
            reason: "NotFound",
            details: {},
            code: 404,
          },
        ]);
      }
    });

    it("leaves the core group out of Status details", async () => {
      const status = await failure(
        kubeConfigFor(target, "viewer")
          .makeApiClient(CoreV1Api)
          .readNamespace({ name: uniqueName("absent") }),
      );
      expect(status.details).not.toHaveProperty("group");
      expect(status.details?.kind).toBe("namespaces");
    });

    it("keeps a Tier's status out of reach of create (a status subresource in v3, no status field in v1)", async () => {
      const tierFixture = CALICO_FIXTURES.find((f) => f.kind === "Tier");
      if (tierFixture === undefined) throw new Error("parity: no Tier fixture");
      const tier = await client().create<Obj & { status?: unknown }>({
        ...calicoObject(target.storage, tierFixture, uniqueName("tier"), ns),
        status: { conditions: [] },
      } as Obj);
      clusterScoped.push(tier);
      expect(tier.status).toBeUndefined();
    });

    it("answers a dry-run create without a resourceVersion", async () => {
      const answer = await client("editor").create<Obj>(
        calicoObject(target.storage, gnpFixture(), uniqueName("dryrv"), ns),
        undefined,
        "All",
      );
      expect(answer.metadata?.resourceVersion ?? "").toBe("");
      expect(answer.metadata?.generation).toBe(1);
    });

    it("explains RBAC decisions in access reviews as the RBAC authorizer words them", async () => {
      const review = await kubeConfigFor(target, "editor")
        .makeApiClient(AuthorizationV1Api)
        .createSelfSubjectAccessReview({
          body: {
            spec: { resourceAttributes: { group: group(), resource: "globalnetworkpolicies", verb: "create" } },
          },
        });
      expect(review.status).toEqual({
        allowed: true,
        reason:
          'RBAC: allowed by ClusterRoleBinding "palisade-editor" of ClusterRole "palisade-editor" to User "editor"',
      });
    });
  });
}
