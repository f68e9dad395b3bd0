import { readFile } from "node:fs/promises";
import { KubeConfig, KubernetesObjectApi } from "@kubernetes/client-node";
import type {
  ApplyErrorBody,
  ApplyResult,
  AuditList,
  DeleteImpact,
  DeleteResult,
  DiffResult,
  ErrorBody,
  PolicyDetail,
  PolicyList,
  ValidateResult,
} from "@palisade/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app";
import { AuditLog } from "../audit/log";
import { type DemoHarness, startDemo } from "../testing/demo";
import { oneLineEditDiff } from "../testing/edits";

const DENY_NODEPORTS = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: deny-nodeports
spec:
  order: 1100
  preDNAT: true
  applyOnForward: true
  selector: ibm.role == 'worker_public'
  types: [Ingress]
  ingress:
    - action: Deny
      protocol: TCP
      destination:
        ports: ["30000:32767"]
`;

const CSRF = { "x-palisade-csrf": "1" };

describe("document routes on the demo cluster", () => {
  let demo: DemoHarness;
  const post = (path: string, payload: Record<string, unknown>) =>
    demo.app.inject({ method: "POST", url: `/api/v1/clusters/demo/${path}`, headers: CSRF, payload });
  beforeAll(async () => {
    demo = await startDemo();
  });
  afterAll(async () => {
    await demo.close();
  });

  it("validates several documents and names each", async () => {
    const res = await post("validate", {
      yaml: `${DENY_NODEPORTS}---\n${DENY_NODEPORTS.replaceAll("deny-nodeports", "second")}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<ValidateResult>()).toEqual({
      valid: true,
      documents: [
        { index: 0, ref: { kind: "GlobalNetworkPolicy", name: "deny-nodeports" }, line: 1 },
        { index: 1, ref: { kind: "GlobalNetworkPolicy", name: "second" }, line: 17 },
      ],
      warnings: [],
    });
  });

  it("reports invalid documents as 422 with document, field path, line and column", async () => {
    const res = await post("validate", { yaml: DENY_NODEPORTS.replace("protocol: TCP", "protocol: tcp") });
    expect(res.statusCode).toBe(422);
    const body = res.json<ErrorBody>();
    expect(body.code).toBe("InvalidDocuments");
    expect(body.details?.[0]).toEqual({
      path: "spec.ingress[0].protocol",
      message: expect.stringContaining('write "TCP"'),
      document: 0,
      line: 13,
      column: 17,
    });
  });

  it("refuses malformed YAML, unknown kinds, template placeholders and duplicates, changing nothing", async () => {
    const malformed = await post("apply", { yaml: "kind: [GlobalNetworkPolicy" });
    expect(malformed.json<ErrorBody>()).toMatchObject({
      statusCode: 400,
      code: "MalformedYaml",
      details: [{ line: 1 }],
    });
    const unknown = await post("apply", { yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n" });
    expect(unknown.json<ErrorBody>()).toMatchObject({ statusCode: 400, code: "UnknownKind" });
    expect(unknown.json<ErrorBody>().message).toMatch(/v1 ConfigMap is not a kind Palisade manages/);
    const template = await post("dry-run", { yaml: DENY_NODEPORTS.replace("30000:32767", "<node-port-range>") });
    expect(template.json<ErrorBody>()).toMatchObject({ statusCode: 422, code: "InvalidDocuments" });
    expect(template.json<ErrorBody>().details?.[0]?.message).toMatch(/placeholder/);
    const twice = await post("validate", { yaml: `${DENY_NODEPORTS}---\n${DENY_NODEPORTS}` });
    expect(twice.json<ErrorBody>()).toMatchObject({
      statusCode: 422,
      details: [{ document: 1, path: "metadata.name" }],
    });
    expect(demo.cluster.object("GlobalNetworkPolicy", undefined, "deny-nodeports")).toBeUndefined();
  });

  it("refuses a policy in a namespace that does not exist at every step, as a 422 naming metadata.namespace", async () => {
    const kubernetes = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ghost
  namespace: no-such-namespace
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;
    const calico = kubernetes
      .replace("networking.k8s.io/v1", "projectcalico.org/v3")
      .replace("podSelector: {}\n  policyTypes", "selector: all()\n  types");
    for (const yaml of [kubernetes, calico]) {
      for (const step of ["validate", "diff", "dry-run", "apply"]) {
        const res = await post(step, { yaml });
        expect(res.statusCode, `${step}: ${res.body}`).toBe(422);
        expect(res.json<ErrorBody>()).toMatchObject({
          code: "InvalidDocuments",
          details: [
            {
              document: 0,
              path: "metadata.namespace",
              line: 1,
              message: "namespace no-such-namespace does not exist in cluster demo",
            },
          ],
        });
      }
    }
    expect(demo.cluster.objects("NetworkPolicy").map((p) => p.metadata.name)).not.toContain("ghost");
  });

  it("refuses a new policy in a tier that does not exist (as Calico does), unless the YAML creates the tier first", async () => {
    // Named as Calico up to v3.31 (the demo's) requires outside the default tier, so the tier is what is refused.
    const tiered = DENY_NODEPORTS.replace("name: deny-nodeports", "name: ghost-tier.in-ghost-tier").replace(
      "spec:\n",
      "spec:\n  tier: ghost-tier\n",
    );
    for (const step of ["validate", "diff", "dry-run", "apply"]) {
      const res = await post(step, { yaml: tiered });
      expect(res.statusCode, `${step}: ${res.body}`).toBe(422);
      expect(res.json<ErrorBody>().details).toEqual([
        {
          document: 0,
          path: "spec.tier",
          line: 1,
          message: expect.stringMatching(/^tier ghost-tier does not exist in cluster demo; Calico creates no policy/),
        },
      ]);
    }
    const tier = "apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  name: ghost-tier\nspec:\n  order: 500\n";
    expect((await post("validate", { yaml: `${tier}---\n${tiered}` })).statusCode).toBe(200);
    expect((await post("validate", { yaml: `${tiered}---\n${tier}` })).json<ErrorBody>().details).toMatchObject([
      { document: 0, path: "spec.tier" },
    ]);
    expect(demo.cluster.object("GlobalNetworkPolicy", undefined, "ghost-tier.in-ghost-tier")).toBeUndefined();
  });

  it("warns about an existing policy whose tier does not exist (Calico updates it; Felix orders that tier last)", async () => {
    const kc = new KubeConfig();
    kc.loadFromString(demo.sim.kubeconfig);
    const orphan = {
      apiVersion: "projectcalico.org/v3",
      kind: "GlobalNetworkPolicy",
      metadata: { name: "gone-tier.orphan" },
      spec: { tier: "gone-tier", selector: "all()", types: ["Ingress"], ingress: [{ action: "Allow" }] },
    };
    const objects = kc.makeApiClient(KubernetesObjectApi);
    await objects.create(demo.sim.stored(orphan));
    const cached = () => demo.cluster.object("GlobalNetworkPolicy", undefined, orphan.metadata.name) !== undefined;
    try {
      expect(await demo.cluster.settle(cached)).toBe(true);
      const res = await post("validate", { yaml: JSON.stringify({ ...orphan, spec: { ...orphan.spec, order: 10 } }) });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<ValidateResult>().warnings).toContainEqual({
        document: 0,
        path: "spec.tier",
        message:
          "tier gone-tier does not exist in this cluster; Felix evaluates gone-tier.orphan after every existing tier",
      });
      // The list marks the tier (the table badges its rows), the policy page says what Felix does with it.
      const list = await demo.app.inject({ url: "/api/v1/clusters/demo/policies" });
      expect(list.json<PolicyList>().tiers.at(-1)).toMatchObject({ name: "gone-tier", exists: false, policyCount: 1 });
      const detail = await demo.app.inject({
        url: "/api/v1/clusters/demo/policies/GlobalNetworkPolicy/gone-tier.orphan",
      });
      expect(detail.json<PolicyDetail>().warnings).toContain(
        "tier gone-tier has no Tier object: Felix evaluates this policy after every existing tier, and drops at the end of that tier what no policy in it decided",
      );
    } finally {
      // The later tests count the policies that apply to each endpoint.
      await objects.delete(demo.sim.stored(orphan));
      await demo.cluster.settle(() => !cached());
    }
  });

  it("rejects alias bombs and deep nesting quickly, and bodies over 1 MiB with 413", async () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      ...Array.from(
        { length: 9 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(", ")}]`,
      ),
    ].join("\n");
    const res = await post("validate", { yaml: bomb });
    expect(res.json<ErrorBody>()).toMatchObject({ statusCode: 400, code: "MalformedYaml" });
    const deep = `${"[".repeat(500)}${"]".repeat(500)}`;
    expect((await post("validate", { yaml: deep })).statusCode).toBe(400);
    const huge = await post("validate", { yaml: `# ${"x".repeat(1024 * 1024)}` });
    expect(huge.json<ErrorBody>()).toMatchObject({ statusCode: 413, code: "PayloadTooLarge" });
  });

  it("diffs documents against the live objects", async () => {
    const changed = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: allow-bigfix-port
spec:
  order: 1900
  selector: ibm.role in { 'worker_public', 'master_public' }
  types: [Ingress]
  ingress:
    - action: Allow
      protocol: TCP
      destination:
        ports: [52311]
      source: {}
`;
    const res = await post("diff", { yaml: `${changed}---\n${DENY_NODEPORTS}` });
    expect(res.statusCode).toBe(200);
    const diff = res.json<DiffResult>();
    expect(diff.documents.map((d) => [d.ref.name, d.action])).toEqual([
      ["allow-bigfix-port", "update"],
      ["deny-nodeports", "create"],
    ]);
    expect(diff.documents[0]?.liveResourceVersion).toBe(
      demo.cluster.object("GlobalNetworkPolicy", undefined, "allow-bigfix-port")?.metadata.resourceVersion,
    );
    // Keys sorted as in every comparison: the removed UDP rule is one block of removed lines, nothing added.
    expect(diff.documents[0]?.patch).toMatch(/^-\s+- action: Allow\n(-.*\n)*-\s+protocol: UDP$/m);
    expect(diff.documents[0]?.patch).not.toMatch(/^\+ /m);
    expect(diff.documents[1]?.liveYaml).toBeNull();
  });

  it("shows a one-line edit as one changed line: defaults and key order are not changes", async () => {
    const live = demo.cluster.object("GlobalNetworkPolicy", undefined, "allow-bigfix-port");
    const { action, changed, expected } = await oneLineEditDiff(post, live);
    expect(action).toBe("update");
    expect(changed).toEqual(expected);
  });

  it("previews a delete: the endpoints that lose rules and the lock-out warning", async () => {
    const res = await post("delete/preview", {
      targets: [{ ref: { kind: "GlobalNetworkPolicy", name: "allow-all-private-default" } }],
    });
    expect(res.statusCode).toBe(200);
    const impact = res.json<DeleteImpact>();
    expect(impact.targets[0]).toMatchObject({ exists: true });
    expect(impact.endpoints.map((e) => [e.endpoint.name, e.becomesDefaultDeny])).toEqual([
      ["10.176.48.106-worker-private", true],
      ["10.176.48.107-worker-private", true],
      ["10.184.58.23-worker-private", true],
      ["10.184.58.42-worker-private", true],
    ]);
    expect(impact.endpoints[0]?.lost).toEqual([
      {
        policy: "GlobalNetworkPolicy//allow-all-private-default",
        direction: "Ingress",
        action: "Allow",
        words: "Allow everything",
      },
      {
        policy: "GlobalNetworkPolicy//allow-all-private-default",
        direction: "Egress",
        action: "Allow",
        words: "Allow everything",
      },
    ]);
    expect(impact.warnings[0]?.message).toMatch(/10.176.48.106-worker-private .* no ingress policy/);
  });

  it("warns before applying a change that would lock a host endpoint out", async () => {
    const res = await post("validate", {
      yaml: `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: allow-all-private-default
spec:
  order: 3000
  selector: ibm.role == 'nothing'
  types: [Ingress, Egress]
  ingress: [{ action: Allow }]
  egress: [{ action: Allow }]
`,
    });
    const body = res.json<ValidateResult>();
    expect(body.warnings.map((w) => w.message)).toContain(
      "allow-all-private-default selects no endpoint in this cluster",
    );
    expect(body.warnings.filter((w) => /would be left with no ingress policy/.test(w.message))).toHaveLength(4);
  });

  it("applies, refuses a stale version with both versions, deletes, and audits each outcome", async () => {
    const created = await post("apply", { yaml: DENY_NODEPORTS });
    expect(created.statusCode, created.body).toBe(200);
    const first = created.json<ApplyResult>().documents[0];
    expect(first).toMatchObject({ action: "create", status: "ok" });
    const stale = await post("apply", {
      yaml: DENY_NODEPORTS.replace("order: 1100", "order: 1200"),
      expected: [{ ref: { kind: "GlobalNetworkPolicy", name: "deny-nodeports" }, resourceVersion: "1" }],
    });
    expect(stale.statusCode).toBe(409);
    const conflict = stale.json<ApplyErrorBody>().result?.documents[0]?.conflict;
    expect(conflict?.liveResourceVersion).toBe(first?.resourceVersion);
    expect(conflict?.liveYaml).toContain("order: 1100");
    expect(conflict?.proposedYaml).toContain("order: 1200");
    const deleted = await post("delete", {
      targets: [
        { ref: { kind: "GlobalNetworkPolicy", name: "deny-nodeports" }, resourceVersion: first?.resourceVersion },
      ],
    });
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(deleted.json<DeleteResult>().outcome).toBe("deleted");
    expect(demo.cluster.object("GlobalNetworkPolicy", undefined, "deny-nodeports")).toBeUndefined();
    const lines = (await readFile(demo.auditPath, "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.action, l.object.name, l.outcome])).toEqual([
      ["create", "deny-nodeports", "success"],
      ["update", "deny-nodeports", "failure"],
      ["delete", "deny-nodeports", "success"],
    ]);
    expect(lines[0].user).toBe("kube-sim-admin");
    expect(lines[0].diff).toContain("+  name: deny-nodeports");
    // What "restore this version" offers: the version written, and the version a delete removed.
    expect(lines[0].yaml).toContain("order: 1100");
    expect(lines[1].yaml).toBeUndefined();
    expect(lines[2].yaml).toContain("name: deny-nodeports");
    const audit = (await demo.app.inject({ url: "/api/v1/clusters/demo/audit?limit=2" })).json<AuditList>();
    expect(audit.total).toBe(3);
    expect(audit.items.map((e) => e.action)).toEqual(["delete", "update"]);
  });

  it("creates a new policy after a diff ('must not exist yet'), and refuses that for an existing one", async () => {
    const yaml = DENY_NODEPORTS.replace("name: deny-nodeports", "name: after-diff");
    const diff = (await post("diff", { yaml })).json<DiffResult>().documents[0];
    expect(diff).toMatchObject({ action: "create", liveResourceVersion: null });
    const expected = [{ ref: diff?.ref, resourceVersion: diff?.liveResourceVersion }];
    const created = await post("apply", { yaml, expected });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json<ApplyResult>().documents[0]).toMatchObject({ action: "create", status: "ok" });
    const again = await post("apply", { yaml: yaml.replace("order: 1100", "order: 1101"), expected });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json<ApplyErrorBody>().result?.documents[0]?.conflict).toMatchObject({
      expectedResourceVersion: null,
      liveResourceVersion: created.json<ApplyResult>().documents[0]?.resourceVersion,
    });
    const ref = { kind: "GlobalNetworkPolicy", name: "after-diff" };
    expect((await post("delete", { targets: [{ ref }] })).statusCode).toBe(200);
  });

  it("never coerces a request field's type: a wrong type is a 400 naming the field", async () => {
    const ref = { kind: "GlobalNetworkPolicy", name: "x" };
    for (const [path, payload, field] of [
      ["validate", { yaml: 123 }, "body.yaml"],
      ["apply", { yaml: DENY_NODEPORTS, expected: [{ ref, resourceVersion: 7 }] }, "body.expected.0.resourceVersion"],
      ["generators/deny-nodeports", { name: 123 }, "body.name"],
      ["generators/deny-nodeports", { order: null }, "body.order"],
      ["generators/deny-nodeports", { order: "5" }, "body.order"],
      ["delete", { targets: [{ ref: { ...ref, name: 1 } }] }, "body.targets.0.ref.name"],
    ] as const) {
      const res = await post(path, payload);
      expect([path, res.statusCode]).toEqual([path, 400]);
      expect(res.json<ErrorBody>().details?.map((d) => d.path)).toContain(field);
    }
    expect(demo.cluster.object("GlobalNetworkPolicy", undefined, "deny-nodeports")).toBeUndefined();
  });

  it("audits refused deletes (403, 404, 409, 502) like refused applies", async () => {
    const before = (await readFile(demo.auditPath, "utf8").catch(() => "")).split("\n").filter((l) => l !== "").length;
    const icmp = { kind: "GlobalNetworkPolicy", name: "allow-icmp" };
    expect((await post("delete", { targets: [{ ref: { ...icmp, name: "never-was" } }] })).statusCode).toBe(404);
    expect((await post("delete", { targets: [{ ref: icmp, resourceVersion: "1" }] })).statusCode).toBe(409);
    const asViewer = await buildApp({ clusters: demo.clusters, audit: new AuditLog(demo.auditPath), auth: "token" });
    const forbidden = await asViewer.inject({
      method: "POST",
      url: "/api/v1/clusters/demo/delete",
      headers: { ...CSRF, authorization: `Bearer ${demo.sim.tokens.viewer}` },
      payload: { targets: [{ ref: icmp }] },
    });
    expect(forbidden.statusCode).toBe(403);
    const outage = await startDemo();
    try {
      await outage.sim.close();
      const unreachable = await outage.app.inject({
        method: "POST",
        url: "/api/v1/clusters/demo/delete",
        headers: CSRF,
        payload: { targets: [{ ref: icmp }] },
      });
      expect(unreachable.statusCode).toBe(502);
      const [line] = (await readFile(outage.auditPath, "utf8"))
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(line).toMatchObject({ action: "delete", object: icmp, outcome: "failure", user: "kube-sim-admin" });
    } finally {
      await outage.close();
    }
    const lines = (await readFile(demo.auditPath, "utf8"))
      .trim()
      .split("\n")
      .slice(before)
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.action, l.object.name, l.outcome, l.user])).toEqual([
      ["delete", "never-was", "failure", "kube-sim-admin"],
      ["delete", "allow-icmp", "failure", "kube-sim-admin"],
      ["delete", "allow-icmp", "failure", "viewer"],
    ]);
    expect(lines[0].message).toMatch(/does not exist/);
    expect(lines[1]).toMatchObject({
      fromResourceVersion: "1",
      message: expect.stringMatching(/changed after you loaded it/),
    });
    expect(lines[2].message).toMatch(/forbidden/i);
    expect(demo.cluster.object("GlobalNetworkPolicy", undefined, "allow-icmp")).toBeDefined();
  }, 30_000);
});

describe("a large dry-run and the other requests", () => {
  let demo: DemoHarness;
  beforeAll(async () => {
    demo = await startDemo({ costlyPerMinute: 1000 });
  });
  afterAll(async () => {
    await demo.close();
  });

  it("answers a GET sent while a 500-document dry-run is asking the cluster before the dry-run ends", async () => {
    const client = demo.cluster.client;
    if (client === undefined) throw new Error("no cluster client");
    const order: string[] = [];
    let get: Promise<unknown> | undefined;
    const request = client.request.bind(client);
    // The first dry-run request to the cluster sends the GET: the dry-run is then past loading and planning.
    client.request = (method, path, options) => {
      if (get === undefined && options?.query?.dryRun !== undefined) {
        get = demo.app.inject({ url: "/api/v1/clusters/demo/policies" }).then((res) => {
          expect(res.statusCode).toBe(200);
          order.push("GET policies");
        });
      }
      return request(method, path, options);
    };
    const yaml = Array.from({ length: 500 }, (_, i) => DENY_NODEPORTS.replace("deny-nodeports", `big-${i}`)).join(
      "---\n",
    );
    try {
      const res = await demo.app.inject({
        method: "POST",
        url: "/api/v1/clusters/demo/dry-run",
        headers: CSRF,
        payload: { yaml },
      });
      order.push("dry-run");
      expect(res.statusCode).toBe(200);
      await get;
      expect(order).toEqual(["GET policies", "dry-run"]);
    } finally {
      client.request = request;
    }
  }, 120_000);
});
