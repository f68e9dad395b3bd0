import { readFile } from "node:fs/promises";
import type { DiffResult, ErrorBody, PromotePreview, PromoteResult, StagedPolicyList } from "@palisade/contract";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { KubeError } from "../kube/http";
import { ObjectClient } from "../kube/objects";
import { type DemoHarness, startDemo } from "../testing/demo";

let demo: DemoHarness;
beforeAll(async () => {
  demo = await startDemo();
});
afterAll(async () => {
  await demo.close();
});

const headers = { "x-palisade-csrf": "1" };
const post = (path: string, payload: Record<string, unknown>) =>
  demo.app.inject({ method: "POST", url: `/api/v1/clusters/demo/${path}`, headers, payload });
const apply = async (yaml: string) => expect((await post("apply", { yaml })).statusCode).toBe(200);
const staged = async () =>
  (await demo.app.inject({ url: "/api/v1/clusters/demo/staged" })).json<StagedPolicyList>().items;
const live = (kind: string, name: string, namespace?: string) => demo.cluster.object(kind, namespace, name);
/** The last `n` audit records, as "action kind outcome". */
const lastAudited = async (n: number) =>
  (await readFile(demo.auditPath, "utf8"))
    .trim()
    .split("\n")
    .slice(-n)
    .map((l) => JSON.parse(l))
    .map((e) => `${e.action} ${e.object.kind} ${e.outcome}`);

const TRIAL = `apiVersion: projectcalico.org/v3
kind: StagedGlobalNetworkPolicy
metadata: { name: trial-deny-telnet, labels: { owner: net } }
spec:
  stagedAction: Set
  order: 900
  selector: ibm.role == 'worker_public'
  types: [Ingress]
  ingress: [{ action: Deny, protocol: TCP, destination: { ports: [23] } }]
`;

