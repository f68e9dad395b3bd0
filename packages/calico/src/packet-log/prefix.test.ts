import { describe, expect, it } from "vitest";
import {
  checkLogPrefix,
  isTemplated,
  readLogPrefix,
  renderLogPrefix,
  shortPolicyKind,
  supportsLogPrefixTemplates,
} from "./prefix";

describe("renderLogPrefix", () => {
  it("renders Calico's own felix/fv example: specifiers left to right, `%%t` a literal % then the tier", () => {
    const policy = { tier: "default", shortKind: "gnp", name: "ep2-4" };
    expect(renderLogPrefix("aXy9%n%%t %k %p", policy)).toBe("aXy9ep2-4%default gnp ep2-4");
  });

  it("writes namespace/name for %p of a namespaced policy, and the default prefix for an empty template", () => {
    const policy = { tier: "platform", shortKind: "np", namespace: "shop", name: "api" };
    expect(renderLogPrefix("calico-packet %t %k %p", policy)).toBe("calico-packet platform np shop/api");
    expect(renderLogPrefix("", policy)).toBe("calico-packet");
  });

  it("reads back what it renders", () => {
    const policy = { tier: "platform", shortKind: "np", namespace: "shop", name: "api" };
    const template = "cp %t/%k/%p";
    expect(readLogPrefix(`${renderLogPrefix(template, policy)}: `, template)).toEqual({
      tier: "platform",
      kind: "NetworkPolicy",
      namespace: "shop",
      name: "api",
    });
  });
});

describe("isTemplated and checkLogPrefix", () => {
  it("knows the four specifiers only, and the CRD's character set", () => {
    expect(isTemplated("calico-packet")).toBe(false);
    expect(isTemplated("calico %x")).toBe(false);
    expect(isTemplated("calico %k")).toBe(true);
    expect(checkLogPrefix("calico-packet %t/%k/%n")).toBeUndefined();
    expect(checkLogPrefix("calico=%n")).toMatch(/^logPrefix: /);
  });
});

describe("supportsLogPrefixTemplates and shortPolicyKind", () => {
  it("says yes from Calico 3.32, no before, unknown without a version", () => {
    expect(supportsLogPrefixTemplates({ major: 3, minor: 32 })).toBe(true);
    expect(supportsLogPrefixTemplates({ major: 4, minor: 0 })).toBe(true);
    expect(supportsLogPrefixTemplates({ major: 3, minor: 31 })).toBe(false);
    expect(supportsLogPrefixTemplates(undefined)).toBeUndefined();
  });

  it("uses Felix's short kind names", () => {
    expect(shortPolicyKind("GlobalNetworkPolicy")).toBe("gnp");
    expect(shortPolicyKind("StagedKubernetesNetworkPolicy")).toBe("sknp");
    expect(shortPolicyKind("Other")).toBe("Other");
  });
});
