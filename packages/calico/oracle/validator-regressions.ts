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

export const OPEN_DISAGREEMENTS = {
  ianaPortName: {
    summary:
      "named ports: Calico requires a k8s IANA service name (lower case, digits, '-', <= 15 chars, a letter); " +
      "port.ts accepts ^[a-zA-Z0-9_.-]{1,128}$",
    calicoOnly: /^PortName = .*Tag: portName/,
  },
  emptyTypes: {
    summary:
      "types: [] is valid for Calico's Validate (the Go object omits the empty list, so the CRD's minItems never " +
      "sees it); ours rejects it, as a kube-apiserver serving the v3 CRDs would",
    oursOnly: /^spec\.types: needs at least 1 entry/,
  },
  namespaceFormat: {
    summary: "Calico's validator does not check a NetworkPolicy's namespace; ours rejects one that is not a DNS label",
    oursOnly: /^metadata\.namespace: namespace .* is invalid/,
  },
} as const satisfies Record<string, OpenDisagreement>;

export type OpenDisagreementId = keyof typeof OPEN_DISAGREEMENTS;

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
    open: "ianaPortName",
  },
  {
    name: "a rule's named port must be an IANA service name: lower case only",
    fragment: "Rule",
    object: tcpTo(["HTTP"]),
    calico: false,
    open: "ianaPortName",
  },
  {
    name: "a rule's named port must be an IANA service name: at most 15 characters",
    fragment: "Rule",
    object: tcpTo(["a-very-long-port-name"]),
    calico: false,
    open: "ianaPortName",
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
    open: "emptyTypes",
  },
  {
    name: "Calico's validator does not check a NetworkPolicy's namespace format",
    object: policy("NetworkPolicy", { types: ["Ingress"] }, "Team-A"),
    calico: true,
    open: "namespaceFormat",
  },
  {
    name: "duplicate nets are rejected (nets is an x-kubernetes-list-type set in the v3.32.1 CRDs)",
    object: policy("GlobalNetworkPolicy", {
      ingress: [{ action: "Allow", source: { nets: ["10.0.0.0/8", "10.0.0.0/8"] } }],
    }),
    calico: false,
  },
];
