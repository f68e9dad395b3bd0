import { describe, expect, it } from "vitest";
import { ConfigError, parseServeConfig } from "./config";

describe("parseServeConfig", () => {
  it("binds loopback on 7474 by default", () => {
    expect(parseServeConfig([], {})).toEqual({ host: "127.0.0.1", port: 7474, kubeconfig: undefined });
  });

  it("takes flags over environment", () => {
    const env = { PALISADE_HOST: "0.0.0.0", PALISADE_PORT: "9000", KUBECONFIG: "/env/kc" };
    expect(parseServeConfig(["--port", "8080", "--kubeconfig", "/flag/kc"], env)).toEqual({
      host: "0.0.0.0",
      port: 8080,
      kubeconfig: "/flag/kc",
    });
  });

  it("rejects a bad port and unknown flags with a message naming them", () => {
    expect(() => parseServeConfig(["--port", "http"], {})).toThrow(/--port must be an integer/);
    expect(() => parseServeConfig(["--port", "70000"], {})).toThrow(ConfigError);
    expect(() => parseServeConfig(["--bogus"], {})).toThrow(/bogus/);
  });
});
