import type { GraphModel, PolicyDetail } from "@palisade/contract";
import { describe, expect, it } from "vitest";
import { placeBoxes } from "./layout";
import { GROUPS_BOX, policyHighlights, shorten, toElements, UNASSIGNED, workloadBox } from "./toElements";

const MODEL: GraphModel = {
  nodes: [
    { id: "n1", name: "10.0.0.1", addresses: [{ type: "InternalIP", address: "10.0.0.1" }], labels: {} },
    { id: "n2", name: "worker-2", addresses: [{ type: "InternalIP", address: "10.0.0.2" }], labels: {} },
  ],
  interfaces: [
    {
      id: "hep/n1-eth1",
      name: "n1-eth1",
      node: "n1",
      interfaceName: "eth1",
      ips: ["198.51.100.1"],
      role: "public",
      labels: { "ibm.role": "worker_public" },
    },
    {
      id: "hep/n1-eth0",
      name: "n1-eth0",
      node: "n1",
      interfaceName: "eth0",
      ips: ["10.0.0.1"],
      role: "private",
      labels: {},
    },
    { id: "hep/stray", name: "stray", ips: [], role: null, labels: {} },
  ],
  pods: [
    { id: "wep/shop/web-0", name: "web-0", namespace: "shop", node: "n2", ips: ["172.30.0.5"], labels: { app: "web" } },
  ],
  groups: [{ id: "group/shop", namespace: "shop", pods: 1, expanded: true }],
  policyCount: 0,
  edges: [],
};

const byId = (els: ReturnType<typeof toElements>) => new Map(els.map((e) => [e.data.id, e]));

describe("toElements", () => {
  it("nests interfaces and pods in their worker node, and strays in a (no node) box", () => {
    const els = byId(toElements(MODEL));
    expect(els.get("n1")?.data.label).toBe("10.0.0.1");
    expect(els.get("n2")?.data.label).toBe("worker-2 (10.0.0.2)");
    expect(els.get("hep/n1-eth1")?.data.parent).toBe("n1");
    expect(els.get("hep/n1-eth1")?.classes).toBe("interface public");
    expect(els.get("hep/n1-eth1")?.data.label).toBe("eth1\n198.51.100.1");
    expect(els.get("wep/shop/web-0")?.data.parent).toBe("n2");
    expect(els.get("hep/stray")?.data.parent).toBe(UNASSIGNED);
    expect(els.get(UNASSIGNED)?.data.label).toBe("(no node)");
  });

  it("orders interfaces by interface name and gives every child a position", () => {
    const els = byId(toElements(MODEL));
    const eth0 = els.get("hep/n1-eth0")?.position;
    const eth1 = els.get("hep/n1-eth1")?.position;
    expect(eth0 !== undefined && eth1 !== undefined && eth0.x < eth1.x).toBe(true);
    expect(toElements(MODEL)).toEqual(toElements(MODEL));
  });

  it("classes endpoints by the picked policy and dims the rest", () => {
    const highlights = new Map([
      ["hep/n1-eth1", "applies" as const],
      ["wep/shop/web-0", "denied-peer" as const],
    ]);
    const els = byId(toElements(MODEL, { highlights }));
    expect(els.get("hep/n1-eth1")?.classes).toBe("interface public applies");
    expect(els.get("wep/shop/web-0")?.classes).toBe("pod denied-peer");
    expect(els.get("hep/n1-eth0")?.classes).toBe("interface private dimmed");
  });

  it("marks search hits by IP, name or label", () => {
    const hits = (search: string) =>
      toElements(MODEL, { search })
        .filter((e) => String(e.classes).split(" ").includes("match"))
        .map((e) => e.data.id);
    expect(hits("198.51.100")).toEqual(["hep/n1-eth1"]);
    expect(hits("APP=web")).toEqual(["wep/shop/web-0"]);
    expect(hits("worker-2")).toEqual(["n2"]);
    expect(hits("  ")).toEqual([]);
  });
});

describe("policyHighlights", () => {
  const ref = (id: string) => ({ id, kind: "HostEndpoint" as const, name: id });
  const peer = (ids: string[]) => ({
    words: "",
    nets: [],
    notNets: [],
    ports: [],
    notPorts: [],
    endpoints: { items: ids.map(ref), total: ids.length, truncated: false },
  });
  const none = { words: "", nets: [], notNets: [], ports: [], notPorts: [] };
  const detail = {
    appliesTo: { items: [ref("a")], total: 1, truncated: false },
    rules: [
      { direction: "Ingress", index: 0, action: "Deny", words: "", source: peer(["x"]), destination: none },
      { direction: "Ingress", index: 1, action: "Allow", words: "", source: peer(["x", "y"]), destination: none },
      { direction: "Egress", index: 0, action: "Pass", words: "", source: none, destination: peer(["z"]) },
      {
        direction: "Egress",
        index: 1,
        action: "Allow",
        words: "",
        source: peer(["ignored"]),
        destination: peer(["a"]),
      },
    ],
  } as unknown as PolicyDetail;

  it("lights the endpoints it applies to and the peers of Allow/Deny rules, first rule winning", () => {
    const h = policyHighlights(detail);
    expect(Object.fromEntries(h)).toEqual({ a: "applies", x: "denied-peer", y: "allowed-peer" });
  });
});

