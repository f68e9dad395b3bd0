import { describeWithShared } from "@palisade/reference/vitest";
import { Compile } from "typebox/schema";
import { expect, it } from "vitest";
import { resourceJsonSchema } from "../model/json-schema";
import { RESOURCE_KINDS, resourceKindOf } from "../model/kinds";
import { loadYaml } from "../yaml/load";
import { field } from "./issues";
import { validateManifests } from "./manifests";

/** The editor's schema must not mark anything in a valid manifest (src/model/editor-schema.ts). */
const editorSchemas = new Map(RESOURCE_KINDS.map((k) => [k, Compile(resourceJsonSchema(k) as never)]));

/** Templates and unparseable files listed in shared/fixtures/INVENTORY.md ("Templates and non-parseable files"). */
function listedTemplates(inventory: string): Set<string> {
  const section = inventory.split("### Templates and non-parseable files")[1]?.split("\n## ")[0] ?? "";
  return new Set([...section.matchAll(/^- `([^`]+)`/gm)].map((m) => `fixtures/${m[1]}`));
}

/**
 * Upstream documentation examples that Calico itself rejects (checked against Calico's Go validator, the oracle in
 * packages/calico/oracle): the field paths each must be reported at. They are not templates, so they are listed
 * here rather than in INVENTORY.md.
 */
const INVALID_UPSTREAM_EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  // Numeric port without a protocol.
  "fixtures/calico-examples/tigera-docs/calico/network-policy/get-started/calico-policy/calico-labels/01-foo-and-bar.yaml":
    ["0 spec.ingress[0].destination.ports[0]"],
  "fixtures/calico-examples/tigera-docs/calico/network-policy/get-started/calico-policy/calico-labels/02-foo-and-bar.yaml":
    ["0 spec.ingress[0].destination.ports[0]"],
  // ICMP type/code written with a comment that lost its '#': a string where an integer belongs.
  "fixtures/calico-examples/tigera-docs/calico/network-policy/policy-rules/icmp-ping/02-allow-ping-in-cluster.yaml": [
    "0 spec.ingress[0].icmp.type",
    "0 spec.ingress[1].icmp.type",
  ],
  "fixtures/calico-examples/tigera-docs/calico/network-policy/policy-rules/icmp-ping/03-allow-host-unreachable.yaml": [
    "0 spec.ingress[0].icmp.type",
    "0 spec.ingress[0].icmp.code",
  ],
  // CIDRs with host bits set (the `net` tag wants networks).
  "fixtures/calico-examples/tigera-docs/calico/network-policy/services/kubernetes-node-ports/01-allow-cluster-internal-ingress-only.yaml":
    ["0 spec.ingress[0].source.nets[0]", "0 spec.ingress[0].source.nets[1]"],
  // Comment text inside a CIDR.
  "fixtures/calico-examples/tigera-docs/calico/network-policy/services/services-cluster-ips/01-allow-cluster-ips.yaml":
    ["0 spec.ingress[0].destination.nets[0]", "0 spec.ingress[1].destination.nets[0]"],
  // Rules indented under `types`.
  "fixtures/calico-examples/tigera-docs/calico/network-policy/services/services-cluster-ips/03-allow-traffic-hostendpoints.yaml":
    ["0 spec.types", "0 spec.types[1]", "0 spec.types[2]"],
  // A host endpoint with neither interfaceName nor expectedIPs.
  "fixtures/calico-examples/tigera-docs/calico/reference/calicoctl/get/01-endpoint1.yaml": ["1 spec.interfaceName"],
  // `interface` instead of `interfaceName`.
  "fixtures/calico-examples/tigera-docs/calico/reference/resources/overview/01-endpoint1.yaml": [
    "0 spec.interface",
    "1 spec.interface",
  ],
};

describeWithShared("every fixture in ../shared/fixtures (and the editor schema on the valid ones)", (shared) => {
  const files = shared.list("fixtures", [".yaml", ".yml"]);
  const templates = listedTemplates(shared.read("fixtures/INVENTORY.md"));

  it("finds the fixtures and the listed templates", () => {
    expect(files.length).toBeGreaterThan(300);
    expect(templates.size).toBe(14);
    for (const t of templates) expect(files).toContain(t);
  });

  it.each(Object.entries(INVALID_UPSTREAM_EXAMPLES))("%s is rejected as Calico rejects it", (file, expected) => {
    const reports = validateManifests(shared.read(file));
    const found = reports.flatMap((r) => r.errors.map((e) => `${r.index} ${e.path}`));
    expect([...new Set(found)].sort()).toEqual([...expected].sort());
  });

  it.each(files.filter((f) => !templates.has(f) && INVALID_UPSTREAM_EXAMPLES[f] === undefined))(
    "%s loads and validates",
    (file) => {
      const text = shared.read(file);
      const reports = validateManifests(text);
      expect(reports.length).toBeGreaterThan(0);
      for (const { value } of loadYaml(text).resources) {
        const kind = resourceKindOf(field(value, "apiVersion"), field(value, "kind"));
        expect(kind === undefined || editorSchemas.get(kind)?.Check(value)).toBe(true);
      }
      for (const r of reports)
        expect({ document: r.document, kind: r.kind, name: r.name, errors: r.errors }).toEqual({
          document: r.document,
          kind: r.kind,
          name: r.name,
          errors: [],
        });
    },
  );

  it.each([...templates])("%s fails with a placeholder error naming the location", (file) => {
    const reports = validateManifests(shared.read(file));
    expect(reports.some((r) => !r.valid)).toBe(true);
    const placeholders = reports.flatMap((r) => r.errors).filter((e) => e.message.startsWith("template placeholder"));
    expect(placeholders.length).toBeGreaterThan(0);
    for (const e of placeholders) {
      expect(e.line).toBeGreaterThan(0);
      expect(e.column).toBeGreaterThan(0);
      expect(e.message).toContain("fill it in");
    }
  });
});
