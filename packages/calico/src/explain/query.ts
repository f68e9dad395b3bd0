/**
 * What the explainer is asked and what it answers (issue 3 "Explain"; docs/calico-semantics.md sections 2 and 4).
 */
import type { Direction, Stage } from "../endpoints/compiled-policy";
import type { Action, ICMPFields } from "../model/rule";
import type { FailsafeConfig } from "./failsafe";
import type { ProfileRules } from "./profiles";
import type { ServiceIndex } from "./services";

/** The other end of the packet: a known endpoint, an address, labels, or a mix (labels win over looked-up ones). */
export interface PeerSpec {
  readonly endpointId?: string | undefined;
  readonly ip?: string | undefined;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  /**
   * The peer is the endpoint's own node itself: a process in its host network namespace (not a pod). Felix never
   * polices host -> local workload traffic (felix/rules/static.go filterOutputChain).
   */
  readonly localHost?: boolean | undefined;
  /**
   * Why the address policy sees for the peer is not known (e.g. a ClusterIP that kube-proxy translates to a pod
   * chosen at random): rules that test the peer cannot be decided.
   */
  readonly unknown?: string | undefined;
}

export interface ExplainQuery {
  /** The endpoint whose policy is walked (`hep/<name>` or `wep/<ns>/<pod>`). */
  readonly endpointId: string;
  /** `ingress`: the peer sends to the endpoint; `egress`: the endpoint sends to the peer. */
  readonly direction: Direction;
  readonly peer: PeerSpec;
  /** Name (`TCP`) or number. */
  readonly protocol: number | string;
  /** Destination port. */
  readonly port?: number | undefined;
  readonly sourcePort?: number | undefined;
  readonly icmp?: ICMPFields | undefined;
  /** Which of the endpoint's addresses the packet uses; defaults to the first. */
  readonly localIp?: string | undefined;
  /**
   * Host endpoints, ingress: the destination before DNAT (a load balancer IP or a NodePort), which the untracked
   * and pre-DNAT stages see (raw and mangle PREROUTING run before DNAT); later stages see `localIp` and `port`, or
   * with `dnat` the pod.
   */
  readonly preDnat?: { readonly ip?: string | undefined; readonly port?: number | undefined } | undefined;
  /** Host endpoints, ingress: kube-proxy translates the packet to this pod (implies `forwarded`). */
  readonly dnat?: DnatTarget | undefined;
  /** Host endpoints: the packet is forwarded through the host (to a pod, or routed) rather than to/from the host. */
  readonly forwarded?: boolean | undefined;
  /** The packet belongs to a connection conntrack already accepted. */
  readonly established?: boolean | undefined;
}

/**
 * The pod a Service packet is DNATed to (kube-proxy, nat PREROUTING, between the preDNAT and forward stages;
 * docs/calico-semantics.md section 4 "Chain layout"). From then on the destination is the pod: the host endpoint's
 * forward stage and the pod's own ingress policy see its address, targetPort, labels and named ports.
 */
export interface DnatTarget {
  /** The pod's workload endpoint, `wep/<ns>/<pod>`. */
  readonly endpointId: string;
  /** The pod's address the packet goes to; defaults to its first. */
  readonly ip?: string | undefined;
  /** The targetPort; defaults to the query's `port`. */
  readonly port?: number | undefined;
  /**
   * The pod runs on another node and kube-proxy masquerades the packet (externalTrafficPolicy Cluster). Masquerading
   * happens in nat POSTROUTING, after this node's filter FORWARD, so this node's stages still see the client.
   */
  readonly masquerade?: Masquerade | undefined;
}

/** The source address the pod's node sees after kube-proxy's masquerade. */
export interface Masquerade {
  /** The address; undefined when it is not known (then rules that test the source cannot be decided). */
  readonly ip?: string | undefined;
  /** Which address and why, e.g. `the IPIP tunnel address of node w1 (IPPool default-ipv4-ippool, ipipMode Always)`. */
  readonly via: string;
}

/** A packet crossing the fabric between two nodes of the cluster, at one of them. */
export interface FabricLeg {
  /** The node whose interface it is. */
  readonly node: string;
  /** `egress`: the packet leaves `node` by the interface; `ingress`: it arrives on it. */
  readonly direction: Direction;
  /** The node at the other end. */
  readonly peerNode?: string | undefined;
  /** The destination's address when it is a pod: Calico's routes to pods' blocks may go by a tunnel device. */
  readonly podIp?: string | undefined;
}

