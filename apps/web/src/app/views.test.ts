import { describe, expect, it } from "vitest";
import { documentTitle, viewTitle } from "./views";

describe("viewTitle", () => {
  it.each([
    ["/c/demo", "Policies"],
    ["/c/demo/", "Policies"],
    ["/c/demo/policies", "Policies"],
    ["/c/demo/policy-sets", "Policy sets"],
    ["/c/demo/policies/GlobalNetworkPolicy/allow-vrrp", "allow-vrrp · Policies"],
    ["/c/demo/hostendpoints/10.176.48.106-worker-public", "10.176.48.106-worker-public · Host endpoints"],
    ["/c/demo/policies/NetworkPolicy/a%20b", "a b · Policies"],
    ["/c/demo/policies/NetworkPolicy/%E0%A4%A", "%E0%A4%A · Policies"],
    ["/c/demo/no-such-view", "Not found"],
    ["/elsewhere", "Not found"],
  ])("%s reads %s", (path, title) => {
    expect(viewTitle(path)).toBe(title);
  });
});

describe("documentTitle", () => {
  it("names the view, then the cluster, then Palisade", () => {
    expect(documentTitle("/c/prod/wizard", "prod")).toBe("Wizard · prod · Palisade");
  });
});
