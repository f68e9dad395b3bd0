import { describe, expect, it } from "vitest";
import { workloadEndpointFromPod } from "../endpoints/endpoint";
import type { PolicyLike } from "../endpoints/inputs";
import type { MatchIndex } from "../endpoints/match-index";
import { parseIp } from "../validate/net";
import type { ExplainOptions, ExplainQuery, Explanation } from "./query";
import { type EndpointSliceLike, SERVICE_NAME_LABEL, ServiceSlices, serviceIndex } from "./services";
import { explainFrom, gnp, indexWith, np } from "./testing";

// Issue 17 item 3: `services` in rules, resolved from EndpointSlices as Felix does (felix/calc/rule_scanner.go: a
// destination service is an IP set of endpoint IP, port and protocol, a source service one of endpoint addresses;
// felix/serviceindex/serviceindex.go membersFromEndpointSlice). Docs: policy rule, ServiceMatch ("only traffic that
// originates from or terminates at endpoints within the selected service(s) will be matched").
const WEB = "172.16.1.5";
const WEB_2 = "172.16.2.5";
const CLIENT = "172.16.1.9";

function cluster(...policies: PolicyLike[]): MatchIndex {
  return indexWith((idx) => {
    idx.upsertNamespace({ metadata: { name: "shop" } });
    const pod = (name: string, ip: string) =>
      idx.upsertEndpoint(
        workloadEndpointFromPod({
          metadata: { name, namespace: "shop", labels: { app: name.replace(/-\d$/, "") } },
          spec: { nodeName: "n1", containers: [{ ports: [{ name: "http", containerPort: 8080 }] }] },
          status: { podIPs: [{ ip }] },
        }),
      );
    pod("web-1", WEB);
    pod("web-2", WEB_2);
    pod("client-1", CLIENT);
  }, policies);
}

const slice = (
  service: string,
  addresses: readonly (readonly string[])[],
  ports: EndpointSliceLike["ports"],
  namespace = "shop",
): EndpointSliceLike => ({
  metadata: { namespace, labels: { [SERVICE_NAME_LABEL]: service } },
  endpoints: addresses.map((a) => ({ addresses: a })),
  ports,
});

const SLICES = [
  slice("web", [[WEB]], [{ port: 8080, protocol: "TCP" }]),
  // A second slice of the same Service: Felix unions every slice the label names.
  slice("web", [[WEB_2]], [{ port: 8080, protocol: "TCP" }]),
  slice("client", [[CLIENT]], [{ port: 9000, protocol: "TCP" }]),
];

function egress(idx: MatchIndex, q: Partial<ExplainQuery>, options: ExplainOptions = {}): Explanation {
  return explainFrom({ endpointId: "wep/shop/client-1", peerIp: WEB }, idx, { direction: "egress", ...q }, options);
}

const toWeb = np("to-web", {
  selector: "app == 'client'",
  types: ["Egress"],
  egress: [{ action: "Allow", protocol: "TCP", destination: { services: { name: "web" } } }],
});

describe("destination services: endpoint address, port and protocol (rule_scanner.go, serviceindex.go)", () => {
  const services = serviceIndex(SLICES);

  it("matches an endpoint of the Service on the slice's port and protocol; the namespace defaults to the policy's", () => {
    const e = egress(cluster(toWeb), { port: 8080 }, { services });
    expect(e.verdict).toBe("allow");
    // The client's egress rule allows; web-1's ingress (no policy) is then its profile's.
    expect(e.trace.find((s) => s.kind === "rule")).toMatchObject({
      policy: "NetworkPolicy/shop/to-web",
      matched: true,
    });
    // Every slice of the Service counts.
    expect(egress(cluster(toWeb), { port: 8080, peer: { ip: WEB_2 } }, { services }).verdict).toBe("allow");
  });

  it("does not match another port of an endpoint, and says the address is the Service's", () => {
    const e = egress(cluster(toWeb), { port: 9090 }, { services });
    expect(e.verdict).toBe("deny");
    const rule = e.trace.find((s) => s.kind === "rule");
    expect(rule?.message).toContain("the address is an endpoint of Service shop/web, but not with this port");
  });

  it("does not match the endpoint's port over another protocol (Felix's members carry the protocol)", () => {
    const udp = np("to-web-udp", {
      selector: "app == 'client'",
      types: ["Egress"],
      egress: [{ action: "Allow", protocol: "UDP", destination: { services: { name: "web" } } }],
    });
    expect(egress(cluster(udp), { port: 8080, protocol: "UDP" }, { services }).verdict).toBe("deny");
  });

  it("does not match an address outside the Service, nor its cluster IP (kube-proxy translates that first)", () => {
    const e = egress(cluster(toWeb), { port: 8080, peer: { ip: "172.21.0.50" } }, { services });
    expect(e.verdict).toBe("deny");
    expect(e.trace.find((s) => s.kind === "rule")?.message).toContain("is not an endpoint of Service shop/web");
  });

  it("a Service in another namespace is named with its namespace (a global policy must name one)", () => {
    const other = serviceIndex([slice("web", [[WEB]], [{ port: 8080 }], "other")]);
    const global = gnp("to-other-web", {
      selector: "app == 'client'",
      types: ["Egress"],
      egress: [{ action: "Allow", protocol: "TCP", destination: { services: { name: "web", namespace: "other" } } }],
    });
    expect(egress(cluster(global), { port: 8080 }, { services: other }).verdict).toBe("allow");
    // The policy's own namespace has no such Service: its IP set is empty.
    const e = egress(cluster(toWeb), { port: 8080 }, { services: other });
    expect(e.verdict).toBe("deny");
    expect(e.trace.find((s) => s.kind === "rule")?.message).toContain("Service shop/web has no EndpointSlices");
  });

  it("is undetermined, not a confident verdict, when the EndpointSlices are not known", () => {
    const e = egress(cluster(toWeb), { port: 8080 });
    expect(e.verdict).toBe("undetermined");
    expect(e.decidedBy.kind).toBe("undetermined");
    if (e.decidedBy.kind === "undetermined") expect(e.decidedBy.message).toContain("EndpointSlices");
  });

  it("is the same on a what-if policy added to the index (the slices come with the query, not the policies)", () => {
    const idx = cluster();
    expect(egress(idx, { port: 8080 }, { services }).verdict).toBe("allow");
    const r = idx.upsertPolicy(
      np("deny-web", {
        selector: "app == 'client'",
        types: ["Egress"],
        egress: [{ action: "Deny", protocol: "TCP", destination: { services: { name: "web" } } }, { action: "Allow" }],
      }),
    );
    expect(r.ok).toBe(true);
    expect(egress(idx, { port: 8080 }, { services }).verdict).toBe("deny");
    expect(egress(idx, { port: 8081 }, { services }).verdict).toBe("allow");
  });
});

