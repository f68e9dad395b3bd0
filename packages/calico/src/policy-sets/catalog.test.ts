import { describeWithShared } from "@palisade/reference/vitest";
import { describe, expect, it } from "vitest";
import { validateResource } from "../validate/resource";
import { loadYaml } from "../yaml/load";
import {
  DEFAULT_POD_SUBNET,
  generateIsolationSet,
  ISOLATION_CATALOG,
  ISOLATION_SET_IDS,
  ISOLATION_SETS,
  markedObjects,
  objectsYaml,
  POLICY_SET_LABEL,
  POLICY_SET_PARAMETERS_ANNOTATION,
  regionNote,
} from "./catalog";
import type { IsolationSetId } from "./members";
import { ISOLATION_REGION_IDS, ISOLATION_REGIONS } from "./regions";

const KUBE_SAMPLES = "fixtures/kube-samples";
const WORKERS = [
  { node: "10.176.48.106", privateIp: "10.176.48.106" },
  { node: "10.176.48.107", privateIp: "10.176.48.107" },
];

function generate(setId: IsolationSetId, region: string, extra: { workers?: typeof WORKERS } = {}) {
  const allOptional = ISOLATION_SETS[setId].members.filter((m) => m.optional).map((m) => m.id);
  const result = generateIsolationSet(setId, { region, with: allOptional, ...extra });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

/** Calico treats `nets` as a set; IBM lists some in a different order in a region's worker and pod copies. */
function canonical(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) =>
      (key === "nets" || key === "notNets") && Array.isArray(v) ? [...v].sort() : v,
    ),
  );
}

/** generic-privatehostendpoint.yaml's placeholders, filled with the n-th worker. */
function fillTemplate(doc: unknown, n: number): unknown {
  const w = WORKERS[n];
  if (w === undefined) throw new Error(`template has more documents than the test has workers`);
  return JSON.parse(
    JSON.stringify(doc).replaceAll("<worker-node-name>", w.node).replaceAll("<worker-node-private-ip>", w.privateIp),
  );
}

describeWithShared("the catalog equals kube-samples (../shared/fixtures)", (shared) => {
  it("mirrors the commit SOURCE.md names", () => {
    expect(shared.read(`${KUBE_SAMPLES}/SOURCE.md`)).toContain(`Commit: ${ISOLATION_CATALOG.commit}`);
  });

  it("covers every region folder", () => {
    for (const set of ISOLATION_SET_IDS) {
      const folder = `${KUBE_SAMPLES}/${ISOLATION_SETS[set].folder}`;
      const regions = new Set(shared.list(folder, [".yaml"]).map((p) => p.slice(folder.length + 1).split("/")[0]));
      expect([...regions].sort()).toEqual([...ISOLATION_REGION_IDS]);
    }
  });

  for (const setId of ISOLATION_SET_IDS) {
    for (const region of ISOLATION_REGION_IDS) {
      it(`${setId} ${region}: every file, object for object`, () => {
        const dir = `${KUBE_SAMPLES}/${ISOLATION_SETS[setId].folder}/${region}`;
        const files = shared.list(dir, [".yaml"]).map((p) => p.slice(dir.length + 1));
        const template = ISOLATION_REGIONS[region].privateHostEndpointTemplate;
        const generated = generate(
          setId,
          region,
          setId === "private-isolation" && template ? { workers: WORKERS } : {},
        );
        expect(generated.members.map((m) => m.file).sort()).toEqual(files);
        for (const m of generated.members) {
          const docs = shared
            .readYaml(`${dir}/${m.file}`)
            .filter((d) => d !== null)
            .map((d, i) => (m.file === "generic-privatehostendpoint.yaml" ? fillTemplate(d, i) : d));
          expect(canonical(m.objects), `${dir}/${m.file}`).toEqual(canonical(docs));
        }
      });
    }

    it(`${setId}: the control plane list equals the region's ${setId === "public-isolation" ? "public" : "private"}-ips.md`, () => {
      for (const region of ISOLATION_REGION_IDS) {
        const md = setId === "public-isolation" ? "public-ips.md" : "private-ips.md";
        const ips = shared
          .read(`${KUBE_SAMPLES}/${ISOLATION_SETS[setId].folder}/${region}/${md}`)
          .split("\n")
          .map((l) => l.trim())
          .filter((l) => l !== "")
          .map((ip) => `${ip}/32`);
        const r = ISOLATION_REGIONS[region];
        expect(setId === "public-isolation" ? r.publicControlPlane : r.privateControlPlane).toEqual(ips);
      }
    });
  }
});

