import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectionFromEnv } from "@palisade/control-plane";
import { describeWithShared } from "@palisade/reference/vitest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubeSim, startKubeSim } from "../server";

/**
 * `kubectl` pointed at kube-sim (and at the run's real server when it has the native v3 CRDs) applies IBM's public
 * network isolation set, as the acceptance check asks. Needs a `kubectl` on PATH (Debian's
 * kubernetes-client or any 1.2x+ build); without one the block is skipped and says so.
 */
const SAMPLES = "fixtures/kube-samples/public-network-isolation/us-south";
const kubectlFound = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" }).status === 0;
const dir = mkdtempSync(join(tmpdir(), "kube-sim-kubectl-"));

/** Runs kubectl without blocking the event loop: kube-sim serves it from this very process. */
function kubectl(kubeconfig: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile("kubectl", ["--kubeconfig", kubeconfig, ...args], { encoding: "utf8" }, (error, out, err) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
      resolve({ code, out, err });
    });
  });
}

/** The objects in the fixture folder, as `kubectl apply` names them. */
const APPLIED = [
  "globalnetworkpolicy.projectcalico.org/allow-egress-pods-public",
  "globalnetworkpolicy.projectcalico.org/allow-ibm-ports-public",
  "networkpolicy.projectcalico.org/allow-k8s-master-to-dashboard-via-vpn",
  "networkpolicy.projectcalico.org/allow-konnectivity",
  "networkpolicy.projectcalico.org/allow-kube-system-to-olm",
  "networkpolicy.projectcalico.org/allow-openshift-console",
  "networkpolicy.projectcalico.org/allow-openshift-metrics",
  "globalnetworkpolicy.projectcalico.org/allow-public-service-endpoint",
  "globalnetworkpolicy.projectcalico.org/allow-public-services-pods",
  "globalnetworkpolicy.projectcalico.org/allow-public-services",
  "globalnetworkpolicy.projectcalico.org/deny-all-outbound-public",
];

function applyChecks(label: string, kubeconfig: () => string, prepare: () => Promise<void> = async () => {}) {
  describeWithShared(`kubectl applying IBM's samples to ${label}`, (shared) => {
    const samples = shared.path(SAMPLES);
    describe.skipIf(!kubectlFound)(`kubectl against ${label} (skipped when kubectl is not on PATH)`, () => {
      beforeAll(prepare);

      it("applies the us-south public isolation set, then finds it unchanged", async () => {
        const first = await kubectl(kubeconfig(), "apply", "-f", samples);
        expect(first.err).toBe("");
        expect(first.code).toBe(0);
        expect(first.out.trim().split("\n")).toEqual(APPLIED.map((o) => `${o} created`));
        const again = await kubectl(kubeconfig(), "apply", "-f", samples);
        expect(again.out.trim().split("\n")).toEqual(APPLIED.map((o) => `${o} unchanged`));
      });

      it("lists them with get, and explains a server-side dry run of a change", async () => {
        const names = await kubectl(kubeconfig(), "get", "globalnetworkpolicies", "-o", "name");
        expect(names.code).toBe(0);
        expect(names.out).toContain("globalnetworkpolicy.projectcalico.org/deny-all-outbound-public");
        const patched = await kubectl(
          kubeconfig(),
          "patch",
          "globalnetworkpolicy",
          "deny-all-outbound-public",
          "--type=merge",
          "-p",
          '{"spec":{"order":1851}}',
          "--dry-run=server",
          "-o",
          "jsonpath={.spec.order}",
        );
        expect([patched.code, patched.out]).toEqual([0, "1851"]);
        const live = await kubectl(
          kubeconfig(),
          "get",
          "globalnetworkpolicy",
          "deny-all-outbound-public",
          "-o",
          "jsonpath={.spec.order}",
        );
        expect(live.out).toBe("1850");
      });

      it("deletes them again", async () => {
        const del = await kubectl(kubeconfig(), "delete", "-f", samples);
        expect(del.code).toBe(0);
        expect(del.out.trim().split("\n")).toEqual(APPLIED.map((o) => `${o.replace(/\/(.*)$/, ' "$1"')} deleted`));
      });
    });
  });
}

let sim: KubeSim;
beforeAll(async () => {
  sim = await startKubeSim({ scenario: "ibm-classic", storage: "v3" });
  writeFileSync(join(dir, "sim"), sim.kubeconfig);
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

applyChecks("kube-sim (ibm-classic, v3 storage)", () => join(dir, "sim"));

const real = connectionFromEnv(process.env, "v3");
if (real !== undefined) {
  applyChecks(
    "the real kube-apiserver (v3 CRDs)",
    () => real.kubeconfigs.admin,
    async () => {
      for (const ns of ["openshift-ingress", "openshift-monitoring"]) {
        await kubectl(real.kubeconfigs.admin, "create", "namespace", ns);
      }
    },
  );
}

describeWithShared("Calico's upstream CRDs", (shared) => {
  describe.skipIf(!kubectlFound)("kubectl installing Calico's upstream CRDs into kube-sim", () => {
    let empty: KubeSim;
    const config = join(dir, "empty");
    beforeAll(async () => {
      empty = await startKubeSim({ scenario: "empty", storage: "v3" });
      writeFileSync(config, empty.kubeconfig);
    });
    afterAll(() => empty.close());

    it("serves the classic group from the applied CRDs and validates against their schemas", async () => {
      const crds = shared.path("calico/crds");
      const applied = await kubectl(config, "apply", "--server-side", "-f", crds);
      expect(applied.code).toBe(0);
      expect(applied.out.trim().split("\n")).toHaveLength(9);
      const resources = await kubectl(config, "api-resources", "--api-group=crd.projectcalico.org", "-o", "name");
      expect(resources.out.trim().split("\n")).toContain("globalnetworkpolicies.crd.projectcalico.org");
      const manifest = join(dir, "invalid.json");
      writeFileSync(
        manifest,
        JSON.stringify({
          apiVersion: "crd.projectcalico.org/v1",
          kind: "GlobalNetworkPolicy",
          metadata: { name: "via-upstream-crd" },
          spec: { ingress: [{ action: "Maybe" }] },
        }),
      );
      const rejected = await kubectl(config, "create", "-f", manifest);
      expect(rejected.code).not.toBe(0);
      expect(rejected.err).toContain('spec.ingress[0].action: Unsupported value: "Maybe"');
    });
  });
});

describe.skipIf(!kubectlFound)("kubectl against kube-sim's roles", () => {
  it("reports what the viewer may do from SelfSubjectAccessReviews", async () => {
    const viewer = join(dir, "viewer");
    writeFileSync(viewer, sim.kubeconfigFor("viewer"));
    expect((await kubectl(viewer, "auth", "can-i", "list", "globalnetworkpolicies.projectcalico.org")).out.trim()).toBe(
      "yes",
    );
    expect(
      (await kubectl(viewer, "auth", "can-i", "create", "globalnetworkpolicies.projectcalico.org")).out.trim(),
    ).toBe("no");
    const denied = await kubectl(viewer, "delete", "globalnetworkpolicy", "allow-icmp");
    expect(denied.err.trim()).toBe(
      'Error from server (Forbidden): globalnetworkpolicies.projectcalico.org "allow-icmp" is forbidden: User "viewer" cannot delete resource "globalnetworkpolicies" in API group "projectcalico.org" at the cluster scope',
    );
  });
});
