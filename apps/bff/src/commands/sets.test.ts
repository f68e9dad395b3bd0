import {
  generateIsolationSet,
  ISOLATION_REGION_IDS,
  ISOLATION_SETS,
  loadYaml,
  markedObjects,
  POLICY_SET_LABEL,
} from "@palisade/calico";
import { describe, expect, it } from "vitest";
import { setsCommand } from "./sets";

async function run(...args: string[]) {
  let out = "";
  const err: string[] = [];
  const code = await setsCommand(args, { out: (t) => (out += t), err: (l) => err.push(l) });
  return { code, out, err };
}

function documents(yaml: string) {
  const loaded = loadYaml(yaml);
  expect(loaded.errors).toEqual([]);
  return loaded.resources.map((r) => r.value as { kind: string; metadata: { name: string; labels?: object } });
}

describe("palisade sets list", () => {
  it("lists both sets with every member, and every region with its note", async () => {
    const { code, out } = await run("list");
    expect(code).toBe(0);
    for (const set of Object.values(ISOLATION_SETS)) {
      expect(out).toContain(`${set.id}: `);
      for (const m of set.members) expect(out).toContain(` ${m.id}: `);
    }
    for (const r of ISOLATION_REGION_IDS) expect(out).toMatch(new RegExp(`^  ${r} \\(`, "m"));
    expect(out).toContain("a Toronto single-zone cluster uses us-east");
  });
});

describe("palisade sets generate", () => {
  it("prints the core members, marked for Palisade, as multi-document YAML", async () => {
    const { code, out, err } = await run("generate", "public-isolation", "--region", "us-south");
    expect({ code, err }).toEqual({ code: 0, err: [] });
    const expected = generateIsolationSet("public-isolation", { region: "us-south" });
    expect(expected.ok).toBe(true);
    if (expected.ok) expect(documents(out)).toEqual(markedObjects(expected.value));
    expect(documents(out).map((d) => d.metadata.name)).toEqual([
      "allow-egress-pods-public",
      "allow-ibm-ports-public",
      "allow-public-service-endpoint",
      "deny-all-outbound-public",
    ]);
  });

  it("--all adds every optional member, --pod-subnet replaces the default, --plain leaves the marks off", async () => {
    const { code, out } = await run(
      "generate",
      "private-isolation",
      "--region",
      "eu-de",
      "--all",
      "--pod-subnet",
      "10.244.0.0/16",
      "--plain",
    );
    expect(code).toBe(0);
    const docs = documents(out);
    expect(docs.map((d) => d.metadata.name)).toEqual(
      expect.arrayContaining(["allow-private-services", "allow-private-services-pods", "allow-vrrp-private"]),
    );
    expect(docs).toHaveLength(10);
    expect(out).toContain("10.244.0.0/16");
    expect(out).not.toContain("172.30.0.0/16");
    for (const d of docs) expect(d.metadata.labels).toBeUndefined();
  });

  it("--with picks optional members; --worker adds a private host endpoint per worker", async () => {
    const { code, out } = await run(
      "generate",
      "private-isolation",
      "--region",
      "us-east",
      "--with",
      "allow-vrrp-private",
      "--worker",
      "10.176.48.106=10.176.48.106",
      "--worker",
      "10.184.58.23=10.184.58.23",
    );
    expect(code).toBe(0);
    const docs = documents(out);
    expect(docs.filter((d) => d.kind === "HostEndpoint").map((d) => d.metadata.name)).toEqual([
      "10.176.48.106-worker-private",
      "10.184.58.23-worker-private",
    ]);
    expect(docs.map((d) => d.metadata.name)).toContain("allow-vrrp-private");
    expect(docs.map((d) => d.metadata.name)).not.toContain("allow-private-services");
    for (const d of docs) expect(d.metadata.labels).toHaveProperty([POLICY_SET_LABEL], "private-isolation");
  });

  it.each([
    [["generate", "public-isolation", "--region", "mars-1"], '--region: unknown region "mars-1"'],
    [
      ["generate", "public-isolation", "--region", "us-south", "--with", "allow-vrrp-private"],
      '--with: public-isolation has no member "allow-vrrp-private"',
    ],
    [
      ["generate", "public-isolation", "--region", "us-south", "--pod-subnet", "10.0.0/8"],
      '--pod-subnet: "10.0.0/8" is not a CIDR',
    ],
    [["generate", "public-isolation"], "--region is required"],
    [["generate", "dmz-isolation", "--region", "us-south"], "name one set: public-isolation or private-isolation"],
    [["generate", "private-isolation", "--region", "us-south", "--worker", "w1"], '--worker "w1": expected NODE=IP'],
    [
      ["generate", "public-isolation", "--region", "us-south", "--worker", "w1=10.0.0.1"],
      "--worker: only the private set",
    ],
    [["generate", "public-isolation", "--region", "us-south", "--colour", "blue"], "Unknown option '--colour'"],
    [["frobnicate"], "usage: palisade sets list"],
  ])("%j exits 2 with a clear error and prints no YAML", async (args, message) => {
    const { code, out, err } = await run(...args);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err.join("\n")).toContain(message);
  });
});
