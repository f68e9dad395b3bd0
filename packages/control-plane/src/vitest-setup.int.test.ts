import { KubeConfig, VersionApi } from "@kubernetes/client-node";
import { afterEach, describe, expect, it } from "vitest";
import { CONNECTION_ENV, type ControlPlaneConnection, connectionFromEnv } from "./connection.js";
import setup, { type ProvideTarget } from "./vitest-setup.js";

// A cold machine builds the binaries first; see control-plane.int.test.ts.
const START_TIMEOUT_MS = 30 * 60_000;

function recordingProject(): { project: ProvideTarget; provided: () => ControlPlaneConnection | undefined } {
  let value: ControlPlaneConnection | undefined;
  const project: ProvideTarget = {
    provide: (key, provided) => {
      expect(key).toBe("palisadeControlPlane");
      value = provided;
    },
  };
  return { project, provided: () => value };
}

describe("vitest global setup", () => {
  const saved = process.env[CONNECTION_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[CONNECTION_ENV];
    else process.env[CONNECTION_ENV] = saved;
  });

  it(
    "starts a control plane, publishes it through provide and the environment, and tears it down",
    async () => {
      delete process.env[CONNECTION_ENV];
      const { project, provided } = recordingProject();
      const teardown = await setup(project);
      expect(teardown).toBeTypeOf("function");
      const connection = provided();
      expect(connection?.crds).toBe("v1");
      expect(connectionFromEnv()).toEqual(connection);

      const kc = new KubeConfig();
      kc.loadFromFile(connection?.kubeconfigs.viewer ?? "");
      const version = await kc.makeApiClient(VersionApi).getCode();
      expect(version.major).toBe("1");

      await teardown?.();
      expect(process.env[CONNECTION_ENV]).toBeUndefined();
      await expect(kc.makeApiClient(VersionApi).getCode()).rejects.toThrow();
    },
    START_TIMEOUT_MS,
  );

  it("reuses a control plane already announced in the environment instead of starting one", async () => {
    const announced: ControlPlaneConnection = {
      server: "https://127.0.0.1:1",
      caPem: "unused",
      crds: "v3",
      tokens: { admin: "a", editor: "e", viewer: "v" },
      kubeconfigs: { admin: "/nonexistent/a", editor: "/nonexistent/e", viewer: "/nonexistent/v" },
    };
    process.env[CONNECTION_ENV] = JSON.stringify(announced);
    const { project, provided } = recordingProject();
    expect(await setup(project)).toBeUndefined();
    expect(provided()).toEqual(announced);
  });
});
