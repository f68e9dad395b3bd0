import { describe, expect, it } from "vitest";
import { simplifyPorts } from "./ports";

describe("simplifyPorts", () => {
  it("covers the ports with the fewest ranges, named ports first", () => {
    expect(simplifyPorts([80, 81, 82, 9090, "foo"])).toEqual(["foo", "80:82", 9090]);
    expect(simplifyPorts([443, "1000:1002", 1003, 443])).toEqual([443, "1000:1003"]);
    expect(simplifyPorts([8080, "web"])).toEqual([8080, "web"]);
  });
});
