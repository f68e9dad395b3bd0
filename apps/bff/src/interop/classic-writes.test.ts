import type {
  ApplyResult,
  AuditList,
  ClusterSummary,
  DeleteImpact,
  DeleteResult,
  DiffResult,
  DuplicateList,
  ErrorBody,
  PolicyList,
  ValidateResult,
} from "@palisade/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERVER_IDENTITY } from "../kube/http";
import { ObjectClient } from "../kube/objects";
import { type KubeObject, typeOf } from "../kube/resources";
import { type DemoHarness, startDemo } from "../testing/demo";
import { oneLineEditDiff } from "../testing/edits";

const CSRF = { "x-palisade-csrf": "1" };

const INTEROP_A = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: interop-a
  labels: { team: net }
spec:
  order: 1200
  selector: ibm.role == 'worker_public'
  ingress:
    - action: Allow
      protocol: TCP
      destination:
        ports: ["8443"]
`;

/** The demo cluster on classic v1 storage, with an IBM classic cluster's ClusterInformation (Calico v3.31.0). */
describe("writes on a Calico v3.31 cluster with classic storage", () => {
  let demo: DemoHarness;
  const post = (path: string, payload: Record<string, unknown>) =>
    demo.app.inject({ method: "POST", url: `/api/v1/clusters/demo/${path}`, headers: CSRF, payload });
  const stored = (plural: string, name: string) =>
    demo.cluster.client?.request<KubeObject>("GET", `/apis/crd.projectcalico.org/v1/${plural}/${name}`);
  beforeAll(async () => {
    demo = await startDemo({}, { storage: "v1" });
  });
  afterAll(async () => {
    await demo.close();
  });

  it("knows the Calico version from ClusterInformation and says so in the cluster summary", async () => {
    const res = await demo.app.inject({ method: "GET", url: "/api/v1/clusters/demo" });
    expect(res.json<ClusterSummary>().calico).toEqual({
      version: "v3.31.0",
      source: "ClusterInformation",
      tieredPolicyNames: true,
      note: expect.stringMatching(/^Calico v3\.31\.0, from ClusterInformation default: policies are stored as <tier>/),
    });
  });

  it("shows a one-line edit as one changed line: defaults and key order are not changes", async () => {
    const live = demo.cluster.object("GlobalNetworkPolicy", undefined, "allow-bigfix-port");
    const { action, changed, expected } = await oneLineEditDiff(post, live);
    expect(action).toBe("update");
    expect(changed).toEqual(expected);
  });

  it("addresses a policy it has just written by its stored name before the watch reports it (rollback, read-back)", async () => {
    const gnp = typeOf("GlobalNetworkPolicy");
    if (gnp === undefined) throw new Error("GlobalNetworkPolicy is not a cached type");
    expect(demo.cluster.storedObject(gnp.resource, undefined, "not-seen-yet")).toBeUndefined();
    expect(demo.cluster.storageName(gnp, undefined, "not-seen-yet")).toBe("default.not-seen-yet");
    const objects = new ObjectClient(demo.cluster);
    const created = await objects.create(
      gnp,
      { apiVersion: "projectcalico.org/v3", kind: "GlobalNetworkPolicy", metadata: { name: "written-now" }, spec: {} },
      { identity: SERVER_IDENTITY },
    );
    await objects.delete(gnp, undefined, "written-now", created.metadata.resourceVersion, {
      identity: SERVER_IDENTITY,
    });
    expect(await objects.get(gnp, undefined, "written-now", SERVER_IDENTITY)).toBeUndefined();
  });

  it("stores a default-tier policy as calicoctl v3.31 does: default.<name>, no tier label, the time, numbers", async () => {
    const before = new Date();
    const res = await post("apply", { yaml: INTEROP_A });
    expect(res.json<ApplyResult>().outcome).toBe("applied");
    const cr = await stored("globalnetworkpolicies", "default.interop-a");
    expect(cr?.metadata.labels).toBeUndefined();
    const meta = JSON.parse(cr?.metadata.annotations?.["projectcalico.org/metadata"] ?? "{}");
    expect(Object.keys(meta)).toEqual(["name", "creationTimestamp", "labels"]);
    expect(meta.name).toBe("interop-a");
    expect(meta.labels).toEqual({ team: "net" });
    expect(Date.parse(meta.creationTimestamp)).toBeGreaterThanOrEqual(Math.floor(before.getTime() / 1000) * 1000);
    expect(cr?.spec).toEqual({
      order: 1200,
      selector: "ibm.role == 'worker_public'",
      types: ["Ingress"],
      ingress: [{ action: "Allow", protocol: "TCP", source: {}, destination: { ports: [8443] } }],
    });
    // Shown and addressed by its Calico name; a replace keeps the CR and its creation time.
    expect(demo.cluster.object("GlobalNetworkPolicy", undefined, "interop-a")?.metadata.creationTimestamp).toBe(
      meta.creationTimestamp,
    );
    // The same YAML again is what is stored already (types filled in, the port a number): nothing to do.
    const diff = (await post("diff", { yaml: INTEROP_A })).json<DiffResult>();
    expect(diff.documents.map((d) => [d.action, d.patch])).toEqual([["unchanged", ""]]);
    const same = (await post("apply", { yaml: INTEROP_A })).json<ApplyResult>();
    expect(same.documents.map((d) => d.status)).toEqual(["unchanged"]);
    const again = await post("apply", { yaml: INTEROP_A.replace("order: 1200", "order: 1250") });
    expect(again.json<ApplyResult>().outcome).toBe("applied");
    const replaced = await stored("globalnetworkpolicies", "default.interop-a");
    expect(replaced?.spec?.order).toBe(1250);
    expect(JSON.parse(replaced?.metadata.annotations?.["projectcalico.org/metadata"] ?? "{}").creationTimestamp).toBe(
      meta.creationTimestamp,
    );
    expect(demo.cluster.duplicates("GlobalNetworkPolicy")).toEqual([]);
  });

  it("labels the tier outside the default tier and keeps the tier-prefixed name", async () => {
    const yaml = `apiVersion: projectcalico.org/v3
