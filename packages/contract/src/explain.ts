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
  peer: Type.Object({
    ip: Type.Optional(Type.String({ minLength: 1 })),
    labels: Type.Optional(Labels),
    /** Use another endpoint of the cluster as the peer (its IP and labels). */
    endpoint: Type.Optional(Type.String({ minLength: 1 })),
  }),
  protocol: Type.Union([
    Type.Literal("TCP"),
    Type.Literal("UDP"),
    Type.Literal("SCTP"),
    Type.Literal("ICMP"),
    Type.Literal("ICMPv6"),
    Type.Integer({ minimum: 1, maximum: 255 }),
  ]),
  port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
  /** For host endpoints: the original destination before DNAT (a NodePort or LB address), if any. */
  preDnatDestination: Type.Optional(Type.Object({ ip: Type.String(), port: Type.Optional(Type.Integer()) })),
  proposedYaml: Type.Optional(Type.String({ maxLength: 1024 * 1024 })),
});
export type ExplainRequest = Static<typeof ExplainRequest>;

export const Verdict = Type.Union([Type.Literal("allow"), Type.Literal("deny")]);
export type Verdict = Static<typeof Verdict>;

/**
 * One step Felix takes. `kind`: `stage` (entering a stage), `established`, `failsafe`, `tier` (entering a tier),
 * `policy` (a policy that applies; `result` says whether a rule matched), `rule` (a rule tried), `tier-end`
 * (end-of-tier default action), `profile`, `no-policy` (host endpoint with no policy: default deny), `verdict`.
 */
export const TraceStep = Type.Object({
  kind: Type.Union([
    Type.Literal("stage"),
    Type.Literal("established"),
    Type.Literal("failsafe"),
    Type.Literal("tier"),
    Type.Literal("policy"),
    Type.Literal("rule"),
    Type.Literal("tier-end"),
    Type.Literal("profile"),
    Type.Literal("no-policy"),
    Type.Literal("verdict"),
  ]),
  stage: Type.Optional(Stage),
  tier: Type.Optional(Type.String()),
  /** `PolicySummary.key` of the policy concerned. */
  policy: Type.Optional(Type.String()),
  rule: Type.Optional(Type.Integer({ minimum: 0 })),
  /** `Allow`, `Deny`, `Pass`, `Log` for a matching rule or a tier's default; `none` when nothing matched. */
  action: Type.Optional(Type.String()),
  /** Did this step decide the packet (`allow`/`deny`), hand over (`pass`/`next`), or not match (`no-match`)? */
  result: Type.Union([
    Type.Literal("allow"),
    Type.Literal("deny"),
    Type.Literal("pass"),
    Type.Literal("next"),
    Type.Literal("no-match"),
    Type.Literal("skip"),
  ]),
  message: Type.String(),
});
export type TraceStep = Static<typeof TraceStep>;

export const ExplainResult = Type.Object({
  verdict: Verdict,
  /** One sentence, e.g. "Denied by deny-nodeports rule 0 (preDNAT stage)". */
  summary: Type.String(),
  /** Index into `trace` of the deciding step. */
  decidedBy: Type.Integer({ minimum: 0 }),
  trace: Type.Array(TraceStep),
});
export type ExplainResult = Static<typeof ExplainResult>;
