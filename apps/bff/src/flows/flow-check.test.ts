import type { Flow } from "@palisade/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoHarness, startDemo } from "../testing/demo";
import { wireHit } from "../testing/wire-flow";
import { checkFlow } from "./flow-check";
import { fromWire, type WireFlow, type WirePolicyHit } from "./goldmane";

let demo: DemoHarness;
beforeAll(async () => {
  demo = await startDemo({}, { storage: "v1" });
});
afterAll(() => demo.close());

const WORKER = "10.184.58.42";

/**
 * A flow to one of the IBM demo's workers as Felix hands it to Goldmane (collector endpoint.go, goldmane client.go):
 * the host endpoint named by its node with its labels, the address that is no endpoint only `pub` or `pvt`, and `-`
 * for the fields Felix leaves out (namespaces, no Service).
 */
function toWorker(over: {
  network: "pub" | "pvt";
  role: "worker_public" | "worker_private";
  port: number;
  action: "Allow" | "Deny";
  enforced: WirePolicyHit[];
  labels?: string[];
}): Flow {
  const wire: WireFlow = {
    Key: {
      source_name: over.network,
      source_namespace: "-",
      source_type: "Network",
      dest_name: WORKER,
      dest_namespace: "-",
      dest_type: "HostEndpoint",
      dest_port: over.port,
      dest_service_name: "-",
      dest_service_namespace: "-",
      dest_service_port_name: "-",
      dest_service_port: 0,
      proto: "TCP",
      reporter: "Dst",
      action: over.action,
      policies: { enforced_policies: over.enforced, pending_policies: [] },
    },
    start_time: 1000,
    end_time: 1015,
    source_labels: [],
    dest_labels: over.labels ?? [`ibm.role=${over.role}`, `ibm.node=${WORKER}`],
    packets_in: 1,
    packets_out: 1,
    bytes_in: 60,
    bytes_out: 60,
    num_connections_started: 1,
    num_connections_completed: 0,
    num_connections_live: 0,
  };
  const flow = fromWire(wire);
  if (flow === undefined) throw new Error("the wire flow did not convert");
  return { ...flow, id: "f" };
}

/** IBM's allow-node-port-dnat is the public tier's first policy: the tier's end names it as the trigger. */
const endOfDefaultTier = wireHit({
  kind: "EndOfTier",
  name: "allow-node-port-dnat",
  action: "Deny",
  policy_index: 5,
  rule_index: -1,
  trigger: wireHit({ name: "allow-node-port-dnat", action: "Deny" }),
});

/** The internet reaching a public interface's kubelet port, allowed (Calico says) by a policy's first rule. */
const kubeletAllowedBy = (policy: string, policyIndex: number) =>
  toWorker({
    network: "pub",
    role: "worker_public",
    port: 10250,
    action: "Allow",
    enforced: [wireHit({ name: policy, policy_index: policyIndex })],
  });

describe("fromWire", () => {
  it("reads Felix's `-` (a field left out) as absent: no namespace for a host endpoint, no Service", () => {
    const flow = toWorker({ network: "pub", role: "worker_public", port: 22, action: "Allow", enforced: [] });
    expect(flow.destination).toEqual({
      type: "hep",
      name: WORKER,
      labels: { "ibm.role": "worker_public", "ibm.node": WORKER },
    });
    expect(flow.source).toEqual({ type: "network", name: "pub", labels: {} });
    expect(flow.service).toBeUndefined();
  });
});

describe("checkFlow on host endpoint flows as Goldmane reports them", () => {
  it("finds the host endpoint by its node and labels, and agrees with the end of the tier denying the internet", () => {
    const { check, request } = checkFlow(
      demo.cluster,
      toWorker({ network: "pub", role: "worker_public", port: 10250, action: "Deny", enforced: [endOfDefaultTier] }),
    );
    expect(check.agreement).toBe("agree");
    expect(check.verdict).toBe("deny");
    expect(request?.endpoint).toBe(`hep/${WORKER}-worker-public`);
    // To the host itself, not forwarded through it.
    expect(request?.forwarded).toBe(false);
    expect(check.notes[0]).toMatch(/only that it was a public address \("pub"\) outside every network set/);
  });

  it("agrees when some public address gets Calico's deciding rule, and shows that address's walk", () => {
    const { check, request } = checkFlow(demo.cluster, kubeletAllowedBy("allow-sys-mgmt", 4));
    expect(check.agreement).toBe("agree");
    // allow-sys-mgmt allows IBM's management subnets (192.0.2.0/26, 192.0.2.64/26) only.
    expect(request?.peer.ip).toBe("192.0.2.1");
    expect(check.notes[0]).toMatch(/2 of the 7 agree with Calico, e\.g\. 192\.0\.2\.1 \(192\.0\.2\.0-192\.0\.2\.63\)/);
  });

  it("disagrees when no address the peer may have had gets Calico's verdict and rule", () => {
    const { check } = checkFlow(demo.cluster, kubeletAllowedBy("allow-bigfix-port", 3));
    expect(check.agreement).toBe("disagree");
    expect(check.notes[0]).toMatch(/none gets Calico's verdict and deciding rule/);
    expect(check.notes[1]).toMatch(/^Calico allowed it; Palisade's explain says Denied at the end of tier default/);
  });

  it("checks a private interface's flows against private addresses", () => {
    const allowPrivate = wireHit({ name: "allow-all-private-default" });
    const allowed = checkFlow(
      demo.cluster,
      toWorker({ network: "pvt", role: "worker_private", port: 10250, action: "Allow", enforced: [allowPrivate] }),
    );
    expect(allowed.check.agreement).toBe("agree");
    expect(allowed.request?.endpoint).toBe(`hep/${WORKER}-worker-private`);
    expect(allowed.check.notes[0]).toMatch(/a private address \("pvt"\)/);
    const denied = checkFlow(
      demo.cluster,
      toWorker({ network: "pvt", role: "worker_private", port: 10250, action: "Deny", enforced: [endOfDefaultTier] }),
    );
    expect(denied.check.agreement).toBe("disagree");
    // Failsafe ports (22) are open before any policy: Calico's record names no policy.
    const failsafe = checkFlow(
      demo.cluster,
      toWorker({ network: "pvt", role: "worker_private", port: 22, action: "Allow", enforced: [] }),
    );
    expect(failsafe.check.agreement).toBe("agree");
  });

  it("cannot tell, saying why, when the flow's labels do not pick one of the node's host endpoints", () => {
    const { check, request } = checkFlow(
      demo.cluster,
      toWorker({ network: "pub", role: "worker_public", port: 22, action: "Allow", enforced: [], labels: [] }),
    );
    expect(check.agreement).toBe("unknown");
    expect(request).toBeUndefined();
    expect(check.notes).toEqual([
      `No comparison: the reporting end: node ${WORKER} has 2 host endpoints with the flow's labels (${WORKER}-worker-private, ${WORKER}-worker-public), and Goldmane names a host endpoint only by its node.`,
    ]);
  });
});