kind: Tier
metadata: { name: security }
spec: { order: 100 }
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: { name: security.pal-block }
spec: { tier: security, selector: all(), egress: [{ action: Deny, protocol: UDP, destination: { ports: ["53"] } }] }
`;
    expect((await post("apply", { yaml })).json<ApplyResult>().outcome).toBe("applied");
    const cr = await stored("globalnetworkpolicies", "security.pal-block");
    expect(cr?.metadata.labels).toEqual({ "projectcalico.org/tier": "security" });
    expect(cr?.spec?.types).toEqual(["Egress"]);
  });

  it("refuses a name Calico v3.31 refuses, as an error, in validate, dry-run and apply", async () => {
    const yaml = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: { name: pal-block-noprefix }
spec: { tier: security, selector: all(), ingress: [{ action: Deny }] }
`;
    for (const path of ["validate", "dry-run", "apply"]) {
      const res = await post(path, { yaml });
      expect(res.statusCode).toBe(422);
      expect(res.json<ErrorBody>().details).toEqual([
        expect.objectContaining({
          path: "metadata.name",
          message: expect.stringMatching(/^Calico v3\.31\.0 rejects this name: .*"security\.<name>"/),
        }),
      ]);
    }
    await expect(stored("globalnetworkpolicies", "pal-block-noprefix")).rejects.toThrow();
  });

  it("passes every validator warning on through validate, dry-run and apply", async () => {
    const yaml = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: { name: log-denied }
spec: { order: 3000, selector: ibm.role == 'worker_public', ingress: [{ action: Log }] }
`;
    for (const path of ["validate", "dry-run", "apply"]) {
      const res = await post(path, { yaml });
      expect(res.statusCode).toBe(200);
      expect(res.json<ValidateResult>().warnings).toContainEqual({
        document: 0,
        path: "spec",
        message: expect.stringMatching(/^a Log-only policy decides nothing/),
      });
    }
  });
});

describe("a name stored twice (x and default.x)", () => {
  let demo: DemoHarness;
  const post = (path: string, payload: Record<string, unknown>) =>
    demo.app.inject({ method: "POST", url: `/api/v1/clusters/demo/${path}`, headers: CSRF, payload });
  const get = (path: string) => demo.app.inject({ method: "GET", url: `/api/v1/clusters/demo/${path}` });
  /** Stores a CR the way another client would, straight through the v1 API. */
  const storeCr = (name: string, order: number) =>
    demo.cluster.client?.request("POST", "/apis/crd.projectcalico.org/v1/globalnetworkpolicies", {
      body: {
        apiVersion: "crd.projectcalico.org/v1",
        kind: "GlobalNetworkPolicy",
        metadata: { name },
        spec: { order, selector: "ibm.role == 'worker_private'", types: ["Ingress"] },
      },
    });
  beforeAll(async () => {
    demo = await startDemo({}, { storage: "v1" });
    await storeCr("dup-a", 1250);
    await storeCr("default.dup-a", 1200);
    await demo.cluster.settle(() => demo.cluster.duplicates("GlobalNetworkPolicy").length === 1);
  });
  afterAll(async () => {
    await demo.close();
  });

  it("lists both copies, says which one calicoctl addresses and that Calico enforces both", async () => {
    const list = (await get("duplicates")).json<DuplicateList>();
    expect(list.items).toEqual([
      {
        ref: { kind: "GlobalNetworkPolicy", name: "dup-a" },
        copies: [
          expect.objectContaining({
            storedName: "dup-a",
            addressed: false,
            yaml: expect.stringContaining("order: 1250"),
          }),
          expect.objectContaining({
            storedName: "default.dup-a",
            addressed: true,
            yaml: expect.stringContaining("order: 1200"),
          }),
        ],
        differ: true,
        explanation: expect.stringMatching(
          /stored 2 times \(dup-a, default\.dup-a\).*enforces all of them, and they differ/,
        ),
      },
    ]);
    // The one shown and edited is the copy calicoctl v3.31 reads by that name, whichever arrived last.
    expect(demo.cluster.object("GlobalNetworkPolicy", undefined, "dup-a")?.spec?.order).toBe(1200);
    const names = (await get("policies")).json<PolicyList>().items.map((p) => p.name);
    expect(names.filter((n) => n === "dup-a")).toHaveLength(1);
  });

  it("deletes the copy you do not keep, after a preview that says the other stays, and audits it", async () => {
    const targets = [{ ref: { kind: "GlobalNetworkPolicy", name: "dup-a" }, storedName: "dup-a" }];
    const preview = (await post("delete/preview", { targets })).json<DeleteImpact>();
    expect(preview.targets).toEqual([expect.objectContaining({ exists: true })]);
    expect(preview.endpoints).toEqual([]);
    expect(preview.warnings).toContainEqual({
      message: expect.stringMatching(/^only the stored copy dup-a is deleted; dup-a stays/),
    });
    const res = await post("delete", { targets });
    expect(res.json<DeleteResult>().outcome).toBe("deleted");
    await expect(
      demo.cluster.client?.request("GET", "/apis/crd.projectcalico.org/v1/globalnetworkpolicies/dup-a"),
    ).rejects.toThrow();
    expect(demo.cluster.object("GlobalNetworkPolicy", undefined, "dup-a")?.spec?.order).toBe(1200);
    expect((await get("duplicates")).json<DuplicateList>().items).toEqual([]);
    const audit = (await get("audit")).json<AuditList>();
    expect(audit.items[0]).toMatchObject({
      action: "delete",
      object: { kind: "GlobalNetworkPolicy", name: "dup-a" },
      outcome: "success",
      message: expect.stringContaining("the stored copy dup-a only"),
    });
  });
});

describe("a classic-storage cluster whose Calico version nothing tells", () => {
  let demo: DemoHarness;
  beforeAll(async () => {
    demo = await startDemo({}, { storage: "v1", scenario: "empty" });
  });
  afterAll(async () => {
    await demo.close();
  });

  it("says the version is unknown and writes the form every version reads", async () => {
    const res = await demo.app.inject({ method: "GET", url: "/api/v1/clusters/demo" });
    expect(res.json<ClusterSummary>().calico).toMatchObject({
      version: null,
      source: "unknown",
      tieredPolicyNames: true,
      note: expect.stringMatching(/^The Calico version is unknown .*the form every version reads$/),
    });
    expect(demo.cluster.naming.tiered).toBe(true);
  });
});
