import { describe, expect, it } from "vitest";
import { DEFAULT_LOAD_LIMITS, loadYaml, locate } from "./load";

const kinds = (text: string) => loadYaml(text).resources.map((r) => (r.value as { kind?: string }).kind);

describe("loadYaml", () => {
  it("reads multi-document files and skips empty documents", () => {
    const text = "---\n---\n# only a comment\n---\nkind: A\n---\nkind: B\n...\n";
    const result = loadYaml(text);
    expect(result.errors).toEqual([]);
    expect(result.resources.map((r) => [r.document, (r.value as { kind: string }).kind])).toEqual([
      [2, "A"],
      [3, "B"],
    ]);
  });

  it("unwraps kind: List, *List kinds and bare top-level sequences, numbering items", () => {
    expect(kinds("kind: List\napiVersion: v1\nitems:\n- kind: A\n- kind: B\n")).toEqual(["A", "B"]);
    expect(kinds("kind: GlobalNetworkPolicyList\nitems: [{kind: A}]\n")).toEqual(["A"]);
    const seq = loadYaml("- kind: A\n- kind: B\n");
    expect(seq.resources.map((r) => [r.index, r.item, r.position.line])).toEqual([
      [0, 0, 1],
      [1, 1, 2],
    ]);
  });

  it("accepts flow style and JSON", () => {
    expect(kinds('{"kind": "A", "spec": {"order": 1}}')).toEqual(["A"]);
    expect(kinds("{kind: A, spec: {ingress: [{action: Allow}]}}")).toEqual(["A"]);
  });

  it("records where each field path starts", () => {
    const [r] = loadYaml("kind: A\nspec:\n  ingress:\n  - action: Allow\n    protocol: TCP\n").resources;
    if (r === undefined) throw new Error("no resource");
    expect(r.locations["spec.ingress[0].protocol"]).toEqual({ line: 5, column: 15 });
    expect(locate(r, "spec.ingress[0].destination.ports[0]")).toEqual({ line: 4, column: 5 });
    expect(locate(r, "nothing.here")).toEqual({ line: 1, column: 1 });
  });

  it("reports template placeholders with path, line and column", () => {
    const result = loadYaml(
      "kind: HostEndpoint\nmetadata:\n  name: <worker-node-name>-public\nspec:\n  expectedIPs:\n  - <worker-ip>\n",
    );
    expect(result.errors).toEqual([
      expect.objectContaining({ kind: "placeholder", path: "metadata.name", line: 3, column: 9 }),
      expect.objectContaining({ kind: "placeholder", path: "spec.expectedIPs[0]", line: 6, column: 5 }),
    ]);
    expect(result.errors[0]?.message).toContain("template placeholder");
    expect(result.errors[0]?.message).toContain("fill it in");
  });

  it("ignores placeholders in comments", () => {
    expect(loadYaml("# replace <your-cidr>\nkind: A\n").errors).toEqual([]);
  });

  it("reports placeholders in documents that do not parse", () => {
    const result = loadYaml("kind: HostEndpoint\nspec:\n\t(...)\n");
    expect(result.resources).toEqual([]);
    expect(result.errors.some((e) => e.kind === "syntax" && e.line === 3)).toBe(true);
    expect(result.errors).toContainEqual(expect.objectContaining({ kind: "placeholder", line: 3, column: 2 }));
  });

  it("reports syntax errors with their position and keeps other documents", () => {
    const result = loadYaml("kind: A\n---\nkind: [\n---\nkind: C\n");
    expect(result.errors[0]).toMatchObject({ kind: "syntax", document: 1 });
    expect(result.resources.map((r) => r.document)).toEqual([0, 2]);
  });

  it("resolves scalars as go-yaml v2 does: YAML 1.1 booleans, no base-60 numbers, no timestamps", () => {
    const [r] = loadYaml("preDNAT: yes\nlabel: on\nports: [80:81, 1:20, 0755]\nat: 2026-01-02T03:04:05Z\n").resources;
    expect(r?.value).toEqual({ preDNAT: true, label: true, ports: ["80:81", "1:20", 493], at: "2026-01-02T03:04:05Z" });
  });

  it("supports merge keys", () => {
    const [, r] = loadYaml("base: &b {action: Allow}\n---\nrule:\n  <<: {action: Deny}\n  protocol: TCP\n").resources;
    expect(r?.value).toEqual({ rule: { action: "Deny", protocol: "TCP" } });
  });

  it("rejects duplicate keys", () => {
    expect(loadYaml("kind: A\nkind: B\n").errors[0]?.kind).toBe("syntax");
  });

  it("caps alias expansion (billion laughs)", () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
    ].join("\n");
    const result = loadYaml(bomb);
    expect(result.resources).toEqual([]);
    expect(result.errors).toEqual([
      expect.objectContaining({ kind: "limit", message: expect.stringContaining("aliases") }),
    ]);
  });

  it("caps nesting depth and input size", () => {
    let deep = "x";
    for (let i = 0; i < 100; i++) deep = `{a: ${deep}}`;
    expect(loadYaml(deep).errors).toEqual([
      expect.objectContaining({ kind: "limit", message: expect.stringContaining("nesting") }),
    ]);
    expect(loadYaml("[".repeat(20000)).errors.every((e) => e.kind === "limit" || e.kind === "syntax")).toBe(true);
    expect(loadYaml("[".repeat(20000)).errors.length).toBeLessThanOrEqual(5);
    const big = "a".repeat(DEFAULT_LOAD_LIMITS.maxBytes + 1);
    expect(loadYaml(big).errors).toEqual([
      expect.objectContaining({ kind: "limit", message: expect.stringContaining("bytes") }),
    ]);
  });
});
