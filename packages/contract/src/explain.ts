import { type Static, Type } from "typebox";
import { Stage } from "./endpoints";
import { Labels } from "./resources";

/**
 * "Would this packet be allowed, and by which rule?" for one endpoint of the cluster. `direction` is from the
 * endpoint's point of view: `Ingress` means the peer sends to the endpoint. `proposedYaml` evaluates as if those
 * documents were applied (create or replace), for before/after comparisons; nothing is written.
 */
export const ExplainRequest = Type.Object({
  /** An endpoint id: `hep/<name>` or `wep/<namespace>/<pod>`. */
  endpoint: Type.String({ minLength: 1 }),
  direction: Type.Union([Type.Literal("Ingress"), Type.Literal("Egress")]),
  /**
   * The other end: another endpoint of the cluster (its IP and labels), an address, labels, or a mix; or, with
   * `localHost`, the endpoint's own node itself (a process in its host network namespace, not a pod).
   */
  peer: Type.Object({
    endpoint: Type.Optional(Type.String({ minLength: 1 })),
    ip: Type.Optional(Type.String({ minLength: 1 })),
    labels: Type.Optional(Labels),
    localHost: Type.Optional(Type.Boolean()),
  }),
  /** A name (`TCP`, `UDP`, `SCTP`, `ICMP`, `ICMPv6`, ...) or a number. */
  protocol: Type.Union([Type.String({ minLength: 1 }), Type.Integer({ minimum: 1, maximum: 255 })]),
  /**
   * Destination port. Ingress to a host endpoint on a Service's NodePort is translated to a backing pod like
   * `preDnatDestination` (see the result's `dnat`), unless `forwarded` is false.
   */
  port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
  sourcePort: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
  icmp: Type.Optional(
    Type.Object({
      type: Type.Optional(Type.Integer({ minimum: 0, maximum: 255 })),
      code: Type.Optional(Type.Integer({ minimum: 0, maximum: 255 })),
    }),
  ),
  /**
   * Host endpoints: the packet's destination before DNAT, e.g. a LoadBalancer/NLB address or a NodePort on the
   * host; preDNAT policies see this destination. When it is a Service's NodePort, LoadBalancer or external IP, the
   * later stages see the backing pod kube-proxy translates it to (the result's `dnat`); otherwise it stays the
   * packet's local address and port. Either way the packet is treated as forwarded (to the pod behind it) unless
   * `forwarded` says otherwise.
   */
  preDnatDestination: Type.Optional(
    Type.Object({
      ip: Type.String({ minLength: 1 }),
      port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
    }),
  ),
  /** Which of the endpoint's addresses the packet uses (default: its first). */
  localIp: Type.Optional(Type.String({ minLength: 1 })),
  /** Host endpoints: the packet is forwarded through the host (to a pod via a NodePort, or routed). */
  forwarded: Type.Optional(Type.Boolean()),
  /** The packet belongs to a connection conntrack already accepted. */
  established: Type.Optional(Type.Boolean()),
  proposedYaml: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 * 1024 })),
});
export type ExplainRequest = Static<typeof ExplainRequest>;

/**
 * `undetermined`: the packet's fate depends on something Palisade does not model or was not told (a rule field, a
 * Felix setting, which interface routing picks, an address kube-proxy chooses); the deciding step says what.
 */
export const Verdict = Type.Union([Type.Literal("allow"), Type.Literal("deny"), Type.Literal("undetermined")]);
export type Verdict = Static<typeof Verdict>;

/**
 * One step Felix takes (docs/calico-semantics.md section 4). `kind`: `stage` (entering a stage), `failsafe`,
 * `established` (conntrack), `policy` (a policy that applies), `rule` (a rule tried: `matched`, `action`),
 * `end-of-tier` (the tier's default action), `profile`, `default` (nothing accepted: drop, or forward default
 * allow), `note` (context, e.g. a staged policy that would have matched), `dnat` (kube-proxy translates the
 * destination to a pod here; later steps belong to the pod's endpoint or see it as the destination), `undetermined`
 * (the answer depends on something not modelled or not given: the message says what).
 */
