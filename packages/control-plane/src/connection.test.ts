import { describe, expect, it } from "vitest";
import { CONNECTION_ENV, type ControlPlaneConnection, connectionFromEnv, parseConnection } from "./connection.js";

const connection: ControlPlaneConnection = {
  server: "https://127.0.0.1:6443",
  caPem: "-----BEGIN CERTIFICATE-----\n...",
  crds: "v3",
  tokens: { admin: "a", editor: "e", viewer: "v" },
  kubeconfigs: { admin: "/tmp/a.yaml", editor: "/tmp/e.yaml", viewer: "/tmp/v.yaml" },
};

describe("control-plane connection", () => {
  it("round-trips through the environment", () => {
    expect(connectionFromEnv({ [CONNECTION_ENV]: JSON.stringify(connection) })).toEqual(connection);
    expect(connectionFromEnv({})).toBeUndefined();
  });

  it("rejects JSON that is not a connection", () => {
    expect(() => parseConnection(JSON.stringify({ ...connection, crds: "v2" }))).toThrow(CONNECTION_ENV);
    expect(() => parseConnection(JSON.stringify({ ...connection, tokens: { admin: "a" } }))).toThrow(CONNECTION_ENV);
  });
});
