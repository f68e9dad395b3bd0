import { describe, expect, it } from "vitest";
import { validateResource } from "./resource";

const anp = (spec: Record<string, unknown>, kind = "AdminNetworkPolicy", name = "guard") => ({
  apiVersion:
    kind === "ClusterNetworkPolicy" ? "policy.networking.k8s.io/v1alpha2" : "policy.networking.k8s.io/v1alpha1",
  kind,
  metadata: { name },
  spec,
});
const paths = (obj: unknown) => validateResource(obj).errors.map((e) => `${e.path}: ${e.message}`);

describe("validateResource on admin network policies", () => {
  it("accepts a well-formed AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy", () => {
    const rule = { action: "Deny", from: [{ namespaces: { matchLabels: { env: "dev" } } }] };
    expect(paths(anp({ priority: 10, subject: { namespaces: {} }, ingress: [rule] }))).toEqual([]);
    expect(
      paths(anp({ subject: { namespaces: {} }, ingress: [rule] }, "BaselineAdminNetworkPolicy", "default")),
    ).toEqual([]);
    const cnp = {
      tier: "Admin",
      priority: 1,
      subject: { namespaces: {} },
      ingress: [{ ...rule, protocols: [{ tcp: { destinationPort: { number: 80 } } }] }],
    };
    expect(paths(anp(cnp, "ClusterNetworkPolicy"))).toEqual([]);
  });

  it("names the field for the CRD's rules: priority range, required subject, actions, one field per peer", () => {
    expect(paths(anp({ priority: 1001, subject: { namespaces: {} } }))).toContainEqual(
      expect.stringMatching(/^spec\.priority: .*maximum 1000/),
    );
    expect(paths(anp({ priority: 1 }))).toContainEqual(expect.stringMatching(/^spec\.subject: /));
    const both = { namespaces: {}, pods: { namespaceSelector: {}, podSelector: {} } };
    expect(paths(anp({ priority: 1, subject: both }))).toContainEqual(
      "spec.subject: exactly one of namespaces, pods must be set; namespaces and pods are set",
    );
    expect(
      paths(
        anp({ priority: 1, subject: { namespaces: {} }, ingress: [{ action: "Accept", from: [{ namespaces: {} }] }] }),
      ),
    ).toContainEqual(expect.stringMatching(/^spec\.ingress\[0\]\.action: /));
    const badNet = {
      priority: 1,
      subject: { namespaces: {} },
      egress: [{ action: "Deny", to: [{ networks: ["10.0.0.300/8"] }] }],
    };
    expect(paths(anp(badNet))).toContainEqual(
      expect.stringMatching(/^spec\.egress\[0\]\.to\[0\]\.networks\[0\]: .*not a valid CIDR/),
    );
  });

  it("allows one BaselineAdminNetworkPolicy, named default, and no Pass in it", () => {
    const banp = (name: string, action = "Deny") =>
      anp(
        { subject: { namespaces: {} }, ingress: [{ action, from: [{ namespaces: {} }] }] },
        "BaselineAdminNetworkPolicy",
        name,
      );
    expect(paths(banp("other"))).toContainEqual(expect.stringMatching(/^metadata\.name: .*must be named "default"/));
    expect(paths(banp("default", "Pass"))).toContainEqual(expect.stringMatching(/^spec\.ingress\[0\]\.action: /));
  });

  it("warns where Calico's conversion differs from the API: nodes peers and named ports", () => {
    const r = validateResource(
      anp({
        priority: 1,
        subject: { namespaces: {} },
        egress: [
          { action: "Deny", to: [{ nodes: {} }] },
          { action: "Allow", to: [{ namespaces: {} }], ports: [{ namedPort: "http" }] },
        ],
      }),
    );
    expect(r.valid).toBe(true);
    expect(r.warnings.map((w) => w.path)).toEqual(["spec.egress[0].to[0].nodes", "spec.egress[1].ports[0].namedPort"]);
  });

  it("checks a ClusterNetworkPolicy's tier and port ranges", () => {
    const spec = {
      tier: "Middle",
      priority: 1,
      subject: { namespaces: {} },
      ingress: [
        {
          action: "Accept",
          from: [{ namespaces: {} }],
          protocols: [{ udp: { destinationPort: { range: { start: 90, end: 90 } } } }],
        },
      ],
    };
    const errors = paths(anp(spec, "ClusterNetworkPolicy"));
    expect(errors).toContainEqual(expect.stringMatching(/^spec\.tier: /));
    expect(errors).toContainEqual(
      "spec.ingress[0].protocols[0].udp.destinationPort.range: start (90) must be less than end (90)",
    );
  });
});
