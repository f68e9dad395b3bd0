import { describe, expect, it } from "vitest";
import { matchesLabels, parseLabelSelector, SelectorParseError } from "./label-selector";

const labels = { app: "web", tier: "front", "example.com/team": "a", n: "7" };

describe("Kubernetes label selectors", () => {
  it.each([
    ["", true],
    ["app=web", true],
    ["app==web", true],
    ["app!=web", false],
    ["app!=db", true],
    ["missing!=x", true],
    ["app in (web,db)", true],
    ["app in (db)", false],
    ["app notin (db, cache)", true],
    ["missing notin (x)", true],
    ["missing in (x)", false],
    ["app", true],
    ["!app", false],
    ["!missing", true],
    ["example.com/team=a", true],
    ["app=web,tier=front", true],
    ["app=web,tier=back", false],
    ["app in (web),!missing,tier", true],
    ["n>5", true],
    ["n<5", false],
    ["app>5", false],
    ["missing>0", false],
  ])("%s matches: %s", (selector, expected) => {
    expect(matchesLabels(parseLabelSelector(selector), labels)).toBe(expected);
  });

  it("matches an empty value only against an empty label", () => {
    expect(matchesLabels(parseLabelSelector("app="), { app: "" })).toBe(true);
    expect(matchesLabels(parseLabelSelector("app="), labels)).toBe(false);
  });

  it.each(["=web", "app in web", "app in (a", "bad key!=x", "n>five", "app=a b"])("rejects %j", (selector) => {
    expect(() => parseLabelSelector(selector)).toThrow(SelectorParseError);
  });
});
