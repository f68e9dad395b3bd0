/** GlobalNetworkSet and NetworkSet (api/pkg/apis/projectcalico/v3/{globalnetworkset,networkset}.go). */
import { type Static, Type } from "typebox";
import { stringSet } from "./schema";

export const GlobalNetworkSetSpec = Type.Object({
  nets: Type.Optional(stringSet({ description: "CIDRs that policies can select through this set's labels" })),
});
export type GlobalNetworkSetSpec = Static<typeof GlobalNetworkSetSpec>;

export const NetworkSetSpec = Type.Object({
  nets: Type.Optional(stringSet({ description: "CIDRs that policies can select through this set's labels" })),
});
export type NetworkSetSpec = Static<typeof NetworkSetSpec>;