describe("shorten", () => {
  it("keeps short names and cuts long ones to 20 characters in the middle, keeping what tells replicas apart", () => {
    expect(shorten("web-0")).toBe("web-0");
    expect(shorten("calico-kube-controllers-6b8f7d9c5-wd2mn")).toBe("calico-kube…c5-wd2mn");
    expect(shorten("calico-kube-controllers-6b8f7d9c5-wd2mn")).toHaveLength(20);
    expect(shorten("nginx-5d9c8f6b7c-4xkzq")).not.toBe(shorten("nginx-5d9c8f6b7c-r8z2p"));
  });
});

describe("placeBoxes", () => {
  it("wraps boxes into rows at the maximum width", () => {
    const corners = placeBoxes(
      [
        { width: 300, height: 100 },
        { width: 300, height: 200 },
        { width: 300, height: 50 },
      ],
      700,
    );
    expect(corners).toEqual([
      { x: 0, y: 0 },
      { x: 390, y: 0 },
      { x: 0, y: 290 },
    ]);
  });
});

describe("collapsed namespace groups", () => {
  const grouped: GraphModel = {
    ...MODEL,
    pods: [],
    groups: [
      { id: "group/payments", namespace: "payments", pods: 42, expanded: false },
      { id: "group/shop", namespace: "shop", pods: 1, expanded: false },
    ],
  };

  it("draws each collapsed namespace as one cell with its pod count, in a box of its own", () => {
    const els = byId(toElements(grouped));
    expect(els.get("group/payments")?.data).toMatchObject({
      parent: GROUPS_BOX,
      label: "payments\n42 pods",
      expand: "payments",
    });
    expect(els.get("group/shop")?.data.label).toBe("shop\n1 pod");
    expect(els.get("group/shop")?.classes).toBe("group");
    expect(els.has(GROUPS_BOX)).toBe(true);
    expect(els.has("wep/shop/web-0")).toBe(false);
  });

  it("draws an open namespace's workloads in a box of their own after everything else, each with its token", () => {
    const open: GraphModel = {
      ...grouped,
      groups: [
        { id: "group/payments", namespace: "payments", pods: 42, expanded: true },
        {
          id: "group/payments/Deployment/api",
          namespace: "payments",
          workload: { kind: "Deployment", name: "api" },
          pods: 40,
          expanded: false,
        },
        {
          id: "group/payments/app/ledger",
          namespace: "payments",
          workload: { kind: "app", name: "ledger" },
          pods: 2,
          expanded: true,
        },
        { id: "group/shop", namespace: "shop", pods: 1, expanded: false },
      ],
    };
    const list = toElements(open);
    const els = byId(list);
    expect(els.get("group/payments")?.data.label).toBe("▾ payments\n42 pods");
    expect(els.get("group/payments")?.classes).toBe("group expanded");
    expect(els.get("group/payments/Deployment/api")?.data).toMatchObject({
      parent: workloadBox("payments"),
      label: "api\nDeployment · 40 pods",
      expand: "payments/Deployment/api",
    });
    expect(els.get("group/payments/app/ledger")?.data.label).toBe("▾ ledger\n2 pods");
    expect(list.at(-1)?.data.parent).toBe(workloadBox("payments"));
    // Opening the namespace moved nothing drawn before its workloads.
    const before = byId(toElements(grouped));
    for (const id of ["group/payments", "group/shop", "hep/n1-eth0", "hep/stray"])
      expect(els.get(id)?.position).toEqual(before.get(id)?.position);
  });

  it("lights a group with the strongest highlight of its pods and dims the others", () => {
    const highlights = new Map([
      ["wep/payments/api-0", "allowed-peer" as const],
      ["wep/payments/api-1", "applies" as const],
    ]);
    const els = byId(toElements(grouped, { highlights }));
    expect(els.get("group/payments")?.classes).toBe("group applies");
    expect(els.get("group/shop")?.classes).toBe("group dimmed");
  });

  it("keeps every other element where it was when a group is expanded", () => {
    const before = byId(toElements(grouped));
    const after = byId(
      toElements({
        ...grouped,
        groups: [
          grouped.groups[0] as GraphModel["groups"][number],
          { ...(grouped.groups[1] as GraphModel["groups"][number]), expanded: true },
        ],
        pods: MODEL.pods,
      }),
    );
    expect(after.get("hep/n1-eth0")?.position).toEqual(before.get("hep/n1-eth0")?.position);
    expect(after.has("wep/shop/web-0")).toBe(true);
    // The open namespace keeps its cell, where it was: the way to close it.
    expect(after.get("group/shop")?.classes).toBe("group expanded");
    expect(after.get("group/shop")?.position).toEqual(before.get("group/shop")?.position);
  });
});
