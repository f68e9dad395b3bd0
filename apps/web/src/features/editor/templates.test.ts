import { describe, expect, it } from "vitest";
import { TEMPLATES } from "./templates";
import { diagnose } from "./validateText";

describe("editor templates", () => {
  it.each(TEMPLATES.map((t) => [t.id, t.yaml] as const))("%s opens without markers", (_id, yaml) => {
    expect(diagnose(yaml)).toEqual([]);
  });

  it("marks what the admin policies' CRDs refuse, at the field", () => {
    const anp = TEMPLATES.find((t) => t.id === "admin-network-policy")?.yaml ?? "";
    const marks = diagnose(anp.replace("priority: 20", "priority: 2000"));
    expect(marks.map((d) => d.message)).toContainEqual(expect.stringContaining("maximum 1000"));
  });
});
