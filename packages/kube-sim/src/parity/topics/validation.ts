import type { KubernetesObject } from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import { CALICO_GROUP } from "../../registry/calico-crds";
import type { ParitySuite } from "../context";
import { calicoObject } from "../fixtures";
import { failure, type ParityTarget, uniqueName } from "../target";

/** Validation errors: status, reason and causes as the API server words them. */
export function describeValidation(suite: ParitySuite): void {
  describe("validation errors", () => {
    const { client, gnpFixture } = suite;
    let target: ParityTarget;
    let ns: string;
    beforeAll(() => {
      ({ target, ns } = suite);
    });

    it("rejects an unknown rule action with 422 Invalid and the field path", async () => {
      const name = uniqueName("bad");
      const status = await failure(
        client("editor").create({
          ...calicoObject(target.storage, gnpFixture(), name, ns),
          spec: { ...gnpFixture().spec, ingress: [{ action: "Allow" }, { action: "Maybe" }] },
        }),
      );
      expect(status).toMatchObject({
        code: 422,
        reason: "Invalid",
        details: { name, group: CALICO_GROUP[target.storage].group, kind: "GlobalNetworkPolicy" },
      });
      expect(status.details?.causes).toContainEqual({
        reason: "FieldValueNotSupported",
        message: 'Unsupported value: "Maybe": supported values: "Allow", "Deny", "Log", "Pass"',
        field: "spec.ingress[1].action",
      });
    });

    it("rejects a rule without an action, naming the field", async () => {
      const status = await failure(
        client("editor").create({
          ...calicoObject(target.storage, gnpFixture(), uniqueName("noaction"), ns),
          spec: { egress: [{ protocol: "TCP" }] },
        }),
      );
      expect(status.code).toBe(422);
      expect(status.details?.causes?.map((c) => [c.reason, c.field])).toContainEqual([
        "FieldValueRequired",
        "spec.egress[0].action",
      ]);
    });

    it("rejects an invalid object name with the field metadata.name", async () => {
      const status = await failure(
        client("editor").create(calicoObject(target.storage, gnpFixture(), "Not_A_Name", ns)),
      );
      expect(status.code).toBe(422);
      expect(status.details?.causes?.map((c) => c.field)).toContain("metadata.name");
    });

    it("rejects an unsupported Kubernetes NetworkPolicy policyType with its index", async () => {
      const status = await failure(
        client("editor").create({
          apiVersion: "networking.k8s.io/v1",
          kind: "NetworkPolicy",
          metadata: { name: uniqueName("badnp"), namespace: ns },
          spec: { podSelector: {}, policyTypes: ["Sideways"] },
        } as KubernetesObject),
      );
      expect(status).toMatchObject({ code: 422, reason: "Invalid" });
      expect(status.details?.causes?.map((c) => [c.reason, c.field])).toContainEqual([
        "FieldValueNotSupported",
        "spec.policyTypes[0]",
      ]);
    });
  });
}
