/**
 * Palisade beside Calico's own calicoctl, both on one real kube-apiserver with the classic CRDs and a
 * ClusterInformation that names the Calico release the oracle pins. calicoctl is built from that same Calico module,
 * so when the oracle moves to a newer Calico this suite checks that version's conventions (its naming comes from
 * `policyNaming` of the pinned release).
 */
import { KubeConfig, KubernetesObjectApi } from "@kubernetes/client-node";
import { parseCalicoVersion, policyNaming, storedPolicyName } from "@palisade/calico";
import { buildCalicoctl, Calicoctl, clusterInformationCrdFile, pinnedCalicoRelease } from "@palisade/calico/oracle";
import type { ApplyResult, ClusterSummary, DiffResult, ErrorBody } from "@palisade/contract";
import { describeWithShared } from "@palisade/reference/vitest";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { KubeObject } from "../kube/resources";
import { type ControlPlaneHarness, startOnControlPlane } from "../testing/control-plane";

const START_TIMEOUT_MS = 25 * 60_000;
const RELEASE = pinnedCalicoRelease();
const NAMING = policyNaming(parseCalicoVersion(RELEASE));

const TIERS = `apiVersion: projectcalico.org/v3
kind: Tier
metadata: { name: default }
spec: { order: 1000000 }
---
apiVersion: projectcalico.org/v3
kind: Tier
metadata: { name: security }
spec: { order: 100 }
`;

/** One policy of each shape the issue names: default tier, another tier, namespaced; string ports, empty sides. */
const docs = (suffix: string) => `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: same-${suffix}
  labels: { team: net }
  annotations: { owner: platform }
spec:
  order: 1200
  selector: ibm.role == 'worker_public'
  ingress:
    - action: Allow
      protocol: TCP
      source: {}
      destination:
        ports: ["8443", "30000:32767"]
    - action: Log
  egress:
    - action: Allow
      protocol: "17"
      destination: { nets: [10.0.0.0/8], ports: [53] }
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: security.block-${suffix}
spec:
  tier: security
  order: 10
  selector: all()
  types: [Egress]
  egress:
    - action: Deny
      destination: { nets: [192.0.2.0/24] }
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: web-${suffix}
  namespace: default
spec:
  selector: app == 'web'
  ingress:
    - action: Allow
      protocol: TCP
      destination: { ports: ["80"] }
`;

