/**
 * "Would this packet be allowed, and by which rule?" Walks the chains Felix programs on every node the packet crosses
 * (docs/calico-semantics.md section 4 "Chain layout", "How policies are split", "Consequences"; felix/rules/static.go
 * and dispatch.go for which chains a packet meets):
 * - to or from the host itself through a host endpoint: ingress untracked (raw), preDNAT (mangle), normal; egress
 *   untracked, normal; failsafe ports first, in the first of those stages the host endpoint has chains in;
 * - forwarded through a node (filter FORWARD, StaticFilterForwardChains): the arrival host endpoint's untracked,
 *   preDNAT and forward ingress stages, the source pod's egress policy, the destination pod's ingress policy, then the
 *   departure host endpoint's forward egress stage. A pod's interface has no host endpoint of its own, but an
 *   `interfaceName: "*"` host endpoint is every interface's default (dispatch.go hostDispatchChains), so its preDNAT
 *   and forward policy also see traffic from and to local pods; its untracked policy is ignored;
 * - a Service packet (`dnat`): kube-proxy translates it after the preDNAT stage; later stages see the pod. A pod on
 *   another node is reached through this node's departure and that node's arrival stages;
 * - between nodes, the interface is the one Calico's route takes when the caller knows it (`ExplainOptions.fabric`:
 *   the node's own interface, or a tunnel device for an encapsulating IPPool), governed by the host endpoint Felix
 *   picks for it (felix/dataplane/linux/endpoint_mgr.go resolveHostEndpoints);
 * - host -> its own pods is never policed (static.go filterOutputChain, dispatch.go "Skip egress WHEP policy for
 *   traffic to local workload"); pod -> its own host ends in Felix's DefaultEndpointToHostAction, which is not known
 *   here;
 * - tiers in order (section 2): Allow and Deny decide, Pass goes to the next tier, Log goes on; staged policies never
 *   enforce; at the end of a tier its default action, except in untracked and preDNAT tiers (Pass) and in tiers whose
 *   policies are all staged; then profiles; nothing accepted means drop.
 * Whenever the answer depends on something not modelled or not given (a rule field, Felix configuration, which
 * interface routing picks, an address kube-proxy picks or masquerades to), the verdict is `undetermined` with the
 * reason. Every trace step names the endpoint whose chain it belongs to.
 */
import type { CompiledPolicy, CompiledRule, Direction, Stage } from "../endpoints/compiled-policy";
import { entityRuleSelectors } from "../endpoints/effective-selectors";
import type { Endpoint } from "../endpoints/endpoint";
import type { MatchIndex, TierPolicies } from "../endpoints/match-index";
import { expectsAny, hostEndpointOwner } from "../endpoints/resolve-host-endpoint";
import type { Action } from "../model/rule";
import { endpointIdLabel, keyLabel, refLabel } from "../refs/refs";
import { err, ok, type Result } from "../result";
import { formatIp, parseIp } from "../validate/net";
import { DEFAULT_FAILSAFE, describeFailsafe, matchFailsafe } from "./failsafe";
import { type BuiltPacket, buildPacket, type PodLeg, withSource } from "./packet-sides";
import { profileRules } from "./profiles";
import type {
  ExplainError,
  ExplainOptions,
  ExplainQuery,
  Explanation,
  FabricInterface,
  FabricRoute,
  TraceStep,
  Verdict,
} from "./query";
import { matchRule, type Packet } from "./rule-match";

type Outcome = "allow" | "deny" | "undetermined" | "continue";
/** What a leg of the path did: let the packet on, or decided it. `host` ends the path (accepted for the host). */
type LegOutcome = "on" | "deny" | "undetermined" | "host";

/** Where a chain walk is: which endpoint's chain, which stage, which direction, and the packet as it sees it. */
interface Walk {
  readonly endpoint: Endpoint;
  readonly stage: Stage;
  readonly direction: Direction;
  readonly packet: Packet;
}

/** An interface a packet crosses on a node: a known host endpoint's, a local pod's, or some fabric interface. */
type Iface =
  | { readonly kind: "hep"; readonly endpoint: Endpoint }
  | { readonly kind: "pod"; readonly endpoint: Endpoint }
  /**
   * A fabric interface, to or from another node of the cluster (`cluster`: that node, when known, and the destination
   * pod's address, whose route may be encapsulated) or beyond it (`outside`).
   */
  | { readonly kind: "network"; readonly peer: "outside" }
  | {
      readonly kind: "network";
      readonly peer: "cluster";
      readonly node?: string | undefined;
      readonly podIp?: string | undefined;
    };

/** One forwarded pass through a node's filter FORWARD (and raw and mangle PREROUTING before it). */
interface Hop {
  readonly node: string | undefined;
  readonly from: Iface;
  readonly to: Iface;
  /** The packet before kube-proxy's DNAT (raw and mangle see it) and after it. */
  readonly before: Packet;
  readonly after: Packet;
  /** kube-proxy translated the destination on this node. */
  readonly dnat?: { readonly pod: Endpoint } | undefined;
}

export function explain(
  index: MatchIndex,
  q: ExplainQuery,
  options: ExplainOptions = {},
): Result<Explanation, ExplainError> {
  const built = buildPacket(index, q);
  if (!built.ok) return err(built.error);
  const b = built.value;
  if (q.peer.localHost === true && b.endpoint.kind === "host" && q.direction === "ingress") {
    return err({
      field: "peer.localHost",
      message:
        "a host endpoint's ingress is traffic arriving from the network; the host's own traffic to itself does not cross it",
    });
  }
  const walker = new Walker(index, q, options, [{ kind: "peer", message: b.peerSummary }]);
  const verdict = walker.route(b);
  const decidedBy = walker.decider();
  return ok({ verdict, summary: summarize(verdict, decidedBy), decidedBy, trace: walker.trace });
}

/** A chain's name in a focus: the endpoint id and the direction. */
export const chainKey = (endpointId: string, direction: Direction): string => `${endpointId} ${direction}`;

