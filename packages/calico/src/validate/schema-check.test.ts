import { describe, expect, it } from "vitest";
import { Issues } from "./issues";
import { checkSchema } from "./schema-check";

const schema = {
  type: "object",
  required: ["action"],
  properties: {
    action: { type: "string", enum: ["Allow", "Deny"] },
    order: { type: "number" },
    ports: { type: "array", maxItems: 2, items: { anyOf: [{ type: "integer" }, { type: "string" }] } },
    nets: { type: "array", items: { type: "string" }, "x-kubernetes-list-type": "set" },
    types: { type: "array", minItems: 1, items: { type: "string" } },
    labels: { type: "object", additionalProperties: { type: "string" } },
    name: { type: "string", maxLength: 5, pattern: "^[a-z]+$" },
    icmp: { type: "object", properties: { type: { type: "integer", minimum: 0, maximum: 254 } } },
    tierAction: { type: "string", allOf: [{ enum: ["Allow", "Deny", "Pass"] }, { enum: ["Pass", "Deny"] }] },
  },
};

const check = (value: unknown) => {
  const issues = new Issues();
  checkSchema(schema, value, "spec", issues);
  return issues.errors.map((e) => `${e.path}: ${e.message}`);
};

describe("checkSchema", () => {
  it("accepts a conforming value and treats null as absent", () => {
    expect(
      check({
        action: "Allow",
        order: 1.5,
        ports: [80, "http"],
        nets: ["a", "b"],
        labels: { a: "b" },
        name: "ab",
        icmp: { type: 0 },
        tierAction: "Pass",
        types: null,
      }),
    ).toEqual([]);
  });

  it("names each problem's path and what would be right", () => {
    expect(
      check({
        order: "1",
        ports: [true, 1, 2],
        nets: ["a", "a"],
        types: [],
        labels: { a: 1 },
        name: "ABCDEF",
        icmp: { type: 255, code: 1 },
        tierAction: "Allow",
        extra: 1,
      }),
    ).toEqual([
      "spec.action: is required",
      'spec.order: must be a number, not the string "1"',
      "spec.ports: has 3 entries; at most 2 are allowed",
      "spec.ports[0]: must be integer or string, not boolean true",
      'spec.nets[1]: duplicate value "a"; each entry may appear only once',
      "spec.types: needs at least 1 entry; remove it or add one",
      "spec.labels.a: must be a string, not number 1",
      "spec.name: is 6 characters long; at most 5 are allowed",
      'spec.name: "ABCDEF" does not match the pattern ^[a-z]+$',
      "spec.icmp.type: 255 is above the maximum 254",
      'spec.icmp.code: unknown field "code"; known fields here: type',
      'spec.tierAction: the string "Allow" is not allowed; use one of "Deny", "Pass"',
      'spec.extra: unknown field "extra"; known fields here: action, order, ports, nets, types, labels, name, icmp, tierAction',
    ]);
  });
});
