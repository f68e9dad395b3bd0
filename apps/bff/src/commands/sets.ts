import { parseArgs } from "node:util";
import {
  DEFAULT_POD_SUBNET,
  defaultMasterProxy,
  generateIsolationSet,
  ISOLATION_CATALOG,
  ISOLATION_REGION_IDS,
  ISOLATION_REGIONS,
  ISOLATION_SET_IDS,
  ISOLATION_SETS,
  isIsolationSetId,
  markedObjects,
  objectsYaml,
  type PrivateWorker,
  regionNote,
} from "@palisade/calico";

export const SETS_USAGE = `usage: palisade sets list
       palisade sets generate <${ISOLATION_SET_IDS.join("|")}> --region R [--pod-subnet CIDR]
                      [--with MEMBER]... [--all] [--master-proxy CIDR]... [--worker NODE=IP]... [--plain]

  IBM Cloud's isolation policy sets (${ISOLATION_CATALOG.repository} ${ISOLATION_CATALOG.path} at
  ${ISOLATION_CATALOG.commit.slice(0, 7)}, ${ISOLATION_CATALOG.date}) for a region, as multi-document YAML for
  calicoctl apply -f or kubectl apply -f.

  --region        the cluster's region (palisade sets list shows them)
  --pod-subnet    the cluster's pod subnet (default ${DEFAULT_POD_SUBNET})
  --with          an optional member to include, repeatable (default: only the members IBM always applies)
  --all           every optional member
  --master-proxy  the master proxy's address, repeatable (default: the region files' addresses)
  --worker        private set: a host endpoint for this worker's eth0 (Calico node name=private IP), repeatable
  --plain         IBM's objects only, without the labels and annotations that let Palisade recognise the set

  Exits 2 for an unknown set, region or member, or a malformed value.`;

export interface SetsOutput {
  readonly out: (text: string) => void;
  readonly err: (line: string) => void;
}

const consoleOutput: SetsOutput = {
  out: (t) => process.stdout.write(t),
  err: (l) => console.error(l),
};

function listSets(io: SetsOutput): number {
  const lines: string[] = [
    `catalog ${ISOLATION_CATALOG.version} (${ISOLATION_CATALOG.repository}@${ISOLATION_CATALOG.commit})`,
  ];
  for (const id of ISOLATION_SET_IDS) {
    const set = ISOLATION_SETS[id];
    lines.push("", `${id}: ${set.title} (${set.interfaceName})`);
    for (const m of set.members) lines.push(`  ${m.optional ? "optional " : "         "} ${m.id}: ${m.summary}`);
  }
  lines.push("", "regions:");
  for (const id of ISOLATION_REGION_IDS) {
    const r = ISOLATION_REGIONS[id];
    const note = regionNote(id);
    lines.push(
      `  ${id} (${r.ibmName}; zones ${r.zones.join(", ")}; master proxy ${defaultMasterProxy(r).join(", ")})` +
        (note === undefined ? "" : `: ${note}`),
    );
  }
  io.out(`${lines.join("\n")}\n`);
  return 0;
}

function parseWorker(value: string): PrivateWorker | undefined {
  const eq = value.indexOf("=");
  if (eq <= 0) return undefined;
  return { node: value.slice(0, eq), privateIp: value.slice(eq + 1) };
}

function generate(args: string[], io: SetsOutput): number {
  let parsed: ReturnType<typeof parseGenerateArgs>;
  try {
    parsed = parseGenerateArgs(args);
  } catch (e) {
    io.err(`palisade sets generate: ${e instanceof Error ? e.message : String(e)}\n\n${SETS_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [setId, ...extra] = positionals;
  if (setId === undefined || !isIsolationSetId(setId) || extra.length > 0) {
    io.err(
      `palisade sets generate: name one set: ${ISOLATION_SET_IDS.join(" or ")}${setId === undefined ? "" : ` (got ${[setId, ...extra].join(" ")})`}`,
    );
    return 2;
  }
  if (values.region === undefined) {
    io.err(`palisade sets generate: --region is required; regions: ${ISOLATION_REGION_IDS.join(", ")}`);
    return 2;
  }
  const workers: PrivateWorker[] = [];
  for (const w of values.worker ?? []) {
    const worker = parseWorker(w);
    if (worker === undefined) {
      io.err(`palisade sets generate: --worker "${w}": expected NODE=IP`);
      return 2;
    }
    workers.push(worker);
  }
  const set = ISOLATION_SETS[setId];
  const result = generateIsolationSet(setId, {
    region: values.region,
    ...(values["pod-subnet"] === undefined ? {} : { podSubnet: values["pod-subnet"] }),
    ...(values["master-proxy"] === undefined ? {} : { masterProxy: values["master-proxy"] }),
    with: [
      ...(values.all === true ? set.members.filter((m) => m.optional).map((m) => m.id) : []),
      ...(values.with ?? []),
    ],
    ...(workers.length === 0 ? {} : { workers }),
  });
  if (!result.ok) {
    const flag: Record<string, string> = {
      podSubnet: "--pod-subnet",
      masterProxy: "--master-proxy",
      with: "--with",
      workers: "--worker",
      region: "--region",
    };
    for (const e of result.error) {
      const name = e.field.split(/[[.]/)[0] ?? e.field;
      io.err(`palisade sets generate: ${flag[name] ?? e.field}: ${e.message}`);
    }
    return 2;
  }
  const generated = result.value;
  const objects = values.plain === true ? generated.members.flatMap((m) => m.objects) : markedObjects(generated);
  const note = regionNote(generated.region.id);
  const header = [
    `# ${setId} for ${generated.region.id}: ${generated.members.map((m) => m.file).join(", ")}`,
    `# generated by palisade from ${ISOLATION_CATALOG.repository}@${ISOLATION_CATALOG.commit.slice(0, 7)}; pod subnet ${generated.params.podSubnet}`,
    ...(note === undefined ? [] : [`# ${generated.region.id} is ${note}`]),
  ];
  io.out(`${header.join("\n")}\n${objectsYaml(objects)}`);
  return 0;
}

function parseGenerateArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      region: { type: "string" },
      "pod-subnet": { type: "string" },
      with: { type: "string", multiple: true },
      all: { type: "boolean" },
      "master-proxy": { type: "string", multiple: true },
      worker: { type: "string", multiple: true },
      plain: { type: "boolean" },
    },
  });
}

/** `palisade sets list | generate`: 0 on success, 2 for usage errors and unknown sets, regions or members. */
export async function setsCommand(args: string[], io: SetsOutput = consoleOutput): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "--help" || sub === "-h" || args.includes("--help")) {
    io.out(`${SETS_USAGE}\n`);
    return 0;
  }
  if (sub === "list" && rest.length === 0) return listSets(io);
  if (sub === "generate") return generate(rest, io);
  io.err(SETS_USAGE);
  return 2;
}