describe("source services: endpoint addresses only (serviceindex.go, includePorts false)", () => {
  const fromClient = np("from-client", {
    selector: "app == 'web'",
    types: ["Ingress"],
    ingress: [{ action: "Allow", protocol: "TCP", source: { services: { name: "client" } } }],
  });
  const ingress = (q: Partial<ExplainQuery>) =>
    explainFrom({ endpointId: "wep/shop/web-1", peerIp: CLIENT }, cluster(fromClient), q, {
      services: serviceIndex(SLICES),
    });

  it("matches a packet from an endpoint address, whatever its port (the slice's port is not compared)", () => {
    expect(ingress({ port: 8080, sourcePort: 40000 }).verdict).toBe("allow");
  });

  it("does not match another address", () => {
    const e = ingress({ port: 8080, peer: { ip: "172.16.3.3" } });
    expect(e.verdict).toBe("deny");
    expect(e.trace.find((s) => s.kind === "rule")?.message).toContain("not an endpoint address of Service shop/client");
  });
});

describe("serviceIndex: Felix's IP set members from EndpointSlices (serviceindex.go membersFromEndpointSlice)", () => {
  const ip = (text: string) => parseIp(text);

  it("counts endpoints whatever their ready condition, skips non-IP addresses and portless slice ports", () => {
    const idx = serviceIndex([
      {
        metadata: { namespace: "shop", labels: { [SERVICE_NAME_LABEL]: "web" } },
        endpoints: [{ addresses: [WEB] }, { addresses: ["web.example.com"] }],
        ports: [{ port: null, protocol: "TCP" }, { port: 53, protocol: "UDP" }, { port: 443 }],
      },
      // No service-name label: no Service's slice.
      { metadata: { namespace: "shop" }, endpoints: [{ addresses: [CLIENT] }], ports: [{ port: 1 }] },
    ]);
    expect([...idx.keys()]).toEqual(["shop/web"]);
    const web = idx.get("shop/web");
    expect(web?.addresses).toEqual([ip(WEB)]);
    expect(web?.ipPorts).toEqual([
      { ip: ip(WEB), port: 53, protocol: 17 },
      // No protocol is TCP.
      { ip: ip(WEB), port: 443, protocol: 6 },
    ]);
  });
});

describe("ServiceSlices: the index kept slice by slice from a watch, as felix/serviceindex keeps it", () => {
  const web1 = slice("web", [[WEB]], [{ port: 8080, protocol: "TCP" }]);
  const web2 = slice("web", [[WEB_2]], [{ port: 8080, protocol: "TCP" }]);
  const members = (live: ServiceSlices, key: string) =>
    live.index.get(key)?.ipPorts.map((m) => `${m.ip.bytes.join(".")}:${m.port}`);

  it("adds, replaces and removes one slice, recomputing only its own Service; the index is the same map", () => {
    const live = new ServiceSlices();
    const index = live.index;
    live.upsert("shop/web-a", web1);
    live.upsert("shop/web-b", web2);
    live.upsert("shop/client-a", slice("client", [[CLIENT]], [{ port: 9000 }]));
    expect(members(live, "shop/web")).toEqual([`${WEB}:8080`, `${WEB_2}:8080`]);
    // An update of one slice replaces its members, not the other slice's.
    live.upsert("shop/web-a", slice("web", [[WEB]], [{ port: 8443, protocol: "TCP" }]));
    expect(members(live, "shop/web")).toEqual([`${WEB}:8443`, `${WEB_2}:8080`]);
    // A slice relabelled to another Service leaves the first.
    live.upsert("shop/web-b", slice("client", [[WEB_2]], [{ port: 9000 }]));
    expect(members(live, "shop/web")).toEqual([`${WEB}:8443`]);
    expect(members(live, "shop/client")).toEqual([`${CLIENT}:9000`, `${WEB_2}:9000`]);
    // The last slice gone, the Service has no members at all (a `services` rule then matches nothing).
    live.remove("shop/web-a");
    expect(live.index.has("shop/web")).toBe(false);
    // A slice without the service-name label belongs to no Service.
    live.upsert("shop/client-a", { ...web1, metadata: { namespace: "shop" } });
    expect(members(live, "shop/client")).toEqual([`${WEB_2}:9000`]);
    expect(live.index).toBe(index);
    // Built at once from the same slices, the index is the same.
    expect(serviceIndex([slice("client", [[WEB_2]], [{ port: 9000 }])])).toEqual(live.index);
  });
});