/**
 * What the chains in `focus` do to a packet, in path order: each walked as `explain` walks it, every other chain
 * letting the packet on unwalked, and a walked chain's drop or doubt recorded, then passed over so the chains after
 * it are seen too. Two models that differ only in the focused chains' policy and give a packet the same record give
 * it the same verdict (every other chain does the same in both, and the verdict is the first chain that stops it),
 * so the connectivity diff walks in full only the packets whose record a change alters.
 */
export function chainOutcomes(
  index: MatchIndex,
  q: ExplainQuery,
  options: ExplainOptions,
  focus: ReadonlySet<string>,
): Result<string, ExplainError> {
  const built = buildPacket(index, q);
  if (!built.ok) return err(built.error);
  const walker = new Walker(index, q, options, [], focus);
  const verdict = walker.route(built.value);
  return ok(`${walker.outcomes.join(";")}=${verdict}`);
}

class Walker {
  /** Index into `trace` of the last step that accepted or decided the packet. */
  private decisive = -1;
  /** With a focus: what each walked chain, and each routing choice, did (see `chainOutcomes`). */
  readonly outcomes: string[] = [];

  constructor(
    private readonly index: MatchIndex,
    private readonly q: ExplainQuery,
    private readonly options: ExplainOptions,
    readonly trace: TraceStep[],
    private readonly focus?: ReadonlySet<string>,
  ) {}

  /** One endpoint's chains in one direction; with a focus, walked only when in it, and never stopping the packet. */
  private chain(endpoint: Endpoint, direction: Direction, walk: () => LegOutcome): LegOutcome {
    if (this.focus === undefined) return walk();
    if (!this.focus.has(chainKey(endpoint.id, direction))) return "on";
    const outcome = walk();
    this.outcomes.push(`${endpoint.id} ${direction} ${outcome}`);
    return outcome === "host" ? outcome : "on";
  }

  decider(): TraceStep {
    const step = this.trace[this.decisive] ?? this.trace[this.trace.length - 1];
    if (step === undefined) throw new Error("explain decided without a trace step");
    return step;
  }

  private push(step: TraceStep, decisive = false): void {
    this.trace.push(step);
    if (decisive) this.decisive = this.trace.length - 1;
  }

  private note(stage: Stage, endpoint: string, message: string): void {
    this.push({ kind: "note", stage, endpoint, message });
  }

  private undetermined(stage: Stage, endpoint: string, message: string): "undetermined" {
    this.push({ kind: "undetermined", stage, endpoint, message }, true);
    return "undetermined";
  }

  /** The whole path, leg by leg, from the query's endpoint and direction. */
  route(b: BuiltPacket): Verdict {
    const { endpoint, packet, preDnatPacket, pod } = b;
    const q = this.q;
    const forwarded = q.forwarded === true || pod !== undefined;
    const peerPod = b.peerEndpoint?.kind === "workload" ? b.peerEndpoint : undefined;
    const peerHost =
      q.peer.localHost === true || (b.peerEndpoint?.kind === "host" && b.peerEndpoint.node === endpoint.node);
    const sameNode = (ep: Endpoint | undefined) =>
      ep !== undefined && ep.node !== undefined && ep.node === endpoint.node;

    if (endpoint.kind === "host") {
      if (q.direction === "ingress") {
        if (!forwarded && sameNode(peerPod) && peerPod !== undefined)
          return this.finish(this.podToOwnHost(peerPod, packet));
        if (!forwarded) return this.finish(this.hostTraffic(endpoint, "ingress", packet, preDnatPacket));
        const target = pod?.endpoint;
        const local = target !== undefined && sameNode(target);
        const hop: Hop = {
          node: endpoint.node,
          from: { kind: "hep", endpoint },
          to: target === undefined ? OUTSIDE : local ? podIface(target) : cluster(target.node, packet, target),
          before: preDnatPacket,
          after: packet,
          dnat: pod?.translated === true ? { pod: pod.endpoint } : undefined,
        };
        const first = this.hop(hop);
        if (first !== "on" || pod === undefined || local) return this.finish(first);
        return this.finish(this.arriveAtPod(pod, cluster(endpoint.node, pod.packet, pod.endpoint)));
      }
      // Egress through this host endpoint, or to a pod on another node through the one governing the interface
      // Calico's route to it leaves by (`leavingHep`).
      if (!forwarded && sameNode(peerPod)) return this.finish(this.hostToOwnPod(endpoint));
      const out = this.hostEgress(endpoint, peerPod, packet, forwarded);
      if (out !== "on" || peerPod === undefined || sameNode(peerPod)) return this.finish(out);
      const sent = forwarded ? packet : this.hostSourced(endpoint.node, peerPod, packet);
      return this.finish(
        this.arriveAtPod(
          { endpoint: peerPod, packet: sent, translated: false },
          cluster(endpoint.node, packet, peerPod),
        ),
      );
    }

    // A pod: its own node's legs, and the peer's node's when the peer is a pod elsewhere.
    if (q.direction === "ingress") {
      if (peerHost) return this.finish(this.hostToOwnPod(endpoint));
      if (peerPod !== undefined && peerPod.node !== undefined && endpoint.node !== undefined) {
        if (sameNode(peerPod)) {
          const hop = { node: endpoint.node, before: packet, after: packet };
          return this.finish(this.hop({ ...hop, from: podIface(peerPod), to: podIface(endpoint) }));
        }
        const leave = this.hop({
          node: peerPod.node,
          from: podIface(peerPod),
          to: cluster(endpoint.node, packet, endpoint),
          before: packet,
          after: packet,
        });
        if (leave !== "on") return this.finish(leave);
      }
      const peerNode = peerPod?.node ?? (b.peerEndpoint?.kind === "host" ? b.peerEndpoint.node : undefined);
      // Another node's own packet first leaves that node, policed on the interface it leaves by.
      const remoteHost = peerNode !== undefined && endpoint.node !== undefined && peerNode !== endpoint.node;
      if (b.peerEndpoint?.kind === "host" && remoteHost) {
        const left = this.hostEgress(b.peerEndpoint, endpoint, packet, false);
        if (left !== "on") return this.finish(left);
      }
      const inCluster = peerPod !== undefined || b.peerEndpoint?.kind === "host";
      const from = inCluster ? cluster(peerNode, packet, endpoint) : OUTSIDE;
      const sent = b.peerEndpoint?.kind === "host" ? this.hostSourced(peerNode, endpoint, packet) : packet;
      return this.finish(this.arriveAtPod({ endpoint, packet: sent, translated: false }, from));
    }
    if (peerHost) return this.finish(this.podToOwnHost(endpoint, packet));
    if (endpoint.node === undefined) return this.finish(this.podStage(endpoint, "egress", packet));
    const local = sameNode(peerPod) && peerPod !== undefined;
    const leave = this.hop({
      node: endpoint.node,
      from: podIface(endpoint),
      to: local
        ? podIface(peerPod)
        : peerPod !== undefined
          ? cluster(peerPod.node, packet, peerPod)
          : b.peerEndpoint?.kind === "host"
            ? cluster(b.peerEndpoint.node, packet)
            : OUTSIDE,
      before: packet,
      after: packet,
    });
    if (leave !== "on" || local || peerPod === undefined || peerPod.node === undefined) return this.finish(leave);
    return this.finish(
      this.arriveAtPod({ endpoint: peerPod, packet, translated: false }, cluster(endpoint.node, packet, peerPod)),
    );
  }

