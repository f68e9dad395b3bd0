/**
 * fast-check generators for projectcalico.org/v3 GlobalNetworkPolicy, NetworkPolicy and HostEndpoint objects as a
 * user would write them in JSON/YAML: mostly valid parts with subtly invalid ones mixed in (docs/calico-semantics.md
 * §5): ports and ranges (0, 65536, reversed, named), protocol names in the wrong case and numbers 0/1/255/256 or
 * numeric strings, nets/notNets family mixes against ipVersion, ICMP type/code, preDNAT/doNotTrack/applyOnForward
 * with egress, names, unknown fields and wrong JSON types.
 */
import fc from "fast-check";
import type { JsonObject, JsonValue } from "./client";

/** Draws a valid choice `weight` times as often as an invalid one. */
function mostly<T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>, weight = 8): fc.Arbitrary<T> {
  return fc.oneof({ weight, arbitrary: valid }, { weight: 1, arbitrary: invalid });
}

/** An object with only the keys whose value was drawn (absent keys are left out, as a user would). */
function sparse(parts: Record<string, fc.Arbitrary<JsonValue>>): fc.Arbitrary<JsonObject> {
  return fc.record(parts, { requiredKeys: [] }) as fc.Arbitrary<JsonObject>;
}

// Ports (numorstring.Port): number, "min:max", or a name.
const validPort: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.constantFrom(1, 22, 80, 443, 65535),
  fc.integer({ min: 1, max: 65535 }),
  fc.constantFrom("80", "8080:8090", "1:65535", "443:443", "http", "metrics", "my-port"),
);
const invalidPort: fc.Arbitrary<JsonValue> = fc.constantFrom(
  0,
  65536,
  -1,
  "0",
  "65536",
  "0:80",
  "80:65536",
  "200:100",
  "bad name",
  "my_port.v1",
  "HTTP",
  "",
  "a:b",
  `p${"x".repeat(128)}`,
  1.5,
  true,
);
const port = mostly(validPort, invalidPort, 25);
const ports = fc.array(port, { minLength: 1, maxLength: 3 });

// Protocols (numorstring.Protocol): canonical names are case-sensitive; numbers 1-255.
const protocol: fc.Arbitrary<JsonValue> = mostly(
  fc.constantFrom("TCP", "UDP", "SCTP", "ICMP", "ICMPv6", "UDPLite", 6, 17, 1, 255, "6", "255"),
  fc.constantFrom("tcp", "Tcp", "udp", "icmpv6", "ICMPV6", "sctp", 0, 256, "0", "256", "-1", "foo", -5),
  5,
);

/** Mostly CIDRs; a bare address is fine in an EntityRule alone but a rule's nets check rejects it. */
const v4Net = mostly(
  fc.constantFrom("10.0.0.0/8", "192.168.1.0/24", "10.1.2.3/32", "172.16.0.0/12"),
  fc.constant("10.1.2.3"),
  40,
);
const v6Net = mostly(fc.constantFrom("fd00::/8", "2001:db8::/32", "2001:db8::1/128"), fc.constant("2001:db8::1"), 40);
const badNet = fc.constantFrom(
  "10.0.0.0/33",
  "300.1.1.1/32",
  "fd00::/129",
  "10.0.0.0/",
  "not-a-cidr",
  "",
  "10.0.0.0/8 ",
);
const catchAll = fc.constantFrom("0.0.0.0/0", "::/0", "0:0:0::/0");
/** A list of nets, usually of one family, sometimes mixed, sometimes with a bad or catch-all entry. */
const nets: fc.Arbitrary<JsonValue> = fc.oneof(
  { weight: 12, arbitrary: fc.array(v4Net, { minLength: 1, maxLength: 2 }) },
  { weight: 6, arbitrary: fc.array(v6Net, { minLength: 1, maxLength: 2 }) },
  { weight: 1, arbitrary: fc.tuple(v4Net, v6Net).map(([a, b]) => [a, b]) },
  { weight: 1, arbitrary: fc.tuple(v4Net, badNet).map(([a, b]) => [a, b]) },
  { weight: 1, arbitrary: catchAll.map((n) => [n]) },
);