export const TraceStep = Type.Object({
  kind: Type.Union([
    Type.Literal("stage"),
    Type.Literal("failsafe"),
    Type.Literal("established"),
    Type.Literal("policy"),
    Type.Literal("rule"),
    Type.Literal("end-of-tier"),
    Type.Literal("profile"),
    Type.Literal("default"),
    Type.Literal("note"),
    Type.Literal("dnat"),
    Type.Literal("undetermined"),
  ]),
  stage: Stage,
  /** The endpoint whose chain the step belongs to: the host endpoint, or after DNAT the pod (`wep/<ns>/<pod>`). */
  endpoint: Type.Optional(Type.String()),
  tier: Type.Optional(Type.String()),
  /** `PolicySummary.key` of the policy concerned. */
  policy: Type.Optional(Type.String()),
  /** Rule index within the policy's rules for the direction. */
  rule: Type.Optional(Type.Integer({ minimum: 0 })),
  /** `Allow`, `Deny`, `Pass`, `Log` for a rule or a tier's default action. */
  action: Type.Optional(Type.String()),
  matched: Type.Optional(Type.Boolean()),
  staged: Type.Optional(Type.Boolean()),
  profile: Type.Optional(Type.String()),
  /**
   * What the step did to the packet: decided it (`allow`/`deny`), handed it to the next tier (`pass`), moved on
   * (`next`: entering a stage or policy, a Log rule, a profile that did not decide), did not match (`no-match`), or
   * was not enforced (`skip`: a staged policy's rule, a note), or left the answer open (`undetermined`).
   */
  result: Type.Union([
    Type.Literal("allow"),
    Type.Literal("deny"),
    Type.Literal("undetermined"),
    Type.Literal("pass"),
    Type.Literal("next"),
    Type.Literal("no-match"),
    Type.Literal("skip"),
  ]),
  message: Type.String(),
});
export type TraceStep = Static<typeof TraceStep>;

/** An address and port. */
const Destination = Type.Object({ ip: Type.String(), port: Type.Integer({ minimum: 1, maximum: 65535 }) });

/**
 * The DNAT kube-proxy applies to the packet before Calico's normal and forward stages: a Service's NodePort on a
 * node address, or its LoadBalancer ingress / external IP and port, translated to one backing pod's IP and
 * targetPort. The untracked and preDNAT stages see `from`; later stages see `to`. No `to`: the Service has no ready
 * pod to translate to, and the trace shows the untranslated packet.
 */
export const ExplainDnat = Type.Object({
  /** `namespace/name` of the Service. */
  service: Type.String(),
  via: Type.Union([Type.Literal("NodePort"), Type.Literal("LoadBalancer"), Type.Literal("ExternalIP")]),
  from: Destination,
  to: Type.Optional(
    Type.Object({
      ip: Type.String(),
      port: Type.Integer({ minimum: 1, maximum: 65535 }),
      /** `namespace/name` of the pod chosen. */
      pod: Type.String(),
    }),
  ),
  /** One sentence: what was translated, to which pod, and how it was chosen. */
  message: Type.String(),
});
export type ExplainDnat = Static<typeof ExplainDnat>;

export const ExplainResult = Type.Object({
  verdict: Verdict,
  /** One sentence: the verdict and the deciding step's message. */
  summary: Type.String(),
  /** Index into `trace` of the deciding step (the last one). */
  decidedBy: Type.Integer({ minimum: 0 }),
  trace: Type.Array(TraceStep),
  /** How the peer was resolved (the endpoint or network set its IP or labels stand for), when the engine says. */
  peer: Type.Optional(Type.String()),
  /** True when `proposedYaml` was applied on top of the live policies for this answer. */
  whatIf: Type.Boolean(),
  /** Set when the packet's destination is a Service that kube-proxy translates (see `ExplainDnat`). */
  dnat: Type.Optional(ExplainDnat),
});
export type ExplainResult = Static<typeof ExplainResult>;
