import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseServeConfig } from "../config";
import { parseFlowsConfig } from "./flows-config";

describe("--flows-config", () => {
  it("reads the ring's capacity and each cluster's Goldmane settings", () => {
    const config = parseFlowsConfig(
      JSON.stringify({
        capacity: 5000,
        goldmane: {
          prod: { address: "127.0.0.1:7443", secret: "calico-system/palisade-goldmane" },
          "*": { caFile: "/ca.pem", certFile: "/c.pem", keyFile: "/k.pem", serverName: "goldmane.calico-system.svc" },
        },
      }),
    );
    expect(config.capacity).toBe(5000);
    expect(config.goldmane.prod).toEqual({ address: "127.0.0.1:7443", secret: "calico-system/palisade-goldmane" });
    expect(config.goldmane["*"]?.keyFile).toBe("/k.pem");
    expect(parseFlowsConfig(undefined)).toEqual({ capacity: 100_000, goldmane: {} });
  });

  it.each([
    ["{", /not JSON/],
    ["[]", /\(top level\): must be an object/],
    ['{"capacity": 0}', /capacity: must be an integer/],
    ['{"capacity": "5"}', /capacity: must be an integer/],
    ['{"ring": 5}', /ring: unknown field/],
    ['{"goldmane": {"prod": {"adress": "x"}}}', /goldmane\.prod\.adress: unknown field/],
    ['{"goldmane": {"prod": {"address": 7443}}}', /goldmane\.prod\.address: must be a non-empty string/],
    ['{"goldmane": {"prod": {"secret": "just-a-name"}}}', /goldmane\.prod\.secret: must be namespace\/name/],
    ['{"goldmane": {"prod": {"caFile": "/ca.pem"}}}', /goldmane\.prod: caFile, certFile and keyFile go together/],
  ])("refuses %s, naming the field", (text, message) => {
    expect(() => parseFlowsConfig(text)).toThrow(message);
  });

  it("is a ConfigError naming the flag and the file from the command line", async () => {
    const dir = await mkdtemp(join(tmpdir(), "palisade-flows-config-"));
    try {
      const file = join(dir, "flows.json");
      await writeFile(file, '{"capacity": -1}');
      expect(() => parseServeConfig(["--flows-config", file], {})).toThrow(`--flows-config ${file}: capacity: must be`);
      expect(() => parseServeConfig([], { PALISADE_FLOWS_CONFIG: join(dir, "nope.json") })).toThrow(/cannot read/);
      await writeFile(file, '{"capacity": 10}');
      expect(parseServeConfig(["--flows-config", file], {}).flows.capacity).toBe(10);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
