/** IBM Cloud classic's default GlobalNetworkPolicies in Calico's evaluation order, as the demo cluster seeds them. */
export const IBM_DEFAULTS_IN_ORDER = [
  "allow-node-port-dnat",
  "allow-vrrp",
  "allow-icmp",
  "allow-all-outbound",
  "allow-bigfix-port",
  "allow-sys-mgmt",
  "allow-all-private-default",
] as const;

/** The defaults whose selector picks public interfaces (all but allow-all-private-default). */
export const IBM_PUBLIC_DEFAULTS = IBM_DEFAULTS_IN_ORDER.filter((n) => n !== "allow-all-private-default");
