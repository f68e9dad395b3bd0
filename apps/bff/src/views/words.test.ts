import { describe, expect, it } from "vitest";
import { peerWords, policySummaryWords, ruleWords } from "./words";

describe("rules in words", () => {
  it("spells out IBM's default rules", () => {
    expect(ruleWords({ action: "Allow", protocol: "TCP", destination: { ports: [52311] } })).toBe(
      "Allow TCP to port 52311",
    );
    expect(ruleWords({ action: "Allow", destination: {}, source: {} })).toBe("Allow everything");
    expect(
      ruleWords({
        action: "Deny",
        protocol: "UDP",
        source: { nets: ["10.0.0.0/8"], notNets: ["10.1.0.0/16"] },
        destination: { ports: ["30000:32767"] },
      }),
    ).toBe("Deny UDP from 10.0.0.0/8 except 10.1.0.0/16 to port 30000:32767");
    expect(ruleWords({ action: "Allow", protocol: "ICMP", icmp: { type: 8, code: 0 } })).toBe(
      "Allow ICMP type 8 code 0",
    );
  });

  it("names selectors, namespaces and service accounts", () => {
    expect(peerWords({ selector: "run == 'access'", namespaceSelector: "global()" })).toBe(
      "endpoints matching run == 'access' non-namespaced endpoints (hosts, global network sets)",
    );
    expect(peerWords({ serviceAccounts: { names: ["api", "web"] }, ports: [80, 443] })).toBe(
      "service accounts api, web ports 80, 443",
    );
    expect(peerWords(undefined)).toBe("anywhere");
  });

  it("summarises a policy in one line", () => {
    const r = { action: "Allow" as const, protocol: "TCP", destination: { ports: [80] } };
    expect(policySummaryWords([r, r, r], [], false)).toBe(
      "ingress: Allow TCP to port 80; ingress: Allow TCP to port 80; and 1 more",
    );
    expect(policySummaryWords([], [], false)).toBe("no rules: denies the selected traffic at the end of its tier");
  });
});