// Upstream's ClusterInformation CRD comes from ../shared: calicoctl reads that resource before every command.
describeWithShared(`Palisade and calicoctl ${RELEASE} on one cluster (classic CRDs)`, () => {
  let h: ControlPlaneHarness;
  let ctl: Calicoctl;
  const headers = () => ({ authorization: `Bearer ${h.cp.tokens.admin}`, "x-palisade-csrf": "1" });
  const post = (path: string, payload: Record<string, unknown>) =>
    h.app.inject({ method: "POST", url: `/api/v1/clusters/${h.cluster.name}/${path}`, headers: headers(), payload });
  const cr = (plural: string, name: string, namespace?: string) =>
    h.cluster.client?.request<KubeObject>(
      "GET",
      `/apis/crd.projectcalico.org/v1${namespace === undefined ? "" : `/namespaces/${namespace}`}/${plural}/${name}`,
    );
  const policy = (name: string) => h.cluster.object("GlobalNetworkPolicy", undefined, name);

  beforeAll(async () => {
    const binary = await buildCalicoctl();
    h = await startOnControlPlane("v1", {}, { extraCrdFiles: [clusterInformationCrdFile()] }, async (cp) => {
      const kc = new KubeConfig();
      kc.loadFromFile(cp.kubeconfigPath);
      await KubernetesObjectApi.makeApiClient(kc).create({
        apiVersion: "crd.projectcalico.org/v1",
        kind: "ClusterInformation",
        metadata: { name: "default" },
        spec: { calicoVersion: RELEASE, clusterType: "k8s,bgp,kdd", datastoreReady: true },
      });
    });
    ctl = new Calicoctl(binary, h.cp.kubeconfigPath);
    await ctl.ok(["apply", "-f", "-"], TIERS);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await h?.close();
  });

  it("reads the cluster's Calico version from ClusterInformation", async () => {
    const res = await h.app.inject({ url: `/api/v1/clusters/${h.cluster.name}`, headers: headers() });
    expect(res.json<ClusterSummary>().calico).toMatchObject({
      version: RELEASE,
      source: "ClusterInformation",
      tieredPolicyNames: NAMING.tiered,
    });
  });

  it("Palisade writes; calicoctl gets, replaces and deletes by name, and Palisade sees each change", async () => {
    const applied = await post("apply", { yaml: docs("pal") });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json<ApplyResult>().outcome).toBe("applied");
    const got = JSON.parse(await ctl.ok(["get", "globalnetworkpolicy", "same-pal", "-o", "json"]));
    expect(got.metadata.name).toBe("same-pal");
    expect(got.spec.ingress[0].destination.ports).toEqual([8443, "30000:32767"]);
    expect(
      JSON.parse(await ctl.ok(["get", "networkpolicy", "web-pal", "-n", "default", "-o", "json"])).spec.selector,
    ).toBe("app == 'web'");
    await ctl.ok(["get", "globalnetworkpolicy", "security.block-pal"]);

    got.spec.order = 1250;
    await ctl.ok(["replace", "-f", "-"], JSON.stringify(got));
    expect(await h.cluster.settle(() => policy("same-pal")?.spec?.order === 1250, 5_000)).toBe(true);
    // Replaced in place: still one stored object for the name.
    expect(h.cluster.storedCopies("GlobalNetworkPolicy", undefined, "same-pal")).toHaveLength(1);

    await ctl.ok(["delete", "globalnetworkpolicy", "same-pal"]);
    expect(await h.cluster.settle(() => policy("same-pal") === undefined, 5_000)).toBe(true);
  });

  it("calicoctl writes; Palisade shows it, edits it in place, and calicoctl reads the edit", async () => {
    await ctl.ok(["apply", "-f", "-"], docs("ctl"));
    expect(await h.cluster.settle(() => policy("same-ctl") !== undefined, 5_000)).toBe(true);
    expect(policy("same-ctl")?.spec).toMatchObject({ order: 1200, selector: "ibm.role == 'worker_public'" });
    expect(
      await h.cluster.settle(() => h.cluster.object("NetworkPolicy", "default", "web-ctl") !== undefined, 5_000),
    ).toBe(true);
    // The YAML calicoctl stored, given to Palisade as it is: nothing to change.
    const diff = (await post("diff", { yaml: docs("ctl") })).json<DiffResult>();
    expect(diff.documents.map((d) => `${d.ref.name} ${d.action}`)).toEqual([
      "same-ctl unchanged",
      "security.block-ctl unchanged",
      "web-ctl unchanged",
    ]);
    const edited = await post("apply", { yaml: docs("ctl").replace("order: 1200", "order: 1300") });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<ApplyResult>().outcome).toBe("applied");
    const got = JSON.parse(await ctl.ok(["get", "globalnetworkpolicy", "same-ctl", "-o", "json"]));
    expect(got.spec.order).toBe(1300);
    expect(h.cluster.storedCopies("GlobalNetworkPolicy", undefined, "same-ctl")).toHaveLength(1);
  });

  it("stores the same YAML identically, whichever tool applied it (names, uid, versions and times aside)", async () => {
    await ctl.ok(["apply", "-f", "-"], docs("ctl2"));
    const applied = await post("apply", { yaml: docs("pal2") });
    expect(applied.statusCode, applied.body).toBe(200);
    const pairs: [string, string, string | undefined][] = [
      ["globalnetworkpolicies", "same", undefined],
      ["globalnetworkpolicies", "security.block", undefined],
      ["networkpolicies", "web", "default"],
    ];
    for (const [plural, base, ns] of pairs) {
      const [fromCtl, fromPal] = await Promise.all(
        ["ctl2", "pal2"].map((s) => cr(plural, storedPolicyName(`${base}-${s}`, NAMING), ns)),
      );
      expect(comparable(fromPal), `${plural} ${base}`).toEqual(comparable(fromCtl));
    }
  });

  it("refuses, as calicoctl does, a name this Calico refuses", async () => {
    const yaml = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: { name: pal-block-noprefix }
spec: { tier: security, selector: all(), ingress: [{ action: Deny }] }
`;
    const byCtl = await ctl.run(["create", "-f", "-"], yaml);
    const byPal = await post("validate", { yaml });
    if (NAMING.tiered) {
      expect(byCtl.code).not.toBe(0);
      expect(byPal.statusCode).toBe(422);
      expect(byPal.json<ErrorBody>().details?.[0]?.path).toBe("metadata.name");
    } else {
      expect(byCtl.code).toBe(0);
      expect(byPal.statusCode).toBe(200);
    }
  });
});

/** A stored CR without what differs between any two objects: names, uid, versions, times, field managers. */
function comparable(obj: KubeObject | undefined): unknown {
  if (obj === undefined) return undefined;
  const {
    name: _n,
    uid: _u,
    resourceVersion: _r,
    creationTimestamp: _c,
    generation: _g,
    managedFields: _m,
    ...meta
  } = obj.metadata;
  const annotations = { ...(meta.annotations ?? {}) };
  const raw = annotations["projectcalico.org/metadata"];
  if (raw !== undefined) {
    const { name: _an, creationTimestamp, ...rest } = JSON.parse(raw) as Record<string, unknown>;
    // Key order is what each tool's JSON encoder wrote: it must match too.
    annotations["projectcalico.org/metadata"] = JSON.stringify({
      keys: Object.keys(JSON.parse(raw)),
      ...rest,
      timed: typeof creationTimestamp,
    });
  }
  return { ...obj, metadata: { ...meta, annotations } };
}