/** A network interface of a node, as far as it is known. */
export interface FabricInterface {
  /** The device's name when known (`tunl0`, `vxlan.calico`); undefined for one known only by its address. */
  readonly name?: string | undefined;
  /** Its addresses; undefined when not known (a tunnel address its Node does not record). */
  readonly ips?: readonly string[] | undefined;
  /** Which interface and why, for the trace, e.g. `tunl0 (IPPool default-ipv4-ippool ipipMode Always)`. */
  readonly via: string;
  /**
   * A tunnel device (`tunl0`, `vxlan.calico`): the host's own packets leave by it with its address as their source
   * (the kernel picks the device's address; Felix masquerades any other local source to it, felix/rules/static.go
   * StaticNATPostroutingChains).
   */
  readonly tunnel?: boolean | undefined;
}

/** The interface a fabric leg crosses, or the ones it may cross and why it is not known which. */
export type FabricRoute =
  | { readonly interface: FabricInterface }
  | { readonly unknown: string; readonly interfaces: readonly FabricInterface[] };

export interface ExplainOptions {
  readonly failsafe?: FailsafeConfig | undefined;
  /**
   * Which interface a packet between two nodes of the cluster leaves or arrives by, when the caller knows Calico's
   * routes (IPPools, the nodes' subnets and tunnel addresses); explain then finds the host endpoint governing it as
   * Felix does. Undefined (or no option): routing decides, which explain does not model.
   */
  readonly fabric?: ((leg: FabricLeg) => FabricRoute | undefined) | undefined;
  /**
   * What `fabric`'s answer takes from a pod's address (`FabricLeg.podIp`): addresses with one route class get the same
   * answers (the BFF's: the IPPool holding it). The connectivity diff groups pods by it; without it, by address.
   */
  readonly routeClass?: ((ip: string) => string) | undefined;
  /**
   * What `fabric`'s answer takes from a leg's other node (`FabricLeg.peerNode`): legs whose other nodes have one peer
   * class get the same answers (the BFF's: the node's subnet and which nodes' subnets hold its address, the tunnel
   * addresses its Node records). The connectivity diff groups nodes by it; without it, each node is a class of its own.
   */
  readonly peerClass?: ((node: string) => string) | undefined;
  /**
   * The Services' endpoints from their EndpointSlices (`serviceIndex`), for rules with `services`; without it such a
   * rule cannot be decided.
   */
  readonly services?: ServiceIndex | undefined;
  /** Rules of profiles beyond Calico's built-in ones. */
  readonly profiles?: ReadonlyMap<string, ProfileRules> | undefined;
}

/**
 * One step of the walk. Every step but `peer` names the stage and the endpoint whose chain it belongs to (`hep/...`
 * for a host endpoint's untracked, preDNAT, normal and forward stages; `wep/...` for the pod a DNATed packet reaches).
 * `dnat` marks where kube-proxy translates the destination, between the preDNAT and forward stages.
 */
export type TraceStep =
  | { readonly kind: "peer"; readonly message: string }
  | { readonly kind: "stage"; readonly stage: Stage; readonly endpoint: string; readonly message: string }
  | {
      readonly kind: "failsafe" | "established" | "default" | "note" | "dnat" | "undetermined";
      readonly stage: Stage;
      readonly endpoint: string;
      readonly message: string;
    }
  | {
      readonly kind: "rule";
      readonly stage: Stage;
      readonly endpoint: string;
      readonly tier: string;
      readonly policy: string;
      readonly ruleIndex: number;
      readonly action: Action;
      readonly matched: boolean;
      readonly staged: boolean;
      readonly message: string;
    }
  | {
      readonly kind: "policy";
      readonly stage: Stage;
      readonly endpoint: string;
      readonly tier: string;
      readonly policy: string;
      readonly staged: boolean;
      readonly message: string;
    }
  | {
      readonly kind: "end-of-tier";
      readonly stage: Stage;
      readonly endpoint: string;
      readonly tier: string;
      readonly action: "Deny" | "Pass";
      readonly message: string;
    }
  | {
      readonly kind: "profile";
      readonly stage: Stage;
      readonly endpoint: string;
      readonly profile: string;
      readonly ruleIndex?: number | undefined;
      readonly message: string;
    };

/**
 * `undetermined`: the packet's fate depends on something explain does not model or was not told (the deciding
 * `undetermined` step says what); never a confident allow or deny in that case.
 */
export type Verdict = "allow" | "deny" | "undetermined";

export interface Explanation {
  readonly verdict: Verdict;
  /** One sentence, e.g. `Denied by GlobalNetworkPolicy deny-nodeports rule 1 (preDNAT stage of host endpoint …)`. */
  readonly summary: string;
  /** The step that decided; also the last element of `trace`. */
  readonly decidedBy: TraceStep;
  readonly trace: readonly TraceStep[];
}

/** A query the explainer cannot answer: which field and why. */
export interface ExplainError {
  readonly field: string;
  readonly message: string;
}
