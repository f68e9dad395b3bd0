import { CustomObjectsApi, KubeConfig, VersionApi } from "@kubernetes/client-node";
import { afterEach, describe, expect, it } from "vitest";
import { CONNECTION_ENV, type ControlPlaneConnection, connectionEnvFor, connectionFromEnv } from "./connection.js";
import type { CrdSet } from "./crds.js";
import setup, { type ProvideTarget } from "./vitest-setup.js";

// A cold machine builds the binaries first; see control-plane.int.test.ts.
const START_TIMEOUT_MS = 30 * 60_000;
const ENV_NAMES = [CONNECTION_ENV, connectionEnvFor("v1"), connectionEnvFor("v3"), "PALISADE_CONTROL_PLANE_CRDS"];

interface Provided {
  primary?: ControlPlaneConnection;
  all?: Partial<Record<CrdSet, ControlPlaneConnection>>;
}

function recordingProject(): { project: ProvideTarget; provided: Provided } {
  const provided: Provided = {};
  const project: ProvideTarget = {
    provide: (key, value) => {
      if (key === "palisadeControlPlane") provided.primary = value as ControlPlaneConnection;
      else if (key === "palisadeControlPlanes") provided.all = value as Partial<Record<CrdSet, ControlPlaneConnection>>;
      else throw new Error(`unexpected provide(${key})`);
    },
  };
  return { project, provided };
}

function kubeConfig(path: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(path);
  return kc;
}

describe("vitest global setup", () => {
  const saved = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it(
    "starts one server per CRD set, publishes them through provide and the environment, and tears them down",
    async () => {
      for (const name of ENV_NAMES) delete process.env[name];
      process.env.PALISADE_CONTROL_PLANE_CRDS = "v3,v1";
      const { project, provided } = recordingProject();
      const teardown = await setup(project);
      expect(teardown).toBeTypeOf("function");

      expect(provided.primary?.crds).toBe("v3");
      expect(provided.all?.v3).toEqual(provided.primary);
      expect(provided.all?.v1?.crds).toBe("v1");
      expect(provided.all?.v1?.server).not.toBe(provided.primary?.server);
      expect(connectionFromEnv()).toEqual(provided.primary);
      expect(connectionFromEnv(process.env, "v1")).toEqual(provided.all?.v1);

      // Each server serves its own group only.
      for (const [crds, group, version, other] of [
        ["v1", "crd.projectcalico.org", "v1", "projectcalico.org"],
        ["v3", "projectcalico.org", "v3", "crd.projectcalico.org"],
      ] as const) {
        const connection = provided.all?.[crds];
        expect(connection).toBeDefined();
        const custom = kubeConfig(connection?.kubeconfigs.viewer ?? "").makeApiClient(CustomObjectsApi);
        await expect(
          custom.listClusterCustomObject({ group, version, plural: "globalnetworkpolicies" }),
        ).resolves.toBeDefined();
        await expect(
          custom.listClusterCustomObject({
            group: other,
            version: crds === "v1" ? "v3" : "v1",
            plural: "globalnetworkpolicies",
          }),
        ).rejects.toMatchObject({ code: 404 });
      }

      const viewer = kubeConfig(provided.primary?.kubeconfigs.viewer ?? "").makeApiClient(VersionApi);
      expect((await viewer.getCode()).major).toBe("1");

      await teardown?.();
      for (const name of [CONNECTION_ENV, connectionEnvFor("v1"), connectionEnvFor("v3")]) {
        expect(process.env[name]).toBeUndefined();
      }
      await expect(viewer.getCode()).rejects.toThrow();
    },
    START_TIMEOUT_MS,
  );

  it("reuses servers already announced in the environment instead of starting any", async () => {
    const announced: ControlPlaneConnection = {
      server: "https://127.0.0.1:1",
      caPem: "unused",
      crds: "v3",
      tokens: { admin: "a", editor: "e", viewer: "v" },
      kubeconfigs: { admin: "/nonexistent/a", editor: "/nonexistent/e", viewer: "/nonexistent/v" },
    };
    for (const name of ENV_NAMES) delete process.env[name];
    process.env[CONNECTION_ENV] = JSON.stringify(announced);
    const { project, provided } = recordingProject();
    expect(await setup(project)).toBeUndefined();
    expect(provided.primary).toEqual(announced);
    expect(provided.all).toEqual({ v3: announced });
  });
});
