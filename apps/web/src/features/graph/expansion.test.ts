import type { GraphGroup } from "@palisade/contract";
import { describe, expect, it } from "vitest";
import { toggleExpansion } from "./expansion";

const ns = (namespace: string, expanded: boolean): GraphGroup => ({
  id: `group/${namespace}`,
  namespace,
  pods: 3,
  expanded,
});
const wl = (namespace: string, name: string, expanded: boolean): GraphGroup => ({
  id: `group/${namespace}/Deployment/${name}`,
  namespace,
  workload: { kind: "Deployment", name },
  pods: 2,
  expanded,
});

describe("toggleExpansion", () => {
  it("opens a namespace to its workloads and closes it with them", () => {
    const closed = [ns("a", false), ns("b", false)];
    expect(toggleExpansion(closed, "a")).toBe("a");
    const open = [ns("a", true), wl("a", "web", true), ns("b", false)];
    expect(toggleExpansion(open, "a")).toBe("-");
  });

  it("opens and closes one workload, keeping the others", () => {
    const open = [ns("a", true), wl("a", "web", false), wl("a", "db", true), ns("b", false)];
    expect(toggleExpansion(open, "a/Deployment/web")).toBe("a/*");
    expect(toggleExpansion(open, "a/Deployment/db")).toBe("a");
    expect(toggleExpansion(open, "b")).toBe("a,a/Deployment/db,b");
  });

  it("says * when everything is open and lists the rest when one namespace closes", () => {
    const all = [ns("a", true), wl("a", "web", true), ns("b", true)];
    expect(toggleExpansion(all, "unknown")).toBe("*");
    expect(toggleExpansion(all, "b")).toBe("a/*");
    expect(toggleExpansion(all, "a/Deployment/web")).toBe("a,b/*");
  });
});