const selectorValue: fc.Arbitrary<JsonValue> = mostly(
  fc.constantFrom("all()", "", "app == 'web'", "role in {'db', 'cache'}", "has(ibm.role)", "!has(x)", "a != 'b'"),
  fc.constantFrom("app = 'web'", "has()", "a &&", "global()", "app == 'web' && global()", "'b' == a", "a ==\n'b'"),
  40,
);

const namespaceSelector: fc.Arbitrary<JsonValue> = fc.oneof(
  { weight: 4, arbitrary: selectorValue },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "global()",
      " global() ",
      "global() && a == 'b'",
      "kubernetes.io/metadata.name == 'kube'",
    ),
  },
);

const serviceAccounts: fc.Arbitrary<JsonValue> = sparse({
  names: fc.array(fc.constantFrom("default", "api", "Bad_Name"), { maxLength: 2 }),
  selector: selectorValue,
});

const services: fc.Arbitrary<JsonValue> = sparse({
  name: mostly(fc.constantFrom("kubernetes", "api"), fc.constant(""), 10),
  namespace: fc.constantFrom("default", "kube-system", ""),
});

/** Protocols by what they allow: ports (TCP/UDP/SCTP), ICMP fields (ICMP/ICMPv6), or neither. */
const portProtocol = fc.constantFrom<JsonValue>("TCP", "UDP", "SCTP", 6, 17, 132, "6", "17");
/** Upstream's ICMP-fields check compares with the names: protocol 1 or 58 with `icmp` is rejected. */
const icmpProtocol = mostly(fc.constantFrom<JsonValue>("ICMP", "ICMPv6"), fc.constantFrom<JsonValue>(1, 58), 10);
const otherProtocol = fc.constantFrom<JsonValue>("UDPLite", 255, 47, "255");

/** A source or destination: fields drawn to suit the rule (ports only when its protocol has them). */
function entityRule(withPorts: boolean, family: 4 | 6): fc.Arbitrary<JsonValue> {
  const familyNets =
    family === 6 ? fc.array(v6Net, { minLength: 1, maxLength: 2 }) : fc.array(v4Net, { minLength: 1, maxLength: 2 });
  const netList: fc.Arbitrary<JsonValue> = mostly(familyNets, nets, 15);
  const portList: fc.Arbitrary<JsonValue> = withPorts ? ports : mostly(fc.constant([]), ports, 20);
  return fc.oneof(
    { weight: 8, arbitrary: sparse({ nets: netList, selector: selectorValue, ports: portList }) },
    {
      weight: 3,
      arbitrary: sparse({
        nets: netList,
        notNets: netList,
        selector: selectorValue,
        notSelector: selectorValue,
        namespaceSelector,
        ports: portList,
        notPorts: portList,
        serviceAccounts,
      }),
    },
    { weight: 1, arbitrary: mostly(sparse({ services, ports: portList }), sparse({ services, nets: netList }), 4) },
  );
}

const icmp: fc.Arbitrary<JsonValue> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom<JsonValue>({ type: 8 }, { type: 8, code: 0 }, { type: 0 }, { type: 254, code: 255 }),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      { type: fc.integer({ min: 0, max: 255 }), code: fc.integer({ min: 0, max: 256 }) },
      { requiredKeys: ["type"] },
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom<JsonValue>({ code: 0 }, { type: 255 }, { type: 8, code: 256 }) },
);

const http: fc.Arbitrary<JsonValue> = sparse({
  methods: fc.array(mostly(fc.constantFrom("GET", "POST", "PUT"), fc.constantFrom("get", "")), { maxLength: 3 }),
  paths: fc.array(
    mostly(
      fc.constantFrom<JsonValue>({ exact: "/a" }, { prefix: "/api" }),
      fc.constantFrom<JsonValue>({ exact: "/a", prefix: "/b" }, {}),
    ),
    { maxLength: 2 },
  ),
});

const action: fc.Arbitrary<JsonValue> = mostly(
  fc.constantFrom("Allow", "Deny", "Log", "Pass"),
  fc.constantFrom("allow", "Drop", ""),
  30,
);

/** The protocol a rule's other fields are drawn to suit; `kind` says which fields that protocol allows. */
const ruleProtocol = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: "none" as const, protocol: undefined }) },
  { weight: 6, arbitrary: portProtocol.map((protocol) => ({ kind: "ports" as const, protocol })) },
  { weight: 3, arbitrary: icmpProtocol.map((protocol) => ({ kind: "icmp" as const, protocol })) },
  { weight: 1, arbitrary: otherProtocol.map((protocol) => ({ kind: "other" as const, protocol })) },
  { weight: 1, arbitrary: protocol.map((protocol) => ({ kind: "any" as const, protocol })) },
);