  /**
   * A packet leaving the node through the host endpoint asked about: the host's own (filter OUTPUT, untracked and
   * normal stages) or forwarded (the forward egress stage). To a pod on another node it leaves by the interface
   * Calico's route takes, which may be a tunnel device: Felix dispatches by the outgoing interface (felix/rules/
   * dispatch.go HostDispatchChains, `-o` per host endpoint, the `*` one as every other interface's default), so the
   * host endpoint governing that interface polices it, and with none there is no chain for it.
   */
  private hostEgress(picked: Endpoint, peerPod: Endpoint | undefined, packet: Packet, forwarded: boolean): LegOutcome {
    const stage: Stage = forwarded ? "forward" : "normal";
    const remote = peerPod?.node !== undefined && peerPod.node !== picked.node ? peerPod : undefined;
    const leaving =
      remote === undefined
        ? { endpoint: picked }
        : this.hepFor(
            picked.node,
            cluster(remote.node, packet, remote),
            forwarded ? ["forward"] : ["untracked", "normal"],
            "egress",
            picked,
          );
    if ("undetermined" in leaving) return this.undetermined(stage, picked.id, leaving.undetermined);
    if (leaving.via !== undefined) this.note(stage, leaving.endpoint?.id ?? picked.id, leaving.via);
    const hep = leaving.endpoint;
    if (hep !== undefined) {
      return forwarded ? this.forwardEgress(hep, packet) : this.hostTraffic(hep, "egress", packet, packet);
    }
    this.push(
      {
        kind: "default",
        stage,
        endpoint: picked.id,
        message: forwarded
          ? "no host endpoint governs the interface it leaves by: no applyOnForward egress policy applies, forwarded traffic is allowed by default"
          : "no host endpoint governs the interface it leaves by: Felix has no chain for it (felix/rules/dispatch.go HostDispatchChains), so the host's own packet leaves unpoliced",
      },
      this.decisive < 0,
    );
    return "on";
  }

  private finish(outcome: LegOutcome): Verdict {
    if (outcome === "deny" || outcome === "undetermined") return outcome;
    return "allow";
  }

  /**
   * A host's own packet to a pod on another node as that pod's node sees it: when the route leaves the sending node
   * by a tunnel device (`FabricInterface.tunnel`), its source is the device's address, not the host endpoint's.
   */
  private hostSourced(sender: string | undefined, pod: Endpoint, packet: Packet): Packet {
    if (sender === undefined || pod.node === undefined || sender === pod.node) return packet;
    const ip = packet.destination.ip;
    const route = this.options.fabric?.({
      node: sender,
      direction: "egress",
      peerNode: pod.node,
      podIp: ip === undefined ? undefined : formatIp(ip.bytes),
    });
    if (route === undefined) return packet;
    const tunnels = ("interface" in route ? [route.interface] : route.interfaces).filter((i) => i.tunnel === true);
    const [tunnel] = tunnels;
    if (tunnel === undefined) return packet;
    const rule = "the kernel's choice for the tunnel device; Felix masquerades any other local source to it";
    if ("interface" in route) {
      const address = tunnel.ips?.[0];
      const how = `node ${sender}'s own packet leaves it by ${tunnel.via}, so its source is that device's address`;
      this.note("normal", pod.id, `${how}${address === undefined ? "" : ` ${address}`} (${rule})`);
      return withSource(this.index, packet, address, `${how}, which is not known`);
    }
    const how = `${route.unknown}; by ${tunnels.map((t) => t.via).join(" or ")} node ${sender}'s own packet would take that device's address as its source (${rule})`;
    this.note("normal", pod.id, how);
    return withSource(this.index, packet, undefined, how);
  }

  /** A packet from the network (`from`) reaches a pod: its node's arrival stages, the pod, the `*` egress. */
  private arriveAtPod(pod: PodLeg, from: Iface): LegOutcome {
    const ep = pod.endpoint;
    if (pod.masquerade !== undefined) {
      const at = ep.node === undefined ? "" : ` on node ${ep.node}`;
      const { ip, via } = pod.masquerade;
      this.note(
        "normal",
        ep.id,
        `the pod runs${at}: kube-proxy masquerades the packet as it leaves (nat POSTROUTING), so the stages there see source ${ip === undefined ? via : `${ip} (${via})`}, not the client`,
      );
    }
    if (ep.node === undefined) return this.podStage(ep, "ingress", pod.packet, pod.translated);
    return this.hop({ node: ep.node, from, to: podIface(ep), before: pod.packet, after: pod.packet }, pod.translated);
  }

