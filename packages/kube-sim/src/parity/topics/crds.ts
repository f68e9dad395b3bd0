import type { KubernetesObject } from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import { type Obj, type ParitySuite, ref } from "../context";
import { rawRequest } from "../raw";
import { failure, kubeConfigFor, type ParityTarget, uniqueName } from "../target";

/** CustomResourceDefinitions: schemas, defaults, printer columns and selectable fields. */
export function describeCrds(suite: ParitySuite): void {
  describe("custom resource definitions", () => {
    const { client } = suite;
    let target: ParityTarget;
    let ns: string;
    beforeAll(() => {
      ({ target, ns } = suite);
    });

    /** Retries `attempt` until it passes: a real server establishes a CRD and updates discovery asynchronously. */
    async function eventually<T>(attempt: () => Promise<T>): Promise<T> {
      for (let i = 0; ; i++) {
        try {
          return await attempt();
        } catch (e) {
          if (i >= 100) throw e;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    }

    it("serves a kind once its CRD is established, validates against its schema, and removes it with the CRD", async () => {
      const group = `${uniqueName("parity")}.example.com`;
      const crd = {
        apiVersion: "apiextensions.k8s.io/v1",
        kind: "CustomResourceDefinition",
        metadata: { name: `widgets.${group}` },
        spec: {
          group,
          scope: "Namespaced",
          names: {
            kind: "Widget",
            plural: "widgets",
            singular: "widget",
            listKind: "WidgetList",
            shortNames: ["wdg"],
          },
          versions: [
            {
              name: "v1",
              served: true,
              storage: true,
              schema: {
                openAPIV3Schema: {
                  type: "object",
                  properties: {
                    spec: {
                      type: "object",
                      required: ["size"],
                      properties: {
                        size: { type: "integer", minimum: 1 },
                        color: { type: "string", enum: ["red", "blue"], default: "red" },
                      },
                    },
                  },
                },
              },
            },
          ],
        },
      };
      const api = client("admin");
      // Raw JSON: client-node's typed serializer would drop the schema's `default` (it expects `_default`).
      const posted = await rawRequest(
        kubeConfigFor(target, "admin"),
        "POST",
        "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
        {
          body: JSON.stringify(crd),
          headers: { "content-type": "application/json" },
        },
      );
      expect(posted.status).toBe(201);
      try {
        const established = await eventually(async () => {
          const got = await api.read<
            KubernetesObject & { status?: { conditions?: { type: string; status: string }[] } }
          >(ref(crd as Obj));
          const ok = got.status?.conditions?.some((c) => c.type === "Established" && c.status === "True");
          if (!ok) throw new Error("not established yet");
          return got;
        });
        expect(established.metadata?.generation).toBe(1);
        const widget = {
          apiVersion: `${group}/v1`,
          kind: "Widget",
          metadata: { name: "w1", namespace: ns },
          spec: { size: 2 },
        };
        const created = await eventually(() => api.create<Obj>(widget));
        expect(created.spec).toEqual({ size: 2, color: "red" });
        const bad = await failure(
          api.create({
            ...widget,
            metadata: { name: "w2", namespace: ns },
            spec: { size: 0, color: "green" },
          } as Obj),
        );
        expect(bad.code).toBe(422);
        expect(bad.details?.causes?.map((c) => [c.reason, c.field]).sort()).toEqual([
          ["FieldValueInvalid", "spec.size"],
          ["FieldValueNotSupported", "spec.color"],
        ]);
        const discovery = await rawRequest(kubeConfigFor(target, "viewer"), "GET", `/apis/${group}/v1`);
        expect(discovery.json<{ resources: { name: string; shortNames?: string[] }[] }>().resources[0]).toMatchObject({
          name: "widgets",
          shortNames: ["wdg"],
        });
      } finally {
        await api.delete(crd as KubernetesObject);
      }
      await eventually(async () => {
        const res = await rawRequest(
          kubeConfigFor(target, "admin"),
          "GET",
          `/apis/${group}/v1/namespaces/${ns}/widgets`,
        );
        if (res.status !== 404) throw new Error(`still served: ${res.status}`);
      });
    });
  });
}