describe("staged policies", { timeout: 30_000 }, () => {
  it("lists a staged policy, previews its promotion and refuses a stale version, writing nothing", async () => {
    await apply(TRIAL);
    const item = (await staged()).find((s) => s.ref.name === "trial-deny-telnet");
    expect(item).toMatchObject({
      ref: { kind: "StagedGlobalNetworkPolicy", name: "trial-deny-telnet" },
      stagedAction: "Set",
      tier: "default",
      enforced: { kind: "GlobalNetworkPolicy", name: "trial-deny-telnet" },
      enforcedResourceVersion: null,
    });
    const preview = (
      await post("staged/preview", { kind: "StagedGlobalNetworkPolicy", name: "trial-deny-telnet" })
    ).json<PromotePreview>();
    expect(preview.action).toBe("Set");
    expect(preview.liveYaml).toBeNull();
    expect(preview.proposedYaml).toContain("kind: GlobalNetworkPolicy");
    expect(preview.proposedYaml).toContain("owner: net");
    expect(preview.proposedYaml).not.toContain("stagedAction");

    const stale = await post("staged/promote", {
      ref: item?.ref,
      resourceVersion: "1",
      enforcedResourceVersion: null,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<ErrorBody>().message).toMatch(/changed after you reviewed it/);
    expect(live("GlobalNetworkPolicy", "trial-deny-telnet")).toBeUndefined();
  });

  it("promotes Set: the enforced policy is written and audited, the staged one removed", async () => {
    const item = (await staged()).find((s) => s.ref.name === "trial-deny-telnet");
    const res = await post("staged/promote", {
      ref: item?.ref,
      resourceVersion: item?.resourceVersion,
      enforcedResourceVersion: null,
    });
    expect(res.statusCode).toBe(200);
    const result = res.json<PromoteResult>();
    expect(result.applied?.outcome).toBe("applied");
    expect(result.removed?.outcome).toBe("deleted");
    expect(live("GlobalNetworkPolicy", "trial-deny-telnet")?.spec?.order).toBe(900);
    expect(live("StagedGlobalNetworkPolicy", "trial-deny-telnet")).toBeUndefined();
    expect(await lastAudited(2)).toEqual([
      "create GlobalNetworkPolicy success",
      "delete StagedGlobalNetworkPolicy success",
    ]);
  });

  it("refuses to promote over an enforced policy the user did not see", async () => {
    await apply(TRIAL.replace("order: 900", "order: 901"));
    const item = (await staged()).find((s) => s.ref.name === "trial-deny-telnet");
    expect(item?.enforcedResourceVersion).not.toBeNull();
    const res = await post("staged/promote", {
      ref: item?.ref,
      resourceVersion: item?.resourceVersion,
      enforcedResourceVersion: null,
    });
    expect(res.statusCode).toBe(409);
    expect(live("GlobalNetworkPolicy", "trial-deny-telnet")?.spec?.order).toBe(900);
    expect(live("StagedGlobalNetworkPolicy", "trial-deny-telnet")).toBeDefined();
  });

  it("promotes Delete: the enforced policy of that name and the staged one are deleted together", async () => {
    await apply(`apiVersion: projectcalico.org/v3
kind: StagedGlobalNetworkPolicy
metadata: { name: trial-deny-telnet }
spec: { stagedAction: Delete }
`);
    const item = (await staged()).find((s) => s.ref.name === "trial-deny-telnet");
    expect(item?.stagedAction).toBe("Delete");
    const preview = (
      await post("staged/preview", { kind: "StagedGlobalNetworkPolicy", name: "trial-deny-telnet" })
    ).json<PromotePreview>();
    expect(preview).toMatchObject({ action: "Delete", proposedYaml: null });
    expect(preview.impact?.targets[0]?.exists).toBe(true);
    const res = await post("staged/promote", {
      ref: item?.ref,
      resourceVersion: item?.resourceVersion,
      enforcedResourceVersion: item?.enforcedResourceVersion,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<PromoteResult>().removed?.targets.map((t) => `${t.ref.kind} ${t.status}`)).toEqual([
      "GlobalNetworkPolicy deleted",
      "StagedGlobalNetworkPolicy deleted",
    ]);
    expect(live("GlobalNetworkPolicy", "trial-deny-telnet")).toBeUndefined();
    expect(live("StagedGlobalNetworkPolicy", "trial-deny-telnet")).toBeUndefined();
  });

  it("refuses a stagedAction with no enforced form, naming the field", async () => {
    await apply(`apiVersion: projectcalico.org/v3
kind: StagedNetworkPolicy
metadata: { name: learnt, namespace: default }
spec: { stagedAction: Learn, selector: all() }
`);
    const item = (await staged()).find((s) => s.ref.name === "learnt");
    expect(item?.unpromotable).toMatch(/Learn has no enforced form/);
    const res = await post("staged/promote", {
      ref: item?.ref,
      resourceVersion: item?.resourceVersion,
      enforcedResourceVersion: null,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().details?.[0]?.path).toBe("spec.stagedAction");
  });

  it("saves policies as staged instead of enforced (apply with asStaged), and refuses kinds with no staged form", async () => {
    const yaml = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: { name: try-me }
spec: { order: 950, selector: all(), types: [Ingress], ingress: [{ action: Deny, protocol: TCP, destination: { ports: [25] } }] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: try-k8s, namespace: default }
spec: { podSelector: {}, policyTypes: [Ingress] }
`;
    const diff = (await post("diff", { yaml, asStaged: true })).json<DiffResult>();
    expect(diff.documents.map((d) => `${d.ref.kind} ${d.action}`)).toEqual([
      "StagedGlobalNetworkPolicy create",
      "StagedKubernetesNetworkPolicy create",
    ]);
    expect((await post("apply", { yaml, asStaged: true })).statusCode).toBe(200);
    expect(live("StagedGlobalNetworkPolicy", "try-me")?.spec).toMatchObject({ stagedAction: "Set", order: 950 });
    expect(live("StagedKubernetesNetworkPolicy", "try-k8s", "default")).toBeDefined();
    expect(live("GlobalNetworkPolicy", "try-me")).toBeUndefined();
    expect(live("KubernetesNetworkPolicy", "try-k8s", "default")).toBeUndefined();

    const hep = `apiVersion: projectcalico.org/v3
kind: HostEndpoint
metadata: { name: h1 }
spec: { node: 10.176.48.106, interfaceName: eth9 }
`;
    const res = await post("apply", { yaml: `${yaml}---\n${hep}`, asStaged: true });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().details).toEqual([
      expect.objectContaining({
        path: "kind",
        document: 2,
        message: "HostEndpoint has no staged form; only policies can be saved as staged",
      }),
    ]);
    expect(live("HostEndpoint", "h1")).toBeUndefined();
  });

  it("promotes Set whose staged delete fails after its dry run: says the enforced policy was written and what is left", async () => {
    await apply(TRIAL.replace(/trial-deny-telnet/g, "trial-left-behind"));
    const item = (await staged()).find((s) => s.ref.name === "trial-left-behind");
    // The staged delete passes its dry run, then the real one is refused (the apiserver went away in between).
    const real = ObjectClient.prototype.delete;
    const spy = vi.spyOn(ObjectClient.prototype, "delete").mockImplementation(function (this: ObjectClient, ...args) {
      const [type, , , , options] = args;
      if (type.kind === "StagedGlobalNetworkPolicy" && options.dryRun !== true)
        return Promise.reject(new KubeError(503, "ServiceUnavailable", "etcd leader changed", undefined));
      return real.apply(this, args);
    });
    try {
      const res = await post("staged/promote", {
        ref: item?.ref,
        resourceVersion: item?.resourceVersion,
        enforcedResourceVersion: null,
      });
      expect(res.statusCode).toBeGreaterThanOrEqual(500);
      expect(res.json<ErrorBody>().message).toMatch(
        /^GlobalNetworkPolicy trial-left-behind was written, but removing StagedGlobalNetworkPolicy trial-left-behind failed: .*etcd leader changed.*; discard it from the staged list$/,
      );
    } finally {
      spy.mockRestore();
    }
    // What the server acknowledged stays, and the audit says both: the write and the refused delete.
    expect(await demo.cluster.settle(() => live("GlobalNetworkPolicy", "trial-left-behind") !== undefined)).toBe(true);
    expect(live("StagedGlobalNetworkPolicy", "trial-left-behind")).toBeDefined();
    expect(await lastAudited(2)).toEqual([
      "create GlobalNetworkPolicy success",
      "delete StagedGlobalNetworkPolicy failure",
    ]);
  });
});