const rule: fc.Arbitrary<JsonValue> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.tuple(ruleProtocol, fc.constantFrom<4 | 6>(4, 4, 6), action).chain(([proto, drawnFamily, act]) => {
      const withPorts = proto.kind === "ports" || proto.kind === "any";
      const icmpFamily = proto.protocol === "ICMPv6" || proto.protocol === 58 ? 6 : 4;
      const fam = proto.kind === "icmp" ? icmpFamily : drawnFamily;
      const base: JsonObject = { action: act };
      if (proto.protocol !== undefined) base.protocol = proto.protocol;
      return sparse({
        ipVersion: mostly(fc.constant(fam), fc.constantFrom(0, 5, "4", fam === 4 ? 6 : 4), 15),
        notProtocol: mostly(fc.constantFrom("UDP", 17), protocol, 4),
        icmp: proto.kind === "icmp" ? icmp : mostly(fc.constant({}), icmp, 20),
        notICMP: proto.kind === "icmp" ? icmp : mostly(fc.constant({}), icmp, 20),
        source: entityRule(withPorts, fam),
        destination: entityRule(withPorts, fam),
        http:
          act === "Allow" && (proto.protocol === undefined || proto.protocol === "TCP")
            ? http
            : mostly(fc.constant({}), http, 20),
        metadata: fc.constantFrom<JsonValue>({ annotations: { a: "b" } }, { annotations: {} }),
      }).map((extra) => {
        const out: JsonObject = { ...base, ...extra };
        // Empty placeholders stand for "left out".
        for (const key of ["icmp", "notICMP", "http"]) {
          const v = out[key];
          if (
            v !== undefined &&
            v !== null &&
            typeof v === "object" &&
            !Array.isArray(v) &&
            Object.keys(v).length === 0
          )
            delete out[key];
        }
        for (const side of ["source", "destination"]) {
          const e = out[side];
          if (e !== undefined && e !== null && typeof e === "object" && !Array.isArray(e)) {
            for (const key of ["ports", "notPorts"])
              if (Array.isArray(e[key]) && (e[key] as JsonValue[]).length === 0) delete e[key];
          }
        }
        return out;
      });
    }),
  },
  // A rule with an unknown field, or a field of the wrong JSON type.
  {
    weight: 1,
    arbitrary: fc.constantFrom<JsonValue>(
      { action: "Allow", protocols: ["TCP"] },
      { action: "Allow", protocol: "TCP", destination: { ports: "80" } },
      { action: "Allow", ipVersion: "four" },
      { action: "Allow", protocol: "TCP", destination: { ports: [80], port: 80 } },
    ),
  },
);

const rules = fc.array(rule, { maxLength: 2 });

const types: fc.Arbitrary<JsonValue> = mostly(
  fc.constantFrom<JsonValue>(["Ingress"], ["Egress"], ["Ingress", "Egress"], []),
  fc.constantFrom<JsonValue>(["Ingress", "Ingress"], ["ingress"], ["Forward"], "Ingress"),
  20,
);

const policyName: fc.Arbitrary<string> = mostly(
  fc.constantFrom("allow-web", "deny-all", "a", "default.allow-web", "p1.v2", `n${"x".repeat(252)}`),
  fc.constantFrom("Allow-Web", "allow_web", "", "-a", "a-", "a..b", `n${"x".repeat(253)}`, "a/b", "tier1.allow"),
  15,
);

const labelsValue: fc.Arbitrary<JsonValue> = mostly(
  fc.constantFrom<JsonValue>(
    { app: "web" },
    { "ibm.role": "worker_public" },
    {},
    { "k8s.io/x": "y-z_1.0" },
    { a: "" },
    { app: "v".repeat(63) },
  ),
  fc.constantFrom<JsonValue>(
    { "bad key": "v" },
    { app: "bad value!" },
    { app: 3 },
    { app: "v".repeat(64) },
    { "a/b/c": "v" },
    { "-a": "v" },
    { [`${"p".repeat(254)}/a`]: "v" },
  ),
  20,
);

