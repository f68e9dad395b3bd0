/**
 * Disagreements the differential tests found between packages/calico's validator and Calico's own
 * (libcalico-go's validator.Validate plus the v3.32.1 CRDs' schema and CEL rules), as fixed cases. Read by
 * src/validate/oracle-regressions.test.ts (unit tier: our verdict) and validate.int.test.ts (integration tier:
 * `calico` is what the oracle says). `open` names a disagreement reported to the owner and not yet resolved; the
 * differential test tolerates exactly the errors its patterns describe, nothing else.
 */

export interface OpenDisagreement {
  readonly summary: string;
  /** Errors (`path: message`) only we report for it. */
  readonly oursOnly?: RegExp;
  /** Error messages only Calico reports for it. */
  readonly calicoOnly?: RegExp;
}

/** Disagreements reported and not yet resolved, by id (none at the moment: every one found so far is fixed). */
export const OPEN_DISAGREEMENTS: Readonly<Record<string, OpenDisagreement>> = {};

export type OpenDisagreementId = string;

export interface RegressionRow {
  readonly name: string;
  readonly object: unknown;
  /** Validate a Rule on its own instead of a whole resource. */
  readonly fragment?: "Rule";
  /** Calico's verdict. */
  readonly calico: boolean;
  /** Set while we still differ from Calico on this row. */
  readonly open?: OpenDisagreementId;
}

const policy = (kind: "GlobalNetworkPolicy" | "NetworkPolicy", spec: Record<string, unknown>, namespace?: string) => ({
  apiVersion: "projectcalico.org/v3",
  kind,
  metadata: namespace === undefined ? { name: "allow-web" } : { name: "allow-web", namespace },
  spec,
});

const tcpTo = (ports: unknown[]) => ({ action: "Allow", protocol: "TCP", destination: { ports } });

export const REGRESSION_ROWS: readonly RegressionRow[] = [
  {
    name: "a digit-string port above 65535 fails Calico's decoding (invalid port format)",
    fragment: "Rule",
    object: tcpTo(["65536"]),
    calico: false,
  },
  {
    name: "a digit-string port above 65535 inside a NetworkPolicy",
    object: policy("NetworkPolicy", { types: ["Ingress"], ingress: [tcpTo(["65536"])] }, "default"),
    calico: false,
  },
  {
    name: "a rule's named port must be an IANA service name: no '_' or '.'",
    fragment: "Rule",
    object: tcpTo(["my_port.v1"]),
    calico: false,
  },
  {
    name: "a rule's named port must be an IANA service name: lower case only",
    fragment: "Rule",
    object: tcpTo(["HTTP"]),
    calico: false,
  },
  {
    name: "a rule's named port must be an IANA service name: at most 15 characters",
    fragment: "Rule",
    object: tcpTo(["a-very-long-port-name"]),
    calico: false,
  },
  {
    name: "an IANA service name is a valid named port",
    fragment: "Rule",
    object: tcpTo(["http-alt"]),
    calico: true,
  },
  {
    name: "types: [] is valid for Calico's Validate",
    object: policy("GlobalNetworkPolicy", { types: [], ingress: [{ action: "Allow" }] }),
    calico: true,
  },
  {
    name: 'stagedAction: "" is valid for Calico\'s Validate (absent, so the CRD default Set applies)',
    object: {
      apiVersion: "projectcalico.org/v3",
      kind: "StagedGlobalNetworkPolicy",
      metadata: { name: "allow-web" },
      spec: { stagedAction: "", ingress: [{ action: "Allow" }] },
    },
    calico: true,
  },
  {
    name: "a staged Delete must carry no other spec fields",
    object: {
      apiVersion: "projectcalico.org/v3",
      kind: "StagedGlobalNetworkPolicy",
      metadata: { name: "allow-web" },
      spec: { stagedAction: "Delete", ingress: [{ action: "Allow" }] },
    },
    calico: false,
  },
  {
    name: "Calico's validator does not check a NetworkPolicy's namespace format",
    object: policy("NetworkPolicy", { types: ["Ingress"] }, "Team-A"),
    calico: true,
  },
  {
    name: "an empty string in a GlobalNetworkSet's nets passes Calico's validator",
    object: {
      apiVersion: "projectcalico.org/v3",
      kind: "GlobalNetworkSet",
      metadata: { name: "blocked" },
      spec: { nets: ["10.0.0.0/8", ""] },
    },
    calico: true,
  },
  {
    name: "an empty string in a rule's nets is an invalid CIDR for Calico",
    object: policy("GlobalNetworkPolicy", { ingress: [{ action: "Allow", source: { nets: [""] } }] }),
    calico: false,
  },
  {
    name: "duplicate nets are rejected (nets is an x-kubernetes-list-type set in the v3.32.1 CRDs)",
    object: policy("GlobalNetworkPolicy", {
      ingress: [{ action: "Allow", source: { nets: ["10.0.0.0/8", "10.0.0.0/8"] } }],
    }),
    calico: false,
  },
];
