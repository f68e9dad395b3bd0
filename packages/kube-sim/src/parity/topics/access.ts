import { AuthorizationV1Api, CoreV1Api, type KubernetesObject } from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import type { RoleName } from "../../auth/roles";
import { CALICO_GROUP } from "../../registry/calico-crds";
import type { ParitySuite } from "../context";
import { calicoObject } from "../fixtures";
import { rawRequest } from "../raw";
import { failure, kubeConfigFor, type ParityTarget, uniqueName } from "../target";

/** Authentication and authorization: tokens, roles, 401/403 wording and access reviews. */
export function describeAccess(suite: ParitySuite): void {
  describe("authentication and authorization", () => {
    const { client, calicoVersion, gnpFixture, createGnp } = suite;
    let target: ParityTarget;
    let ns: string;
    beforeAll(() => {
      ({ target, ns } = suite);
    });

    it("answers an unknown token with 401 Unauthorized", async () => {
      const kc = kubeConfigFor({ ...target, tokens: { ...target.tokens, viewer: "not-a-token" } }, "viewer");
      const res = await rawRequest(kc, "GET", `/apis/${calicoVersion()}/globalnetworkpolicies`);
      expect(res.status).toBe(401);
      expect(res.json()).toMatchObject({
        kind: "Status",
        code: 401,
        reason: "Unauthorized",
        message: "Unauthorized",
      });
    });

    it("lets the viewer read but not write, with the API server's 403 wording", async () => {
      const group = CALICO_GROUP[target.storage].group;
      await client("viewer").list(calicoVersion(), "GlobalNetworkPolicy");
      const name = uniqueName("forbidden");
      const create = await failure(client("viewer").create(calicoObject(target.storage, gnpFixture(), name, ns)));
      expect(create).toMatchObject({
        code: 403,
        reason: "Forbidden",
        details: { group, kind: "globalnetworkpolicies" },
      });
      expect(create.message).toBe(
        `globalnetworkpolicies.${group} is forbidden: User "viewer" cannot create resource "globalnetworkpolicies" in API group "${group}" at the cluster scope`,
      );
      const existing = await createGnp(uniqueName("keep"));
      const del = await failure(client("viewer").delete(existing));
      expect(del.message).toBe(
        `globalnetworkpolicies.${group} "${existing.metadata?.name}" is forbidden: User "viewer" cannot delete resource "globalnetworkpolicies" in API group "${group}" at the cluster scope`,
      );
      const npCreate = await failure(
        client("viewer").create({
          apiVersion: "networking.k8s.io/v1",
          kind: "NetworkPolicy",
          metadata: { name: "x", namespace: ns },
          spec: { podSelector: {} },
        } as KubernetesObject),
      );
      expect(npCreate.message).toBe(
        `networkpolicies.networking.k8s.io is forbidden: User "viewer" cannot create resource "networkpolicies" in API group "networking.k8s.io" in the namespace "${ns}"`,
      );
    });

    it("lets the editor change policy but not namespaces", async () => {
      const status = await failure(
        kubeConfigFor(target, "editor")
          .makeApiClient(CoreV1Api)
          .createNamespace({ body: { metadata: { name: uniqueName("nope") } } }),
      );
      expect(status.message).toMatch(
        /^namespaces is forbidden: User "editor" cannot create resource "namespaces" in API group "" at the cluster scope$/,
      );
    });

    it("answers SelfSubjectAccessReviews per role", async () => {
      const group = CALICO_GROUP[target.storage].group;
      const ask = async (user: RoleName, verb: string) =>
        (
          await kubeConfigFor(target, user)
            .makeApiClient(AuthorizationV1Api)
            .createSelfSubjectAccessReview({
              body: { spec: { resourceAttributes: { group, resource: "globalnetworkpolicies", verb } } },
            })
        ).status?.allowed;
      expect(await ask("viewer", "list")).toBe(true);
      expect(await ask("viewer", "create")).toBe(false);
      expect(await ask("editor", "create")).toBe(true);
      expect(await ask("admin", "delete")).toBe(true);
    });

    it("answers SelfSubjectRulesReviews with the role's rules", async () => {
      const review = await kubeConfigFor(target, "viewer")
        .makeApiClient(AuthorizationV1Api)
        .createSelfSubjectRulesReview({ body: { spec: { namespace: ns } } });
      const group = CALICO_GROUP[target.storage].group;
      const calico = review.status?.resourceRules.find((r) => r.apiGroups?.includes(group));
      expect([...(calico?.verbs ?? [])].sort()).toEqual(["get", "list", "watch"]);
      expect(review.status?.incomplete).toBe(false);
    });

    it("impersonates for a user allowed to (system:masters), with the impersonated user's role", async () => {
      const path = `/apis/${calicoVersion()}/globalnetworkpolicies`;
      const as = (headers: Record<string, string>, role: RoleName = "admin") =>
        rawRequest(kubeConfigFor(target, role), "GET", path, { headers });
      expect((await as({ "Impersonate-User": "viewer" })).status).toBe(200);
      const stranger = await as({ "Impersonate-User": "stranger", "Impersonate-Group": "nobody" });
      expect(stranger.status).toBe(403);
      expect(stranger.json<{ message: string }>().message).toMatch(
        /^globalnetworkpolicies\.\S+ is forbidden: User "stranger" cannot list resource "globalnetworkpolicies"/,
      );
      const master = await as({ "Impersonate-User": "stranger", "Impersonate-Group": "system:masters" });
      expect(master.status).toBe(200);
      const refused = await as({ "Impersonate-User": "admin" }, "viewer");
      expect(refused.status).toBe(403);
      expect(refused.json<{ message: string }>().message).toBe(
        'users "admin" is forbidden: User "viewer" cannot impersonate resource "users" in API group "" at the cluster scope',
      );
    });
  });
}