/** A policy name with the tier it is in: names in a tier other than default carry the `tier.` prefix. */
const namedInTier: fc.Arbitrary<{ name: string; tier: string | undefined }> = fc.oneof(
  { weight: 8, arbitrary: policyName.map((name) => ({ name, tier: undefined })) },
  { weight: 2, arbitrary: policyName.map((name) => ({ name, tier: "default" })) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.constantFrom("tier1.allow", "tier1.a.b", "allow", "tier2.allow", "default.allow"),
        mostly(fc.constant("tier1"), fc.constantFrom("Tier1", "", "tier_1"), 6),
      )
      .map(([name, tier]) => ({ name, tier })),
  },
);

const order: fc.Arbitrary<JsonValue> = mostly(fc.constantFrom(0, 100, 1000.5, 1e6), fc.constantFrom("100", -1), 20);

const policySpecCommon = {
  order,
  selector: selectorValue,
  types,
  ingress: rules,
  egress: rules,
  serviceAccountSelector: selectorValue,
  performanceHints: mostly(
    fc.constantFrom<JsonValue>(["AssumeNeededOnEveryNode"], []),
    fc.constantFrom<JsonValue>(["AssumeNeededOnEveryNode", "AssumeNeededOnEveryNode"], ["Other"]),
    10,
  ),
};

/** GlobalNetworkPolicy: preDNAT/doNotTrack/applyOnForward combinations drawn together so all 8 appear. */
export const globalNetworkPolicy: fc.Arbitrary<JsonObject> = fc
  .tuple(
    namedInTier,
    labelsValue,
    sparse({ ...policySpecCommon, namespaceSelector }),
    fc.boolean(),
    fc.boolean(),
    fc.boolean(),
    fc.constantFrom(0, 0, 0, 0, 0, 1, 2, 3),
  )
  .map(([{ name, tier }, labels, spec, preDNAT, doNotTrack, applyOnForward, flagMode]) => {
    const flags: JsonObject = {};
    // flagMode 0: none; 1: all three as drawn; 2: preDNAT only; 3: doNotTrack only.
    if (flagMode === 1) Object.assign(flags, { preDNAT, doNotTrack, applyOnForward });
    if (flagMode === 2) Object.assign(flags, { preDNAT: true, applyOnForward });
    if (flagMode === 3) Object.assign(flags, { doNotTrack: true, applyOnForward });
    return {
      apiVersion: "projectcalico.org/v3",
      kind: "GlobalNetworkPolicy",
      metadata: { name, labels },
      spec: { ...spec, ...flags, ...(tier === undefined ? {} : { tier }) },
    };
  });

/** NetworkPolicy: sometimes carries a GNP-only field (an unknown field for this kind). */
export const networkPolicy: fc.Arbitrary<JsonObject> = fc
  .tuple(
    namedInTier,
    mostly(fc.constantFrom("default", "kube-system", "team-a"), fc.constantFrom("Team-A", "", "a_b"), 10),
    sparse(policySpecCommon),
    mostly(
      fc.constant(undefined),
      fc.constantFrom<JsonObject>({ preDNAT: true }, { doNotTrack: false }, { namespaceSelector: "all()" }),
      15,
    ),
  )
  .map(([{ name, tier }, namespace, spec, extra]) => ({
    apiVersion: "projectcalico.org/v3",
    kind: "NetworkPolicy",
    metadata: { name, namespace },
    spec: { ...spec, ...(extra ?? {}), ...(tier === undefined ? {} : { tier }) },
  }));

const stagedAction: fc.Arbitrary<JsonValue> = mostly(
  fc.constantFrom("Set", "Delete", "Learn", "Ignore"),
  fc.constantFrom("set", ""),
  10,
);

/** The staged kinds: a policy of the same shape with a stagedAction (a Delete usually carries no rules). */
export const stagedPolicy: fc.Arbitrary<JsonObject> = fc
  .tuple(fc.oneof(globalNetworkPolicy, networkPolicy), stagedAction, fc.boolean())
  .map(([p, action, keepSpec]) => {
    const spec = p.spec !== null && typeof p.spec === "object" && !Array.isArray(p.spec) ? p.spec : {};
    const body: JsonObject = action === "Delete" && !keepSpec ? {} : { ...spec };
    return { ...p, kind: `Staged${String(p.kind)}`, spec: { ...body, stagedAction: action } };
  });

