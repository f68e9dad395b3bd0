import { describe, expect, it } from "vitest";
import { parseCalicoVersion, policyNaming } from "../convert/calico-version";
import type { SelectorCheck } from "./context";
import { validateResourceWith } from "./resource";

/** A test double for the selector parser: rejects any selector containing "BAD". */
const checkSelector: SelectorCheck = (s) => (s.includes("BAD") ? "unexpected token at offset 0" : undefined);
const validate = (obj: unknown) => validateResourceWith(obj, { checkSelector });

const gnp = (spec: Record<string, unknown>, name = "allow-ssh") => ({
  apiVersion: "projectcalico.org/v3",
  kind: "GlobalNetworkPolicy",
  metadata: { name },
  spec,
});

const errorsOf = (obj: unknown) => validate(obj).errors.map((e) => `${e.path}: ${e.message}`);

describe("validateResourceWith", () => {
  it("accepts a typical IBM pre-DNAT policy", () => {
    const result = validate(
      gnp({
        applyOnForward: true,
        preDNAT: true,
        order: 1100,
        selector: "ibm.role=='worker_public'",
        types: ["Ingress"],
        ingress: [
          { action: "Deny", protocol: "TCP", destination: { ports: ["30000:32767"] }, source: {} },
          { action: "Deny", protocol: "UDP", destination: { nets: ["10.0.0.0/8"], ports: ["30000:32767"] } },
        ],
      }),
    );
    expect(result).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it("names the field of each problem", () => {
    const errors = errorsOf(
      gnp({
        ingress: [
          { action: "Allow", protocol: "tcp", destination: { ports: [80, "90:80"] } },
          { action: "Accept" },
          { action: "Allow", source: { nets: ["10.0.0.1/8", "fe80::/10"], selector: "BAD" } },
        ],
      }),
    );
    expect(errors).toContainEqual(expect.stringMatching(/^spec\.ingress\[0\]\.protocol: .*case-sensitive.*"TCP"/));
    expect(errors).toContainEqual(expect.stringMatching(/^spec\.ingress\[0\]\.destination\.ports\[1\]: .*reversed/));
    expect(errors).toContainEqual(
      expect.stringMatching(/^spec\.ingress\[1\]\.action: .*"Allow", "Deny", "Log", "Pass"/),
    );
    expect(errors).toContainEqual(expect.stringMatching(/^spec\.ingress\[2\]\.source\.nets\[0\]: .*10\.0\.0\.0\/8/));
    expect(errors).toContainEqual(expect.stringMatching(/^spec\.ingress\[2\]\.source\.nets: .*mix IPv4 and IPv6/));
    expect(errors).toContainEqual(
      expect.stringMatching(/^spec\.ingress\[2\]\.source\.selector: selector does not parse/),
    );
  });

  it("enforces the preDNAT rules (docs/calico-semantics.md §5)", () => {
    const errors = errorsOf(gnp({ preDNAT: true, egress: [{ action: "Allow" }], types: ["Egress"] }));
    expect(errors).toHaveLength(3);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^spec\.applyOnForward: preDNAT policies need applyOnForward: true/),
        expect.stringMatching(/^spec\.egress: a preDNAT policy applies to ingress only/),
        expect.stringMatching(/^spec\.types\[0\]: a preDNAT policy cannot have type Egress/),
      ]),
    );
    expect(errorsOf(gnp({ preDNAT: true, doNotTrack: true, applyOnForward: true }))).toEqual([
      expect.stringMatching(/^spec\.preDNAT: preDNAT and doNotTrack cannot both be true/),
    ]);
  });

  it("reports unknown fields and wrong types", () => {
    expect(errorsOf(gnp({ selectr: "all()", order: "10" }))).toEqual([
      expect.stringMatching(/^spec\.selectr: unknown field "selectr"/),
      expect.stringMatching(/^spec\.order: must be a number/),
    ]);
  });

  it("checks kind-specific name rules", () => {
    expect(validate(gnp({}, "knp.default.x")).valid).toBe(false);
    expect(validate(gnp({}, "security.allow-ssh")).valid).toBe(true);
    const np = { apiVersion: "projectcalico.org/v3", kind: "NetworkPolicy", metadata: { name: "knp.default.a.b" } };
    expect(validate(np).valid).toBe(true);
    const tier = { apiVersion: "projectcalico.org/v3", kind: "Tier", metadata: { name: "a.b" }, spec: {} };
    expect(errorsOf(tier)).toEqual([expect.stringMatching(/^metadata\.name: .*no dots/)]);
  });

  it("applies the built-in tier rules after defaulting defaultAction to Deny", () => {
    const tier = (name: string, spec: Record<string, unknown>) => ({
      apiVersion: "projectcalico.org/v3",
      kind: "Tier",
      metadata: { name },
      spec,
    });
    expect(validate(tier("default", { order: 1_000_000 })).valid).toBe(true);
    expect(errorsOf(tier("default", { order: 10 }))).toEqual([expect.stringMatching(/^spec\.order: .*1000000/)]);
    expect(errorsOf(tier("kube-admin", { order: 1000 }))).toEqual([
      expect.stringMatching(/^spec\.defaultAction: .*Pass/),
    ]);
    expect(errorsOf(tier("security", { defaultAction: "Allow" }))).toEqual([
      expect.stringMatching(/^spec\.defaultAction: /),
    ]);
  });

  it("checks host endpoints", () => {
    const hep = (spec: Record<string, unknown>) => ({
      apiVersion: "projectcalico.org/v3",
      kind: "HostEndpoint",
      metadata: { name: "w1-public" },
      spec,
    });
    expect(validate(hep({ node: "w1", interfaceName: "eth1", expectedIPs: ["169.1.1.1"] })).valid).toBe(true);
    expect(errorsOf(hep({ expectedIPs: ["1.2.3"] }))).toEqual([
      expect.stringMatching(/^spec\.node: node is required/),
      expect.stringMatching(/^spec\.expectedIPs\[0\]: "1\.2\.3" is not an IP address/),
    ]);
    expect(
      errorsOf(hep({ node: "w1", interfaceName: "eth0", ports: [{ name: "web", port: 80, protocol: "ICMP" }] })),
    ).toEqual([expect.stringMatching(/^spec\.ports\[0\]\.protocol: .*TCP, UDP or SCTP/)]);
  });

  it("checks Kubernetes NetworkPolicies as the API server does", () => {
    const knp = (spec: Record<string, unknown>) => ({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "web" },
      spec,
    });
    expect(
      validate(
        knp({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] } }] }] }),
      ).valid,
    ).toBe(true);
    expect(
      errorsOf(
        knp({
          podSelector: { matchExpressions: [{ key: "app", operator: "In" }] },
          ingress: [
            {
              ports: [{ protocol: "ICMP", port: 0 }],
              from: [{ ipBlock: { cidr: "10.0.0.0/8", except: ["11.0.0.0/16"] } }],
            },
          ],
        }),
      ),
    ).toEqual([
      expect.stringMatching(/^spec\.podSelector\.matchExpressions\[0\]\.values: /),
      expect.stringMatching(/^spec\.ingress\[0\]\.ports\[0\]\.protocol: /),
      expect.stringMatching(/^spec\.ingress\[0\]\.ports\[0\]\.port: /),
      expect.stringMatching(/^spec\.ingress\[0\]\.from\[0\]\.ipBlock\.except\[0\]: .*strictly inside/),
    ]);
  });

  it("says which apiVersion a known kind needs, and rejects unknown kinds", () => {
    expect(
      errorsOf({ apiVersion: "crd.projectcalico.org/v1", kind: "GlobalNetworkPolicy", metadata: { name: "x" } }),
    ).toEqual([expect.stringMatching(/^apiVersion: GlobalNetworkPolicy is validated as projectcalico.org\/v3/)]);
    expect(errorsOf({ apiVersion: "v1", kind: "Pod" })[0]).toMatch(/^kind: kind Pod is not a policy resource/);
    expect(errorsOf("text")).toEqual([": a resource must be an object with apiVersion, kind, metadata and spec"]);
  });

  it("warns about rules that types switches off, unreachable rules, Log-only policies and selector-less globals", () => {
    const warnings = (obj: unknown) => validate(obj).warnings.map((w) => `${w.path}: ${w.message}`);
    expect(warnings(gnp({ selector: "all()", types: ["Ingress"], egress: [{ action: "Deny" }] }))).toEqual([
      expect.stringMatching(/^spec\.egress: these rules are ignored/),
    ]);
    expect(
      warnings(
        gnp({
          selector: "a == 'b'",
          ingress: [
            { action: "Deny", source: {} },
            { action: "Allow", protocol: "TCP" },
          ],
        }),
      ),
    ).toEqual([expect.stringMatching(/^spec\.ingress\[1\]: never reached: the rule before it \(Deny\)/)]);
    expect(warnings(gnp({ selector: "a == 'b'", ingress: [{ action: "Log" }] }))).toEqual([
      expect.stringMatching(/^spec: a Log-only policy/),
    ]);
    expect(warnings(gnp({ ingress: [{ action: "Allow", protocol: "TCP" }] }))).toEqual([
      expect.stringMatching(/^spec\.selector: no selector means all\(\)/),
    ]);
    expect(
      warnings(gnp({ namespaceSelector: "team == 'a'", ingress: [{ action: "Allow", protocol: "TCP" }] })),
    ).toEqual([]);
    expect(validate(gnp({ selector: "a == 'b'", types: ["Ingress"], egress: [{ action: "Deny" }] })).valid).toBe(true);
  });

  it("warns about names Calico v3.31 and older reject (tier prefixes)", () => {
    const warnings = (name: string, spec: Record<string, unknown>) =>
      validate(gnp({ selector: "a == 'b'", ...spec }, name)).warnings.map((w) => `${w.path}: ${w.message}`);
    expect(warnings("allow-ssh", { tier: "security" })).toEqual([
      expect.stringMatching(/^metadata\.name: .*"security\.<name>"/),
    ]);
    expect(warnings("security.allow-ssh", { tier: "security" })).toEqual([]);
    expect(warnings("security.allow-ssh", {})).toEqual([
      expect.stringMatching(/^metadata\.name: .*set spec\.tier to "security"/),
    ]);
    expect(warnings("default.allow-ssh", {})).toEqual([]);
    expect(warnings("allow-ssh", {})).toEqual([]);
  });

  it("rejects those names as errors for a cluster whose Calico enforces them, and accepts them from v3.32", () => {
    const check = (name: string, version: string | undefined) =>
      validateResourceWith(gnp({ selector: "a == 'b'", tier: "security" }, name), {
        checkSelector: () => undefined,
        naming: policyNaming(version === undefined ? undefined : parseCalicoVersion(version)),
      });
    const old = check("pal-block-noprefix", "v3.31.0");
    expect(old.valid).toBe(false);
    expect(old.errors).toEqual([
      expect.objectContaining({
        path: "metadata.name",
        message: expect.stringMatching(/^Calico v3\.31\.0 rejects this name: .*"security\.<name>"/),
      }),
    ]);
    expect(check("pal-block-noprefix", undefined).valid).toBe(false);
    expect(check("security.pal-block-noprefix", "v3.31.0").valid).toBe(true);
    const recent = check("pal-block-noprefix", "v3.32.0");
    expect(recent.valid).toBe(true);
    expect(recent.warnings.filter((w) => w.path === "metadata.name")).toEqual([]);
  });

  it('treats types: [] and stagedAction: "" as absent, as Calico\'s Go decoding does, with a warning', () => {
    const result = validate(gnp({ selector: "a == 'b'", types: [], ingress: [{ action: "Allow" }] }));
    expect(result.valid).toBe(true);
    expect(result.warnings).toEqual([expect.objectContaining({ path: "spec.types" })]);
    const staged = {
      apiVersion: "projectcalico.org/v3",
      kind: "StagedNetworkPolicy",
      metadata: { name: "p" },
      spec: { stagedAction: "", selector: "a == 'b'" },
    };
    expect(validate(staged)).toMatchObject({
      valid: true,
      warnings: [expect.objectContaining({ path: "spec.stagedAction" })],
    });
  });

  it("lets a staged Delete carry only its tier", () => {
    const staged = (spec: Record<string, unknown>) => ({
      apiVersion: "projectcalico.org/v3",
      kind: "StagedGlobalNetworkPolicy",
      metadata: { name: "x" },
      spec,
    });
    expect(validate(staged({ stagedAction: "Delete", tier: "default" })).valid).toBe(true);
    expect(errorsOf(staged({ stagedAction: "Delete", selector: "all()" }))).toEqual([
      expect.stringMatching(/^spec\.selector: a staged Delete/),
    ]);
    expect(validate(staged({ stagedAction: "Set", preDNAT: true })).valid).toBe(false);
  });
});
