import { describe, expect, it } from "vitest";
import { yamlFileName } from "./fileName";

const gnp = (name: string) =>
  `apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n  order: 500\n`;

describe("yamlFileName", () => {
  it("names the file after the policy", () => {
    expect(yamlFileName(gnp("allow-lb-clients"), "prednat-allowlist")).toBe("allow-lb-clients.yaml");
  });

  it("names a multi-document file after the first object and counts the others", () => {
    const yaml = `${gnp("deny-nodeports")}---\n${gnp("allow-lb-clients")}---\n${gnp("log-denied")}`;
    expect(yamlFileName(yaml, "x")).toBe("deny-nodeports-and-2-more.yaml");
  });

  it("counts a name repeated in several documents once", () => {
    expect(yamlFileName(`${gnp("a")}---\n${gnp("a")}`, "x")).toBe("a.yaml");
  });

  it("falls back to the given name when the edited YAML names nothing or does not parse", () => {
    expect(yamlFileName("kind: GlobalNetworkPolicy\nspec: {}\n", "deny-nodeports")).toBe("deny-nodeports.yaml");
    expect(yamlFileName("metadata: [unclosed", "prednat-allowlist")).toBe("prednat-allowlist.yaml");
    expect(yamlFileName("", "")).toBe("policy.yaml");
  });

  it("keeps path separators and spaces out of the file name", () => {
    expect(yamlFileName(gnp('"../etc/my policy"'), "x")).toBe("etc-my-policy.yaml");
    expect(yamlFileName(gnp('"..."'), "log-denied-packets")).toBe("log-denied-packets.yaml");
  });
});