const endpointPort: fc.Arbitrary<JsonValue> = fc.record(
  {
    name: mostly(fc.constantFrom("http", "ssh", "a-b"), fc.constantFrom("", "Bad Name", "-x"), 20),
    protocol: mostly(portProtocol, protocol, 6),
    port: mostly(fc.constantFrom(22, 80, 65535), fc.constantFrom(0, 65536, "http")),
  },
  { requiredKeys: ["name", "port"] },
) as fc.Arbitrary<JsonValue>;

const interfaceName = mostly(
  fc.constantFrom("eth0", "*", "bond0.100", "ens1f0np0"),
  fc.constantFrom("", "this-is-too-long-name", "eth 0", "eth0*"),
  8,
);

const hostEndpointSpec: fc.Arbitrary<JsonObject> = fc
  .tuple(
    mostly(fc.constantFrom("worker-1", "10.1.2.3"), fc.constantFrom("", "Worker_1")),
    fc.constantFrom(0, 0, 0, 1, 2),
    sparse({
      expectedIPs: fc.array(mostly(fc.constantFrom("10.0.0.1", "2001:db8::1"), fc.constantFrom("10.0.0.0/24", "x")), {
        maxLength: 2,
      }),
      profiles: fc.array(mostly(fc.constantFrom("knp.default.fun", "allow-all"), fc.constantFrom("Bad_Profile", "")), {
        maxLength: 2,
      }),
      ports: fc.array(endpointPort, { maxLength: 2 }),
    }),
    interfaceName,
    mostly(fc.constant(true), fc.constant(false), 10),
  )
  .map(([node, shape, rest, iface, withNode]) => {
    // shape 0: interfaceName; 1: expectedIPs only (as drawn); 2: both.
    const spec: JsonObject = { ...rest };
    if (withNode || shape === 0) spec.node = node;
    if (shape !== 1) spec.interfaceName = iface;
    return spec;
  });

export const hostEndpoint: fc.Arbitrary<JsonObject> = fc
  .tuple(policyName, labelsValue, hostEndpointSpec)
  .map(([name, labels, spec]) => ({
    apiVersion: "projectcalico.org/v3",
    kind: "HostEndpoint",
    metadata: { name, labels },
    spec,
  }));

/** GlobalNetworkSet and NetworkSet: nets (sets of CIDRs or addresses) and labels. */
export const networkSet: fc.Arbitrary<JsonObject> = fc
  .tuple(fc.boolean(), policyName, labelsValue, fc.array(mostly(fc.oneof(v4Net, v6Net), badNet, 10), { maxLength: 3 }))
  .map(([global, name, labels, nets]): JsonObject => {
    const metadata: JsonObject = global ? { name, labels } : { name, namespace: "default", labels };
    return {
      apiVersion: "projectcalico.org/v3",
      kind: global ? "GlobalNetworkSet" : "NetworkSet",
      metadata,
      spec: { nets },
    };
  });

/** Tier: order and defaultAction (Pass or Deny only). */
export const tier: fc.Arbitrary<JsonObject> = fc
  .tuple(
    mostly(fc.constantFrom("tier1", "security", "a-b"), fc.constantFrom("Tier1", "a.b", "default.x", "")),
    sparse({
      order: mostly(fc.constantFrom(100, 0, 1e6, 50.5), fc.constantFrom("100", -5), 10),
      defaultAction: mostly(fc.constantFrom("Deny", "Pass"), fc.constantFrom("Allow", "Log", "deny", ""), 4),
    }),
  )
  .map(([name, spec]) => ({ apiVersion: "projectcalico.org/v3", kind: "Tier", metadata: { name }, spec }));

/** Any of the kinds, policies most often since they carry the most rules. */
export const resource: fc.Arbitrary<JsonObject> = fc.oneof(
  { weight: 3, arbitrary: globalNetworkPolicy },
  { weight: 2, arbitrary: networkPolicy },
  { weight: 2, arbitrary: hostEndpoint },
  { weight: 1, arbitrary: stagedPolicy },
  { weight: 1, arbitrary: networkSet },
  { weight: 1, arbitrary: tier },
);

/** Single rules, for the Rule fragment. */
export const ruleFragment: fc.Arbitrary<JsonValue> = rule;