  /**
   * One pass through a node's forwarding path, in Felix's order: raw PREROUTING (untracked, arrival host endpoint),
   * mangle PREROUTING (preDNAT), kube-proxy's DNAT, then filter FORWARD: the arrival host endpoint's forward ingress
   * policy while the accept mark is clear, the source pod's egress, the destination pod's ingress, and the departure
   * host endpoint's forward egress policy (StaticFilterForwardChains). Failsafe ports only skip raw and mangle.
   */
  private hop(hop: Hop, afterDnat = false): LegOutcome {
    const arrival = this.hepFor(hop.node, hop.from, ["untracked", "preDNAT", "forward"], "ingress");
    if ("undetermined" in arrival) {
      return this.undetermined("forward", endpointOf(hop.from, hop.to, this.q.endpointId), arrival.undetermined);
    }
    if (arrival.via !== undefined) {
      this.note("forward", arrival.endpoint?.id ?? endpointOf(hop.from, hop.to, this.q.endpointId), arrival.via);
    }
    const hep = arrival.endpoint;
    let dnatShown = false;
    const dnatStep = (stage: Stage, endpoint: string) => {
      if (dnatShown) return;
      dnatShown = true;
      if (hop.dnat === undefined) return;
      this.push({ kind: "dnat", stage, endpoint, message: dnatText(hop.before, hop.after, hop.dnat.pod) });
    };
    if (hep !== undefined) {
      const entered = this.chain(hep, "ingress", () => this.arrive(hep, hop, dnatStep));
      if (entered !== "on") return entered;
    }
    if (hop.from.kind === "pod") {
      dnatStep("normal", hop.from.endpoint.id);
      const out = this.podStage(hop.from.endpoint, "egress", hop.after);
      if (out !== "on") return out;
    }
    if (hop.to.kind === "pod") {
      dnatStep("normal", hop.to.endpoint.id);
      const into = this.podStage(hop.to.endpoint, "ingress", hop.after, afterDnat || hop.dnat !== undefined);
      if (into !== "on") return into;
    }
    const departure = this.hepFor(hop.node, hop.to, ["forward"], "egress");
    if ("undetermined" in departure) {
      return this.undetermined("forward", endpointOf(hop.to, hop.from, this.q.endpointId), departure.undetermined);
    }
    if (departure.via !== undefined) {
      this.note("forward", departure.endpoint?.id ?? endpointOf(hop.to, hop.from, this.q.endpointId), departure.via);
    }
    if (departure.endpoint === undefined) return "on";
    return this.forwardEgress(departure.endpoint, hop.after);
  }

  /**
   * The arrival host endpoint's part of a hop: untracked and preDNAT (which failsafe ports skip), then its forward
   * ingress policy while the accept mark is clear.
   */
  private arrive(hep: Endpoint, hop: Hop, dnatStep: (stage: Stage, endpoint: string) => void): LegOutcome {
    let accepted = false;
    const failsafe = this.failsafeHit("ingress", hop.before);
    const wherePreChains = this.stageWithChains(hep, "ingress", true);
    if (failsafe !== undefined && wherePreChains !== undefined) {
      this.push({
        kind: "failsafe",
        stage: wherePreChains,
        endpoint: hep.id,
        message: `${failsafe}: accepted in the ${wherePreChains} stage, so untracked and preDNAT policy are skipped; forwarded traffic still meets forward policy`,
      });
    }
    for (const stage of ["untracked", "preDNAT"] as const) {
      if (failsafe !== undefined && wherePreChains !== undefined) break;
      if (stage === "preDNAT" && accepted) {
        this.note(stage, hep.id, "accepted by untracked policy: preDNAT policy is skipped (Calico's accept mark)");
        continue;
      }
      if (stage === "untracked" && hop.from.kind === "pod") continue;
      this.push({ kind: "stage", stage, endpoint: hep.id, message: stageText(stage, hep, "ingress", hop.before) });
      if (stage === "untracked" && hep.interfaceName === "*") {
        this.note(stage, hep.id, 'interfaceName "*": Felix ignores untracked (doNotTrack) policy here');
        continue;
      }
      if (stage === "preDNAT" && this.q.established === true) return this.established(stage, hep.id);
      const tiers = this.tiers(hep, stage, "ingress");
      const outcome = this.walkTiers(tiers, { endpoint: hep, stage, direction: "ingress", packet: hop.before });
      if (outcome === "deny" || outcome === "undetermined") return outcome;
      if (outcome === "allow") {
        if (stage === "untracked" && hop.dnat !== undefined) {
          this.push(
            {
              kind: "note",
              stage,
              endpoint: hep.id,
              message:
                "an untracked Allow skips conntrack, so kube-proxy's DNAT (nat table) does not happen: the packet is accepted for the host itself, not the pod",
            },
            true,
          );
          return "host";
        }
        accepted = true;
      } else if (tiers.length > 0) this.note(stage, hep.id, `${stage} tiers end with Pass: on to the next stage`);
    }
    dnatStep("forward", hep.id);
    const onward = hop.to.kind === "pod" ? "; on to the pod's own policy" : "";
    if (accepted) {
      // filter FORWARD jumps to the from-host-endpoint forward chains only while the accept mark is clear.
      this.note(
        "forward",
        hep.id,
        "accepted by untracked or preDNAT policy: the host endpoint's forward policy is skipped (Calico's accept mark)",
      );
    } else {
      const outcome = this.forwardStage(hep, "ingress", hop.after, onward);
      if (outcome !== "on") return outcome;
    }
    return "on";
  }

  /** The departure host endpoint's forward egress chain (no failsafe, no conntrack shortcut beyond its own). */
  private forwardEgress(hep: Endpoint, packet: Packet): LegOutcome {
    return this.chain(hep, "egress", () => this.forwardStage(hep, "egress", packet, ""));
  }