describe("generateIsolationSet", () => {
  it("applies the core members by default and optional ones only when asked", () => {
    const plain = generate("public-isolation", "us-south");
    const core = generateIsolationSet("public-isolation", { region: "us-south" });
    expect(core.ok && core.value.members.map((m) => m.member.id)).toEqual([
      "allow-egress-pods-public",
      "allow-ibm-ports-public",
      "allow-public-service-endpoint",
      "deny-all-outbound-public",
    ]);
    expect(plain.members).toHaveLength(10);
    const one = generateIsolationSet("private-isolation", { region: "eu-de", with: ["allow-vrrp-private"] });
    expect(one.ok && one.value.members.map((m) => m.member.id)).toContain("allow-vrrp-private");
    expect(one.ok && one.value.members.map((m) => m.member.id)).not.toContain("allow-private-services");
  });

  it("puts a custom pod subnet everywhere IBM's README says to edit it, and the default nowhere", () => {
    for (const setId of ISOLATION_SET_IDS) {
      const result = generateIsolationSet(setId, { region: "jp-tok", podSubnet: "10.244.0.0/16" });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const text = JSON.stringify(result.value.members);
      expect(text).toContain("10.244.0.0/16");
      expect(text).not.toContain(DEFAULT_POD_SUBNET);
    }
  });

  it("uses the region's master proxy addresses unless told otherwise", () => {
    const ibmPorts = (region: string, masterProxy?: string[]) => {
      const r = generateIsolationSet("public-isolation", { region, ...(masterProxy ? { masterProxy } : {}) });
      return r.ok ? JSON.stringify(r.value.members.find((m) => m.member.id === "allow-ibm-ports-public")) : "";
    };
    expect(ibmPorts("us-south")).toContain("10.10.10.1/32");
    expect(ibmPorts("eu-es")).not.toContain("10.10.10.1/32");
    expect(ibmPorts("us-south", ["172.21.0.1/32"])).not.toContain("10.10.10.1/32");
  });

  it("rejects unknown regions and members and bad subnets, naming each parameter", () => {
    const result = generateIsolationSet("public-isolation", {
      region: "mars-1",
      podSubnet: "172.30.0.1/16",
      masterProxy: ["nope"],
      with: ["allow-konnectivity", "allow-vrrp-private"],
      workers: WORKERS,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((e) => e.field)).toEqual(["region", "podSubnet", "masterProxy[0]", "with[1]", "workers"]);
    expect(result.error[0]?.message).toContain("us-south");
    expect(result.error[1]?.message).toContain("172.30.0.0/16");
    expect(result.error[3]?.message).toContain("allow-public-services");
  });

  it("rejects a worker without a node name or with a bad IP", () => {
    const result = generateIsolationSet("private-isolation", {
      region: "us-east",
      workers: [{ node: "", privateIp: "10.0.0.300" }],
    });
    expect(!result.ok && result.error.map((e) => e.field)).toEqual(["workers[0].node", "workers[0].privateIp"]);
  });

  it("generates only objects Calico's validator accepts", () => {
    for (const setId of ISOLATION_SET_IDS) {
      for (const region of ISOLATION_REGION_IDS) {
        for (const m of generate(setId, region, setId === "private-isolation" ? { workers: WORKERS } : {}).members) {
          for (const o of m.objects) expect(validateResource(o).errors, `${region} ${m.file}`).toEqual([]);
        }
      }
    }
  });

  it("notes the single-zone alternative for Toronto and São Paulo only", () => {
    expect(regionNote("ca-tor")).toContain("us-east");
    expect(regionNote("br-sao")).toContain("us-south");
    expect(regionNote("us-south")).toBeUndefined();
  });
});

describe("markedObjects and objectsYaml", () => {
  it("stamps every object with the set, region, catalog and parameters, and round-trips as YAML", () => {
    const result = generateIsolationSet("private-isolation", { region: "eu-gb", workers: WORKERS });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const objects = markedObjects(result.value);
    expect(objects).toHaveLength(9);
    for (const o of objects) {
      expect(o.metadata.labels?.[POLICY_SET_LABEL]).toBe("private-isolation");
      expect(JSON.parse(o.metadata.annotations?.[POLICY_SET_PARAMETERS_ANNOTATION] ?? "")).toEqual({
        podSubnet: DEFAULT_POD_SUBNET,
        masterProxy: ["172.21.0.1/32", "10.10.10.1/32"],
        with: [],
      });
    }
    const hep = objects.find((o) => o.kind === "HostEndpoint");
    expect(hep?.metadata.labels?.["ibm.role"]).toBe("worker_private");
    const loaded = loadYaml(objectsYaml(objects));
    expect(loaded.errors).toEqual([]);
    expect(loaded.resources.map((r) => r.value)).toEqual(objects);
  });
});
