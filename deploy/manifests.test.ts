import { readFileSync } from "node:fs";
import { auditRecordCrd } from "@palisade/contract";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { HISTORY_CRD_FILE, historyCrdYaml } from "./history-crd";
import { loadManifests, type Manifest } from "./manifests";

const manifests = loadManifests();
const find = (kind: string, name: string): Manifest => {
  const m = manifests.find((o) => o.kind === kind && o.metadata.name === name);
  if (m === undefined) throw new Error(`no ${kind} ${name}`);
  return m;
};

interface Container {
  env?: { name: string; value: string }[];
  securityContext?: Record<string, unknown>;
  readinessProbe?: { httpGet?: { path?: string } };
  livenessProbe?: { httpGet?: { path?: string } };
  resources?: { requests?: Record<string, string> };
}
interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

describe("deploy/kubernetes", () => {
  it("runs two non-root replicas with a read-only root filesystem, probes and resource requests", () => {
    const spec = find("Deployment", "palisade").spec as {
      replicas: number;
      template: { spec: { securityContext: Record<string, unknown>; containers: Container[] } };
    };
    expect(spec.replicas).toBe(2);
    expect(spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    const [container] = spec.template.spec.containers;
    expect(container?.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
    });
    expect(container?.readinessProbe?.httpGet?.path).toBe("/readyz");
    expect(container?.livenessProbe?.httpGet?.path).toBe("/healthz");
    expect(Object.keys(container?.resources?.requests ?? {})).toEqual(["cpu", "memory"]);
  });

  it("ships read-only, acting as its own read-only service account, keeping the history in the cluster", () => {
    const spec = find("Deployment", "palisade").spec as { template: { spec: { containers: Container[] } } };
    const env = Object.fromEntries((spec.template.spec.containers[0]?.env ?? []).map((e) => [e.name, e.value]));
    expect(env).toMatchObject({ PALISADE_READ_ONLY: "true", PALISADE_AUTH: "server", PALISADE_AUDIT_STORE: "cluster" });
  });

  it("installs the history CRD generated from the contract, in the manifests and the chart alike", () => {
    expect(find("CustomResourceDefinition", "auditrecords.palisade.io")).toEqual(auditRecordCrd());
    const text = readFileSync(HISTORY_CRD_FILE, "utf8");
    expect(text, `${HISTORY_CRD_FILE} is stale: run pnpm deploy:crds`).toBe(historyCrdYaml());
    expect(parse(text)).toEqual(auditRecordCrd());
  });

  it("gives Palisade's own service account read access only, plus impersonation and its own history", () => {
    const bound = manifests
      .filter((m) => m.kind === "ClusterRoleBinding")
      .filter((m) => (m.subjects as { name: string }[]).some((s) => s.name === "palisade"))
      .map((m) => (m.roleRef as { name: string }).name);
    expect(bound.sort()).toEqual(["palisade-history", "palisade-impersonator", "palisade-reader"]);
    const history = find("ClusterRole", "palisade-history").rules as PolicyRule[];
    expect(history).toEqual([
      { apiGroups: ["palisade.io"], resources: ["auditrecords"], verbs: ["get", "list", "watch", "create", "delete"] },
    ]);
    const reader = find("ClusterRole", "palisade-reader").rules as PolicyRule[];
    expect(reader.flatMap((r) => r.verbs).every((v) => ["get", "list", "watch"].includes(v))).toBe(true);
    const impersonator = find("ClusterRole", "palisade-impersonator").rules as PolicyRule[];
    expect(impersonator).toEqual([{ apiGroups: [""], resources: ["users", "groups"], verbs: ["impersonate"] }]);
  });

  it("lets editors change policies but not tiers or host endpoints", () => {
    const rules = find("ClusterRole", "palisade-policy-editor").rules as PolicyRule[];
    const canWrite = (resource: string) =>
      rules.some((r) => r.resources.includes(resource) && r.verbs.includes("update"));
    expect(canWrite("globalnetworkpolicies")).toBe(true);
    expect(canWrite("networkpolicies")).toBe(true);
    expect(canWrite("hostendpoints")).toBe(false);
    expect(canWrite("tiers")).toBe(false);
  });

  it("builds a multi-stage image that runs as a non-root user", () => {
    const dockerfile = readFileSync(new URL("Dockerfile", import.meta.url), "utf8");
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER 1000:1000$/m);
  });
});
