import { describe, expect, it } from "vitest";
import { parsePort, portProblem } from "./port";

describe("parsePort / portProblem (numorstring.Port)", () => {
  it.each([
    [80, { kind: "range", min: 80, max: 80 }],
    ["80", { kind: "range", min: 80, max: 80 }],
    ["30000:32767", { kind: "range", min: 30000, max: 32767 }],
    ["http-alt", { kind: "name", name: "http-alt" }],
  ])("decodes %j", (value, parsed) => {
    expect(parsePort(value)).toEqual(parsed);
    expect(portProblem(value)).toBeUndefined();
  });

  it.each([
    [0, "port 0 is invalid"],
    ["0:456", "port 0 is invalid"],
    ["200:100", 'write "100:200"'],
    ["99999", "is invalid"],
    [65536, "out of range"],
    ["1:2:3", "is invalid"],
    ["bad port", "is invalid"],
    ["HTTP", "lower case"],
    ["a-very-long-port-name", "at most 15"],
  ])("rejects %j", (value, message) => {
    expect(portProblem(value)).toContain(message);
  });
});