  private forwardStage(hep: Endpoint, direction: Direction, packet: Packet, onward: string): LegOutcome {
    const stage = "forward";
    this.push({ kind: "stage", stage, endpoint: hep.id, message: stageText(stage, hep, direction, packet) });
    if (this.q.established === true) return this.established(stage, hep.id);
    const tiers = this.tiers(hep, stage, direction);
    const outcome = this.walkTiers(tiers, { endpoint: hep, stage, direction, packet });
    if (outcome === "deny" || outcome === "undetermined") return outcome;
    if (outcome === "allow") return "on";
    const what = direction === "ingress" ? "" : " egress";
    this.push(
      {
        kind: "default",
        stage,
        endpoint: hep.id,
        message: `${
          tiers.length === 0
            ? `no applyOnForward${what} policy applies: forwarded traffic is allowed by default`
            : `every forward tier passed: forwarded traffic is allowed`
        }${onward}`,
      },
      // The default only decides when nothing before it did: otherwise the step that accepted earlier explains more.
      this.decisive < 0,
    );
    return "on";
  }

  /** A pod's own chain (felix/rules/endpoints.go; no failsafe for workloads): tiers, then profiles. */
  private podStage(pod: Endpoint, direction: Direction, packet: Packet, afterDnat = false): LegOutcome {
    return this.chain(pod, direction, () => this.podChain(pod, direction, packet, afterDnat));
  }

  private podChain(pod: Endpoint, direction: Direction, packet: Packet, afterDnat: boolean): LegOutcome {
    const stage: Stage = "normal";
    this.push({ kind: "stage", stage, endpoint: pod.id, message: stageText(stage, pod, direction, packet, afterDnat) });
    if (this.q.established === true) return this.established(stage, pod.id);
    const walk: Walk = { endpoint: pod, stage, direction, packet };
    const tiers = this.tiers(pod, stage, direction);
    const outcome = this.walkTiers(tiers, walk);
    if (outcome === "deny" || outcome === "undetermined") return outcome;
    if (outcome === "allow") return "on";
    const profiles = this.walkProfiles(walk, tiers.length > 0);
    return profiles === "allow" ? "on" : profiles;
  }

  private established(stage: Stage, endpoint: string): "host" {
    this.push(
      {
        kind: "established",
        stage,
        endpoint,
        message: "conntrack: packet of an established connection, accepted before policy",
      },
      true,
    );
    return "host";
  }

  /**
   * The host's own traffic through a host endpoint (felix/rules/static.go filterInputChain, filterOutputChain):
   * ingress untracked, preDNAT, normal; egress untracked, normal. Failsafe rules sit in each of the host endpoint's
   * chains, so they take effect in the first stage it has chains in. An untracked or preDNAT Allow skips the later
   * stages (Calico's accept mark).
   */
  private hostTraffic(hep: Endpoint, direction: Direction, packet: Packet, preDnatPacket: Packet): LegOutcome {
    return this.chain(hep, direction, () => this.hostChains(hep, direction, packet, preDnatPacket));
  }

  private hostChains(hep: Endpoint, direction: Direction, packet: Packet, preDnatPacket: Packet): LegOutcome {
    const failsafe = this.failsafeHit(direction, preDnatPacket);
    if (failsafe !== undefined) {
      const stage = this.stageWithChains(hep, direction, false) ?? "normal";
      this.push(
        {
          kind: "failsafe",
          stage,
          endpoint: hep.id,
          message: `${failsafe}: allowed in the ${stage} stage, before any policy`,
        },
        true,
      );
      return "on";
    }
    const stages: readonly Stage[] =
      direction === "ingress" ? ["untracked", "preDNAT", "normal"] : ["untracked", "normal"];
    let accepted = false;
    for (const stage of stages) {
      const seen = stage === "normal" ? packet : preDnatPacket;
      if (accepted) {
        this.note(stage, hep.id, `accepted by an earlier stage: ${stage} policy is skipped (Calico's accept mark)`);
        if (stage === "normal") return "on";
        continue;
      }
      this.push({ kind: "stage", stage, endpoint: hep.id, message: stageText(stage, hep, direction, seen) });
      if (stage === "untracked" && hep.interfaceName === "*") {
        this.note(stage, hep.id, 'interfaceName "*": Felix ignores untracked (doNotTrack) policy here');
        continue;
      }
      if (stage !== "untracked" && this.q.established === true) return this.established(stage, hep.id);
      const tiers = this.tiers(hep, stage, direction);
      const walk: Walk = { endpoint: hep, stage, direction, packet: seen };
      const outcome = this.walkTiers(tiers, walk);
      if (outcome === "deny" || outcome === "undetermined") return outcome;
      if (outcome === "allow") {
        if (stage === "normal") return "on";
        accepted = true;
        continue;
      }
      if (stage !== "normal") {
        if (tiers.length > 0) this.note(stage, hep.id, `${stage} tiers end with Pass: on to the next stage`);
        continue;
      }
      const profiles = this.walkProfiles(walk, tiers.length > 0);
      return profiles === "allow" ? "on" : profiles;
    }
    return "on";
  }

  /**
   * Host -> a workload on the same node: filter OUTPUT returns for workload interfaces before any host endpoint
   * chain, and the pod's ingress chain is not applied to host traffic (felix/rules/static.go filterOutputChain:
   * "We don't currently police host -> endpoint"; docs: HostEndpoint resource, traffic from a host to its workload
   * endpoints is always allowed).
   */
  private hostToOwnPod(endpoint: Endpoint): LegOutcome {
    this.push(
      {
        kind: "default",
        stage: "normal",
        endpoint: endpoint.id,
        message:
          "traffic from a host to its own pods is always allowed: Felix applies neither host endpoint policy nor the pod's ingress policy to it (felix/rules/static.go filterOutputChain)",
      },
      true,
    );
    return "on";
  }

  /**
   * A pod -> its own host: the pod's egress policy, then Felix's DefaultEndpointToHostAction (Drop, Return to host
   * endpoint policy, or Accept; felix/rules/static.go filterWorkloadToHostChain), which Palisade does not read.
   */
  private podToOwnHost(pod: Endpoint, packet: Packet): LegOutcome {
    const out = this.podStage(pod, "egress", packet);
    if (out !== "on") return out;
    return this.undetermined(
      "normal",
      pod.id,
      "a pod's traffic to its own host then meets Felix's DefaultEndpointToHostAction (Drop by default, Return to the host endpoint's policy, or Accept; FelixConfiguration), which explain does not know",
    );
  }

