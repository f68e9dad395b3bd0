import { describe, expect, it } from "vitest";
import type { KubeObject } from "../kube/resources";
import { detectPodSubnet } from "./policy-set-cluster";

const pool = (name: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: "projectcalico.org/v3",
  kind: "IPPool",
  metadata: { name },
  spec,
});

describe("detectPodSubnet", () => {
  it("takes the one enabled IPv4 pool, ignoring disabled and IPv6 pools", () => {
    expect(
      detectPodSubnet([
        pool("old", { cidr: "10.0.0.0/16", disabled: true }),
        pool("default-ipv6-ippool", { cidr: "fd00:10::/64" }),
        pool("pods", { cidr: "172.20.0.0/16" }),
      ]),
    ).toEqual({ value: "172.20.0.0/16", source: "IPPool pods" });
  });

  it("falls back to IBM's default when no IPv4 pool is enabled", () => {
    expect(detectPodSubnet([pool("old", { cidr: "10.0.0.0/16", disabled: true })])).toEqual({
      value: "172.30.0.0/16",
      source: "IBM's default pod subnet (the cluster has no enabled IPv4 IPPool)",
    });
  });

  it("with several, takes Calico's default pool, else the first by name, and names the others", () => {
    const extra = pool("b-extra", { cidr: "172.31.0.0/16" });
    expect(detectPodSubnet([extra, pool("default-ipv4-ippool", { cidr: "172.30.0.0/16" })])).toEqual({
      value: "172.30.0.0/16",
      source: expect.stringMatching(
        /^IPPool default-ipv4-ippool \(Calico's default pool, of 2 enabled IPv4 pools; also b-extra 172\.31\.0\.0\/16/,
      ),
    });
    expect(detectPodSubnet([extra, pool("a-pods", { cidr: "172.20.0.0/16" })])).toEqual({
      value: "172.20.0.0/16",
      source: expect.stringContaining("IPPool a-pods (first by name, of 2 enabled IPv4 pools; also b-extra"),
    });
  });
});
