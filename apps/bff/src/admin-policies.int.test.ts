/**
 * Admin network policies on a real kube-apiserver with upstream's CRDs (AdminNetworkPolicy and
 * BaselineAdminNetworkPolicy as Calico v3.31 ships them, ClusterNetworkPolicy from network-policy-api v0.2.0): an
 * editor applies them through the BFF, which caches them and shows them in Calico's tiers and order.
 */
import type { ApplyResult, PolicyDetail, PolicyList } from "@palisade/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ControlPlaneHarness, startOnControlPlane } from "./testing/control-plane";

const START_TIMEOUT_MS = 15 * 60_000;

const YAML = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: protect-db
spec:
  priority: 7
  subject:
    namespaces:
      matchLabels:
        team: data
  ingress:
    - name: deny-dev
      action: Deny
      from:
        - namespaces:
            matchLabels:
              env: dev
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata:
  name: default
spec:
  subject:
    namespaces: {}
  ingress:
    - action: Deny
      from:
        - namespaces: {}
---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: dns
spec:
  tier: Admin
  priority: 3
  subject:
    namespaces: {}
  egress:
    - action: Accept
      to:
        - namespaces: {}
      protocols:
        - udp:
            destinationPort:
              number: 53
`;

describe("admin network policies through the BFF on a real kube-apiserver", () => {
  let h: ControlPlaneHarness;
  const headers = (user: "admin" | "editor" | "viewer") => ({
    authorization: `Bearer ${h.cp.tokens[user]}`,
    "x-palisade-csrf": "1",
  });
  const url = (path: string) => `/api/v1/clusters/${h.cluster.name}/${path}`;

  beforeAll(async () => {
    h = await startOnControlPlane("v3");
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await h?.close();
  });

  it("applies an ANP, the BANP and a CNP as an editor, then reads them in Calico's tiers and order", async () => {
    const applied = await h.app.inject({
      method: "POST",
      url: url("apply"),
      headers: headers("editor"),
      payload: { yaml: YAML },
    });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json<ApplyResult>().documents.map((d) => [d.ref.kind, d.ref.name, d.status])).toEqual([
      ["AdminNetworkPolicy", "protect-db", "ok"],
      ["BaselineAdminNetworkPolicy", "default", "ok"],
      ["ClusterNetworkPolicy", "dns", "ok"],
    ]);
    await h.cluster.settle(() => h.cluster.object("ClusterNetworkPolicy", undefined, "dns") !== undefined);

    const list = await h.app.inject({ url: url("policies"), headers: headers("viewer") });
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json<PolicyList>().items.map((p) => `${p.tier}/${p.kind}/${p.name}/${p.order}`);
    // Native v3 CRDs: Calico v3.32 or newer, which enforces only the ClusterNetworkPolicy; the other two are listed
    // after every tier it evaluates, marked (docs/calico-semantics.md §8).
    expect(items).toEqual([
      "kube-admin/ClusterNetworkPolicy/dns/3",
      "adminnetworkpolicy/AdminNetworkPolicy/protect-db/7",
      "baselineadminnetworkpolicy/BaselineAdminNetworkPolicy/default/1000",
    ]);
    expect(list.json<PolicyList>().items.map((p) => p.enforcement?.state)).toEqual([
      "enforced",
      "not-enforced",
      "not-enforced",
    ]);

    const detail = await h.app.inject({
      url: url("policies/AdminNetworkPolicy/protect-db"),
      headers: headers("viewer"),
    });
    expect(detail.statusCode, detail.body).toBe(200);
    const d = detail.json<PolicyDetail>();
    expect(d.object).toMatchObject({ apiVersion: "policy.networking.k8s.io/v1alpha1", spec: { priority: 7 } });
    expect(d.rules).toMatchObject([{ direction: "Ingress", action: "Deny" }]);
    expect(d.calico?.object).toMatchObject({ metadata: { name: "kanp.adminnetworkpolicy.protect-db" } });
  });

  it("refuses a second BaselineAdminNetworkPolicy, naming the field, and writes nothing", async () => {
    const second = YAML.split("---\n")[1]?.replace("name: default", "name: other") ?? "";
    const res = await h.app.inject({
      method: "POST",
      url: url("apply"),
      headers: headers("editor"),
      payload: { yaml: second },
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("metadata.name");
    expect(h.cluster.object("BaselineAdminNetworkPolicy", undefined, "other")).toBeUndefined();
  });
});