  /** `inbound port tcp:22` etc. when the packet hits a failsafe entry for the direction. */
  private failsafeHit(direction: Direction, packet: Packet): string | undefined {
    const failsafe = this.options.failsafe ?? DEFAULT_FAILSAFE;
    const entries = direction === "ingress" ? failsafe.inbound : failsafe.outbound;
    const remote = direction === "ingress" ? packet.source.ip : packet.destination.ip;
    const hit = matchFailsafe(entries, packet.protocol, packet.destination.port, remote);
    if (hit === undefined) return undefined;
    return `failsafe ${direction === "ingress" ? "inbound" : "outbound"} port ${describeFailsafe(hit)}`;
  }

  /**
   * The first stage whose chains the host endpoint has, where its failsafe rules take effect: untracked when it has
   * untracked policy (Felix renders raw chains only then, never for `*`), preDNAT (ingress) when it has preDNAT
   * policy, else normal; undefined for forwarded traffic with neither (forward chains have no failsafe).
   */
  private stageWithChains(hep: Endpoint, direction: Direction, forwarded: boolean): Stage | undefined {
    const policies = this.index.policiesForEndpoint(hep.id);
    const untracked = policies.untracked.ingress.length + policies.untracked.egress.length > 0;
    if (untracked && hep.interfaceName !== "*") return "untracked";
    if (direction === "ingress" && policies.preDNAT.ingress.length > 0) return "preDNAT";
    return forwarded ? undefined : "normal";
  }

  private tiers(endpoint: Endpoint, stage: Stage, direction: Direction): readonly TierPolicies[] {
    return this.index.policiesForEndpoint(endpoint.id)[stage][direction];
  }

  /**
   * Which host endpoint's chains an interface on a node runs, for these stages: a host endpoint's own; for a pod's
   * interface the node's `*` host endpoint (every interface's default; its untracked policy is ignored); for a fabric
   * interface, the one governing the interface Calico's routes use (`ExplainOptions.fabric`), else whichever routing
   * picks. Certain when only one host endpoint could govern it, or when none of the candidates has policy in these
   * stages (then no chain matters). Otherwise undetermined.
   */
  private hepFor(
    node: string | undefined,
    iface: Iface,
    stages: readonly Stage[],
    direction: Direction,
    picked?: Endpoint,
  ): { readonly endpoint: Endpoint | undefined; readonly via?: string } | { readonly undetermined: string } {
    const found = this.findHep(node, iface, stages, direction, picked);
    // Which host endpoint routing picks can depend on the policy the focused chains have.
    if (this.focus !== undefined) {
      this.outcomes.push(`${node} ${direction} ${"undetermined" in found ? "?" : (found.endpoint?.id ?? "-")}`);
    }
    return found;
  }

  private findHep(
    node: string | undefined,
    iface: Iface,
    stages: readonly Stage[],
    direction: Direction,
    picked: Endpoint | undefined,
  ): { readonly endpoint: Endpoint | undefined; readonly via?: string } | { readonly undetermined: string } {
    if (iface.kind === "hep") return { endpoint: iface.endpoint };
    if (node === undefined) return { endpoint: undefined };
    const heps = this.index.hostEndpointsOn(node);
    const wildcard = heps
      .filter((e) => e.interfaceName === "*")
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
    if (iface.kind === "pod") return { endpoint: wildcard };
    const way = direction === "ingress" ? "arrives on" : "leaves";
    const route =
      iface.peer === "cluster"
        ? this.options.fabric?.({ node, direction, peerNode: iface.node, podIp: iface.podIp })
        : undefined;
    // Without a route the host endpoint asked about is the interface the caller says the packet leaves by.
    if (picked !== undefined && route === undefined) return { endpoint: picked };
    const named = heps.filter((e) => e.interfaceName !== "*");
    const governing = route === undefined ? undefined : governingEndpoints(route, node, named, wildcard, picked);
    const candidates = governing?.candidates ?? [...named, wildcard];
    const why =
      governing === undefined
        ? `which interface the packet ${way} node ${node} by depends on routing, which explain does not model: it could be`
        : `${"interface" in governing.route ? `the packet ${way} node ${node} by ${governing.route.interface.via}` : governing.route.unknown}; the host endpoint governing it (Felix matches one without an interfaceName by its expectedIPs) could be`;
    if (candidates.length === 1) {
      const [only] = candidates;
      if (governing === undefined || !("interface" in governing.route)) return { endpoint: only };
      const leaving = governing.route.interface;
      const whose = only === undefined ? "no host endpoint governs it" : `host endpoint ${only.name} governs it`;
      const instead =
        picked === undefined || only === picked
          ? ""
          : only === undefined
            ? `, so ${picked.name}'s policy does not apply`
            : `, so its policy applies, not ${picked.name}'s`;
      // The tunnel's encapsulated packet is the host's own, to another node: filter OUTPUT accepts it first.
      const outer =
        picked !== undefined && leaving.tunnel === true
          ? "; the encapsulated packet then leaves by the node's own interface, where Felix accepts IPIP and VXLAN to other Calico hosts before any host endpoint policy (felix/rules/static.go filterOutputChain)"
          : "";
      return { endpoint: only, via: `the packet ${way} node ${node} by ${leaving.via}: ${whose}${instead}${outer}` };
    }
    // Host endpoint chains for the host's own traffic end in a drop, so any host endpoint there polices it.
    const policed = candidates.filter(
      (e) =>
        e !== undefined && (stages.includes("normal") || stages.some((s) => this.tiers(e, s, direction).length > 0)),
    );
    if (policed.length === 0) return { endpoint: undefined };
    const names = candidates.map((e) => (e === undefined ? "an interface with no host endpoint" : e.id)).join(", ");
    return {
      undetermined: `${why} ${names}, and ${policed.map((e) => e?.id).join(", ")} has ${stages.join("/")} ${direction} policy`,
    };
  }

