/** HostEndpoint (api/pkg/apis/projectcalico/v3/hostendpoint.go); rules: docs/calico-semantics.md §4 and §5. */
import { type Static, Type } from "typebox";
import { Protocol } from "./rule";
import { type CelRule, stringSet } from "./schema";

export const EndpointPort = Type.Object({
  name: Type.String({ description: "port name usable as a named port in rules" }),
  port: Type.Integer({ minimum: 1, maximum: 65535 }),
  protocol: Protocol,
});
export type EndpointPort = Static<typeof EndpointPort>;

const hostEndpointCel = [
  {
    message: "at least one of interfaceName or expectedIPs must be specified",
    reason: "FieldValueInvalid",
    rule: "(has(self.interfaceName) && size(self.interfaceName) > 0) || (has(self.expectedIPs) && size(self.expectedIPs) > 0)",
  },
  { message: "node must be specified", reason: "FieldValueInvalid", rule: "has(self.node) && size(self.node) > 0" },
] satisfies CelRule[];

export const HostEndpointSpec = Type.Object(
  {
    expectedIPs: Type.Optional(stringSet({ description: "IPs of the interface; used when interfaceName is not set" })),
    interfaceName: Type.Optional(
      Type.String({ maxLength: 15, description: 'interface name, or "*" for all interfaces' }),
    ),
    node: Type.Optional(Type.String({ maxLength: 253, description: "the node this host endpoint lives on" })),
    ports: Type.Optional(Type.Array(EndpointPort)),
    profiles: Type.Optional(stringSet({ description: "profiles whose rules and labels apply after policy" })),
  },
  { "x-kubernetes-validations": hostEndpointCel },
);
export type HostEndpointSpec = Static<typeof HostEndpointSpec>;
