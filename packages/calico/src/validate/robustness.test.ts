import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadYaml } from "../yaml/load";
import { FRAGMENTS, validateFragment } from "./fragment";
import { validateManifests } from "./manifests";
import { validateResource } from "./resource";

/** Bad input is a value, never an exception (docs/house-style.md): any JSON-like value, any text. */
const RUNS = { numRuns: 300, seed: 20261126 };

const kinds = fc.constantFrom(
  "GlobalNetworkPolicy",
  "NetworkPolicy",
  "HostEndpoint",
  "GlobalNetworkSet",
  "NetworkSet",
  "Tier",
  "StagedGlobalNetworkPolicy",
  "StagedNetworkPolicy",
  "StagedKubernetesNetworkPolicy",
);
const resourceLike = fc.record({
  apiVersion: fc.constantFrom("projectcalico.org/v3", "networking.k8s.io/v1", "v1"),
  kind: kinds,
  metadata: fc.anything(),
  spec: fc.oneof(
    fc.anything(),
    fc.record(
      {
        ingress: fc.array(fc.anything()),
        egress: fc.array(
          fc.dictionary(
            fc.constantFrom("action", "protocol", "source", "destination", "icmp", "http", "ipVersion"),
            fc.anything(),
          ),
        ),
        selector: fc.string(),
        types: fc.anything(),
      },
      { requiredKeys: [] },
    ),
  ),
});

describe("validation never throws", () => {
  it("for arbitrary values and resource-shaped values", () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), resourceLike), (value) => {
        const result = validateResource(value);
        expect(typeof result.valid).toBe("boolean");
        for (const e of result.errors) expect(typeof e.path === "string" && e.message.length > 0).toBe(true);
      }),
      RUNS,
    );
  });

  it("for arbitrary fragments", () => {
    fc.assert(
      fc.property(fc.constantFrom(...FRAGMENTS), fc.anything(), (fragment, value) => {
        expect(typeof validateFragment(fragment, value).valid).toBe("boolean");
      }),
      RUNS,
    );
  });

  it("for arbitrary text, as YAML and as manifests", () => {
    const yamlish = fc.stringMatching(/^[a-z:\-[\]{}&*!|>'" \n\t#0-9.,<>%@`]{0,200}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string(), yamlish), (text) => {
        const loaded = loadYaml(text);
        for (const e of loaded.errors) expect(e.line).toBeGreaterThan(0);
        for (const r of validateManifests(text)) expect(r.valid || r.errors.length > 0).toBe(true);
      }),
      RUNS,
    );
  });
});
