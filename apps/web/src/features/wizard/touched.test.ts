import { describe, expect, it } from "vitest";
import { ALLOWLIST_FIELDS, type AllowlistForm, allowlistParams, DEFAULT_ALLOWLIST, type Errors } from "./params";
import { changedFields, stillNeeded, visibleErrors } from "./touched";

describe("changedFields", () => {
  it("names the fields whose values differ, comparing lists item by item", () => {
    expect(changedFields(DEFAULT_ALLOWLIST, { ...DEFAULT_ALLOWLIST })).toEqual([]);
    expect(changedFields(DEFAULT_ALLOWLIST, { ...DEFAULT_ALLOWLIST, ports: "80" })).toEqual(["ports"]);
    expect(changedFields(DEFAULT_ALLOWLIST, { ...DEFAULT_ALLOWLIST, interfaces: ["public"] })).toEqual([]);
    expect(
      changedFields(DEFAULT_ALLOWLIST, {
        ...DEFAULT_ALLOWLIST,
        destinationIps: "198.51.100.50",
        ports: "80",
        interfaces: ["public", "private"],
      }),
    ).toEqual(["destinationIps", "ports", "interfaces"]);
  });
});

describe("visibleErrors and stillNeeded", () => {
  const fresh = allowlistParams(DEFAULT_ALLOWLIST);
  const errors: Errors<AllowlistForm> = "errors" in fresh ? fresh.errors : {};

  it("a fresh allowlist shows no error beside any field, and lists what it still needs", () => {
    expect(Object.keys(errors).sort()).toEqual(["destinationIps", "ports", "sourceCidrs"]);
    expect(visibleErrors(errors, new Set())).toEqual({});
    expect(stillNeeded(errors, ALLOWLIST_FIELDS)).toEqual([errors.destinationIps, errors.sourceCidrs, errors.ports]);
  });

  it("shows the errors of the fields the user changed", () => {
    const typed = allowlistParams({ ...DEFAULT_ALLOWLIST, ports: "99999" });
    const now: Errors<AllowlistForm> = "errors" in typed ? typed.errors : {};
    const shown = visibleErrors(now, new Set<keyof AllowlistForm>(["ports"]));
    expect(Object.keys(shown)).toEqual(["ports"]);
    expect(shown.ports).toMatch(/99999/);
  });
});
