/**
 * Rules shared by every Calico policy kind (api/pkg/apis/projectcalico/v3/policy_common.go). Semantics and the
 * validator's extra rules: docs/calico-semantics.md section 5; the CEL rules here are the CRDs' own.
 */
import { type Static, Type } from "typebox";
import { type CelRule, intOrString, stringEnum, stringMap, stringSet } from "./schema";

export const ACTIONS = ["Allow", "Deny", "Log", "Pass"] as const;
export type Action = (typeof ACTIONS)[number];

/** Protocol names accepted by the v3 API; case-sensitive (docs/calico-semantics.md §5 "Protocols"). */
export const PROTOCOL_NAMES = ["TCP", "UDP", "ICMP", "ICMPv6", "SCTP", "UDPLite"] as const;

/** numorstring.Protocol: a name from PROTOCOL_NAMES or a number 1-255 (validated in src/validate). */
export const PROTOCOL_DESCRIPTION = "TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or 1-255";
export const Protocol = intOrString({ pattern: "^.*", description: PROTOCOL_DESCRIPTION });
export type Protocol = Static<typeof Protocol>;

/** numorstring.Port: a number, an inclusive range "min:max", or a named port (docs/calico-semantics.md §5 "Ports"). */
export const PORT_DESCRIPTION = 'a port number, a range "min:max" or a port name';
export const Port = intOrString({ pattern: "^.*", description: PORT_DESCRIPTION });
export type Port = Static<typeof Port>;

const icmpBounds = [
  {
    message: "ICMP code specified without an ICMP type",
    reason: "FieldValueInvalid",
    rule: "!has(self.code) || has(self.type)",
  },
] satisfies CelRule[];

export const ICMPFields = Type.Object(
  {
    type: Type.Optional(Type.Integer({ minimum: 0, maximum: 254, description: "ICMP type, 0-254" })),
    code: Type.Optional(Type.Integer({ minimum: 0, maximum: 255, description: "ICMP code, 0-255; needs a type" })),
  },
  { "x-kubernetes-validations": icmpBounds },
);
export type ICMPFields = Static<typeof ICMPFields>;

export const HTTPPath = Type.Object({
  exact: Type.Optional(Type.String({ maxLength: 1024 })),
  prefix: Type.Optional(Type.String({ maxLength: 1024 })),
});
export type HTTPPath = Static<typeof HTTPPath>;

export const HTTPMatch = Type.Object({
  methods: Type.Optional(Type.Array(Type.String(), { maxItems: 20 })),
  paths: Type.Optional(Type.Array(HTTPPath, { maxItems: 20 })),
});
export type HTTPMatch = Static<typeof HTTPMatch>;

export const ServiceAccountMatch = Type.Object({
  names: Type.Optional(stringSet()),
  selector: Type.Optional(Type.String()),
});
export type ServiceAccountMatch = Static<typeof ServiceAccountMatch>;

export const ServiceMatch = Type.Object({
  name: Type.Optional(Type.String()),
  namespace: Type.Optional(Type.String()),
});
export type ServiceMatch = Static<typeof ServiceMatch>;

export const EntityRule = Type.Object({
  namespaceSelector: Type.Optional(
    Type.String({ description: "selects namespaces by label; global() alone selects non-namespaced endpoints" }),
  ),
  nets: Type.Optional(stringSet({ description: "CIDRs, all of one IP family" })),
  notNets: Type.Optional(Type.Array(Type.String())),
  notPorts: Type.Optional(Type.Array(Port)),
  notSelector: Type.Optional(Type.String()),
  ports: Type.Optional(Type.Array(Port)),
  selector: Type.Optional(Type.String({ description: "Calico selector over endpoint labels" })),
  serviceAccounts: Type.Optional(ServiceAccountMatch),
  services: Type.Optional(ServiceMatch),
});
export type EntityRule = Static<typeof EntityRule>;

const ruleCel = [
  {
    message: "rules with HTTP match must have protocol TCP or unset",
    reason: "FieldValueInvalid",
    rule: "!has(self.http) || !has(self.protocol) || self.protocol == 'TCP' || self.protocol == 6",
  },
  {
    message: "HTTP match is only valid on Allow rules",
    reason: "FieldValueForbidden",
    rule: "self.action == 'Allow' || !has(self.http)",
  },
  {
    message: "ports and notPorts cannot be specified with services",
    reason: "FieldValueForbidden",
    rule: "!has(self.destination) || !has(self.destination.services) || (!has(self.destination.ports) || size(self.destination.ports) == 0) && (!has(self.destination.notPorts) || size(self.destination.notPorts) == 0)",
  },
] satisfies CelRule[];

export const Rule = Type.Object(
  {
    action: stringEnum(ACTIONS),
    destination: Type.Optional(EntityRule),
    http: Type.Optional(HTTPMatch),
    icmp: Type.Optional(ICMPFields),
    ipVersion: Type.Optional(Type.Unsafe<4 | 6>({ type: "integer", enum: [4, 6] })),
    metadata: Type.Optional(Type.Object({ annotations: Type.Optional(stringMap()) })),
    notICMP: Type.Optional(ICMPFields),
    notProtocol: Type.Optional(Protocol),
    protocol: Type.Optional(Protocol),
    source: Type.Optional(EntityRule),
  },
  { "x-kubernetes-validations": ruleCel },
);
export type Rule = Static<typeof Rule>;