  private walkTiers(tiers: readonly TierPolicies[], walk: Walk): Outcome {
    const { stage } = walk;
    const endpoint = walk.endpoint.id;
    for (const tier of tiers) {
      let decided: Outcome | "pass" | undefined;
      for (const policy of tier.policies) {
        const result = this.walkPolicy(policy, tier.tier, walk);
        if (result === undefined) continue;
        decided = result;
        break;
      }
      if (decided === "pass") continue;
      if (decided !== undefined) return decided;
      // Staged policies never decide, and untracked and preDNAT tiers end with Pass.
      const passes = tier.policies.every((p) => p.staged)
        ? "only staged policies apply, so no end-of-tier action"
        : stage === "untracked" || stage === "preDNAT"
          ? `no policy decided; ${stage} tiers end with Pass`
          : undefined;
      if (passes !== undefined) {
        this.push({
          kind: "end-of-tier",
          stage,
          endpoint,
          tier: tier.tier,
          action: "Pass",
          message: `tier ${tier.tier}: ${passes}`,
        });
        continue;
      }
      this.push(
        {
          kind: "end-of-tier",
          stage,
          endpoint,
          tier: tier.tier,
          action: tier.defaultAction,
          message:
            tier.defaultAction === "Deny"
              ? `tier ${tier.tier}: no policy decided, so the end-of-tier default action drops the packet`
              : `tier ${tier.tier}: no policy decided; default action Pass goes on to the next tier`,
        },
        tier.defaultAction === "Deny",
      );
      if (tier.defaultAction === "Deny") return "deny";
    }
    return "continue";
  }

  /** Walks one policy's rules; undefined when no enforcing rule decided. */
  private walkPolicy(
    policy: CompiledPolicy,
    tier: string,
    walk: Walk,
  ): "allow" | "deny" | "pass" | "undetermined" | undefined {
    const { stage, direction, packet } = walk;
    const endpoint = walk.endpoint.id;
    const label = refLabel(policy);
    this.push({
      kind: "policy",
      stage,
      endpoint,
      tier,
      policy: policy.key,
      staged: policy.staged,
      message: `${label}${policy.order === undefined ? "" : ` (order ${policy.order})`}${policy.staged ? ", staged: never enforces" : ""}`,
    });
    for (const rule of policy[direction]) {
      const action = toAction(rule.rule.action);
      const m = matchRule(rule, packet, { namespace: policy.namespace, services: this.options.services });
      const step = (message: string, matched: boolean): Extract<TraceStep, { kind: "rule" }> => ({
        kind: "rule",
        stage,
        endpoint,
        tier,
        policy: policy.key,
        ruleIndex: rule.index,
        action,
        matched,
        staged: policy.staged,
        message,
      });
      if (!m.matched && m.unknown === true) {
        if (action === "Log" || policy.staged) {
          this.push(
            step(
              `${ruleName(direction, rule)} (${action}) may or may not match: ${m.reason}; it would not decide`,
              false,
            ),
          );
          continue;
        }
        this.push(
          {
            kind: "undetermined",
            stage,
            endpoint,
            message: `${label} ${ruleName(direction, rule)} (${action}) decides if it matches, and that cannot be told: ${m.reason}`,
          },
          true,
        );
        return "undetermined";
      }
      if (!m.matched) {
        this.push(step(`${ruleName(direction, rule)} (${action}) does not match: ${m.reason}`, false));
        continue;
      }
      if (action === "Log") {
        this.push(step(`${ruleName(direction, rule)} matches: Log, and evaluation goes on`, true));
        continue;
      }
      if (policy.staged) {
        this.push(
          step(`${ruleName(direction, rule)} matches: would ${action}, but staged policies do not enforce`, true),
        );
        return undefined;
      }
      this.push(step(`${ruleName(direction, rule)} matches: ${ACTION_TEXT[action]}`, true), action !== "Pass");
      return action === "Allow" ? "allow" : action === "Deny" ? "deny" : "pass";
    }
    this.push({
      kind: "policy",
      stage,
      endpoint,
      tier,
      policy: policy.key,
      staged: policy.staged,
      message: `${label}: no rule matched`,
    });
    return undefined;
  }

  /** Profiles run only when no tier applied or every tier passed; nothing accepted means drop (§4). */
  private walkProfiles(walk: Walk, hadTiers: boolean): "allow" | "deny" | "undetermined" {
    const { endpoint, direction, packet } = walk;
    for (const id of endpoint.profiles) {
      const rules = profileRules(id, this.options.profiles ?? new Map())?.[direction] ?? [];
      for (let i = 0; i < rules.length; i++) {
        const rule = rules[i];
        if (rule === undefined) continue;
        const source = entityRuleSelectors(rule.source, "", `profile ${id}`);
        const destination = entityRuleSelectors(rule.destination, "", `profile ${id}`);
        if (!source.ok || !destination.ok) continue;
        const m = matchRule({ index: i, rule, source: source.value, destination: destination.value }, packet, {
          namespace: "",
          services: this.options.services,
        });
        if (rule.action === "Log") continue;
        if (!m.matched && m.unknown === true) {
          return this.undetermined(
            "normal",
            endpoint.id,
            `profile ${id} ${direction} rule ${i + 1} (${rule.action}) decides if it matches, and that cannot be told: ${m.reason}`,
          );
        }
        if (!m.matched) continue;
        this.push(
          {
            kind: "profile",
            stage: "normal",
            endpoint: endpoint.id,
            profile: id,
            ruleIndex: i,
            message: `profile ${id} ${direction} rule ${i + 1}: ${rule.action}`,
          },
          rule.action === "Allow" || rule.action === "Deny",
        );
        if (rule.action === "Allow") return "allow";
        if (rule.action === "Deny") return "deny";
      }
    }
    const noPolicy = endpoint.kind === "host" && !hadTiers;
    this.push(
      {
        kind: "default",
        stage: "normal",
        endpoint: endpoint.id,
        message: noPolicy
          ? "host endpoint with no policy for this direction and no profile that allows: default deny (only failsafe ports and established traffic pass)"
          : "no profile accepted the packet: dropped",
      },
      true,
    );
    return "deny";
  }
}

const OUTSIDE: Iface = { kind: "network", peer: "outside" };

/**
 * The host endpoints that may govern a fabric route's interfaces; undefined when an
 * interface known only by its address is no host endpoint's expected address (routing decides, as without a route).
 */
function governingEndpoints(
  route: FabricRoute,
  node: string,
  named: readonly Endpoint[],
  wildcard: Endpoint | undefined,
  picked: Endpoint | undefined,
): { readonly candidates: readonly (Endpoint | undefined)[]; readonly route: FabricRoute } | undefined {
  const interfaces = "interface" in route ? [route.interface] : route.interfaces;
  const out = new Set<Endpoint | undefined>();
  for (const iface of interfaces) {
    const found = governingInterface(iface, node, named, wildcard, picked);
    if (found === undefined) return undefined;
    for (const e of found) out.add(e);
  }
  return { candidates: [...out], route };
}

/**
 * The host endpoints that may govern one interface (`hostEndpointOwner`, Felix's pick), else the `*` host endpoint
 * (dispatch.go: every interface's default). An interface known only by its address is taken to be governed by the
 * first host endpoint expecting that address, whatever interface it names; none does, the host endpoint the caller
 * picked (the interface it says the packet leaves by), else undefined.
 */
function governingInterface(
  iface: FabricInterface,
  node: string,
  named: readonly Endpoint[],
  wildcard: Endpoint | undefined,
  picked: Endpoint | undefined,
): (Endpoint | undefined)[] | undefined {
  if (iface.name === undefined) {
    const addresses = (iface.ips ?? []).flatMap((ip) => parseIp(ip) ?? []);
    const owner = named.find((e) => expectsAny(e, addresses)) ?? picked;
    return owner === undefined ? undefined : [owner];
  }
  const { owner, possible } = hostEndpointOwner(named, { node, name: iface.name, ips: iface.ips });
  return [...possible, owner ?? wildcard];
}

/**
 * The fabric toward or from another node of the cluster (`node`); `toPod` when the packet's destination is that pod,
 * whose address decides whether Calico's route to it is encapsulated.
 */
function cluster(node: string | undefined, packet: Packet, toPod?: Endpoint): Iface {
  const ip = toPod === undefined ? undefined : packet.destination.ip;
  return { kind: "network", peer: "cluster", node, podIp: ip === undefined ? undefined : formatIp(ip.bytes) };
}

function podIface(endpoint: Endpoint): Iface {
  return { kind: "pod", endpoint };
}

/**
 * The endpoint a step about an interface belongs to: its pod or host endpoint; for a fabric interface whose host
 * endpoint routing decides, the endpoint on the hop's other side (the message names the node).
 */
function endpointOf(iface: Iface, other: Iface, fallback: string): string {
  if (iface.kind !== "network") return iface.endpoint.id;
  return other.kind !== "network" ? other.endpoint.id : fallback;
}

/** The translation, as a step at the first stage after it. */
function dnatText(before: Packet, after: Packet, pod: Endpoint): string {
  return `kube-proxy DNAT (nat PREROUTING): ${address(before.destination)} -> ${address(after.destination)}, pod ${describeEndpoint(pod)}; from here on rules see the pod as the destination`;
}

function address(side: Packet["destination"]): string {
  const ip = side.ip === undefined ? "(no address)" : formatIp(side.ip.bytes);
  return side.port === undefined ? ip : side.ip?.version === 6 ? `[${ip}]:${side.port}` : `${ip}:${side.port}`;
}

/** `wep/ns/pod` -> `ns/pod`; host endpoints by id. */
function describeEndpoint(ep: Endpoint): string {
  return ep.kind === "workload" ? `${ep.namespace ?? ""}/${ep.name}` : ep.id;
}

const VERDICT_WORD: Readonly<Record<Verdict, string>> = {
  allow: "Allowed",
  deny: "Denied",
  undetermined: "Undetermined",
};

/** One sentence naming the verdict, the step that decided it and the endpoint whose chain it belongs to. */
function summarize(verdict: Verdict, step: TraceStep): string {
  const word = VERDICT_WORD[verdict];
  if (step.kind === "peer") return `${word}: ${step.message}`;
  const where = `${step.stage} stage of ${endpointIdLabel(step.endpoint)}`;
  switch (step.kind) {
    case "rule":
      return `${word} by ${keyLabel(step.policy)} rule ${step.ruleIndex + 1} (${where}, tier ${step.tier})`;
    case "end-of-tier":
      return `${word} at the end of tier ${step.tier} (${where}): no policy in it decided`;
    case "profile":
      return `${word} by profile ${step.profile} (${where})`;
    default:
      return `${word}: ${step.message} (${where})`;
  }
}

const ACTION_TEXT: Readonly<Record<Action, string>> = {
  Allow: "Allow",
  Deny: "Deny",
  Pass: "Pass, on to the next tier",
  Log: "Log",
};

function toAction(a: string): Action {
  return a === "Deny" || a === "Pass" || a === "Log" ? a : "Allow";
}

/** How people number rules, as an editor numbers lines: from 1 (`TraceStep.rule` keeps the 0-based index). */
function ruleName(direction: Direction, rule: CompiledRule): string {
  return `${direction} rule ${rule.index + 1}`;
}

const STAGE_TEXT: Readonly<Record<Stage, string>> = {
  untracked: "untracked policy (doNotTrack, raw table, before conntrack and DNAT)",
  preDNAT: "pre-DNAT policy (mangle PREROUTING, before DNAT)",
  normal: "normal policy",
  forward: "forward policy (applyOnForward, filter FORWARD, traffic routed through the host)",
};

/** Names the chain: whose policy, which stage, and the destination its rules see. */
function stageText(stage: Stage, endpoint: Endpoint, direction: Direction, packet: Packet, afterDnat = false): string {
  const whose =
    endpoint.kind === "workload"
      ? `${direction} policy of pod ${describeEndpoint(endpoint)} (its workload endpoint's chain${afterDnat ? ", after DNAT" : ""})`
      : `${stage === "forward" && direction === "egress" ? "egress " : ""}${STAGE_TEXT[stage]} of host endpoint ${endpoint.name}`;
  return `${whose}: destination ${address(packet.destination)}`;
}
