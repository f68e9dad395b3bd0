import { readFileSync } from "node:fs";
import {
  type ManifestReport,
  parseCalicoVersion,
  type ReleaseRange,
  releaseRangeOf,
  validateManifests,
} from "@palisade/calico";
import { collectManifestFiles } from "./manifest-files";

export const VALIDATE_USAGE = `usage: palisade validate [--calico-version VERSION] <file, folder or ->...

  Validates Calico and Kubernetes network policy manifests (YAML or JSON, multi-document, Lists) as
  calicoctl validate does, printing file:line:column, document, field path and message for each error,
  and warnings for what Calico accepts but probably is not meant. Folders are searched for .yaml, .yml
  and .json files; - reads standard input. Exits 1 when anything is invalid.

  --calico-version  the target cluster's Calico release (v3.31.0): where releases' rules differ (the
                    built-in tiers), its rules apply. Without it, Calico v3.32's do, with a warning.`;

export interface Output {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Standard input, read whole (for the `-` argument). */
  readonly stdin: () => string;
}

const consoleOutput: Output = {
  out: (l) => console.log(l),
  err: (l) => console.error(l),
  stdin: () => readFileSync(0, "utf8"),
};

const STDIN = "-";
const VERSION_FLAG = "--calico-version";

/** `--calico-version V` or `--calico-version=V` taken out of the arguments; a bad or missing value is a usage error. */
function takeRelease(args: readonly string[]): { rest: string[]; release: ReleaseRange } | { error: string } {
  const rest: string[] = [];
  let release: ReleaseRange = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg !== VERSION_FLAG && !arg.startsWith(`${VERSION_FLAG}=`)) {
      rest.push(arg);
      continue;
    }
    const value = arg === VERSION_FLAG ? args[++i] : arg.slice(VERSION_FLAG.length + 1);
    const version = value === undefined ? undefined : parseCalicoVersion(value);
    if (version === undefined) {
      return {
        error: `${VERSION_FLAG}: ${value === undefined ? "no version given" : `"${value}" is not a Calico version`} (for example v3.31.0)`,
      };
    }
    release = releaseRangeOf(version, undefined);
  }
  return { rest, release };
}

function describeResource(r: ManifestReport): string {
  // Counted from 1 for people; ManifestReport.document is 0-based.
  const where = r.item === undefined ? `document ${r.document + 1}` : `document ${r.document + 1} item ${r.item + 1}`;
  const what = r.kind === null ? "" : ` ${r.kind}${r.name === null ? "" : ` "${r.name}"`}`;
  return `${where}${what}`;
}

/** `palisade validate`: 0 when every resource is valid, 1 when any is not, 2 for usage errors. */
export async function validateCommand(args: string[], io: Output = consoleOutput): Promise<number> {
  if (args.length === 0 || args.includes("--help") || args.includes("-h")) {
    io.err(VALIDATE_USAGE);
    return 2;
  }
  const taken = takeRelease(args);
  if ("error" in taken) {
    io.err(`palisade validate: ${taken.error}`);
    return 2;
  }
  const { rest, release } = taken;
  if (rest.length === 0) {
    io.err(VALIDATE_USAGE);
    return 2;
  }
  let files: string[];
  try {
    files = rest.flatMap((a) => (a === STDIN ? [STDIN] : collectManifestFiles([a])));
  } catch (e) {
    io.err(`palisade validate: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  let valid = 0;
  let invalid = 0;
  for (const file of files) {
    let text: string;
    try {
      text = file === STDIN ? io.stdin() : readFileSync(file, "utf8");
    } catch (e) {
      io.err(`${file}: cannot read: ${e instanceof Error ? e.message : String(e)}`);
      invalid++;
      continue;
    }
    for (const report of validateManifests(text, { release })) {
      for (const w of report.warnings) {
        io.out(
          `${file}:${w.line}:${w.column}: ${describeResource(report)}: warning: ${w.path === "" ? "" : `${w.path}: `}${w.message}`,
        );
      }
      if (report.valid) {
        valid++;
        continue;
      }
      invalid++;
      for (const e of report.errors) {
        io.out(
          `${file}:${e.line}:${e.column}: ${describeResource(report)}: ${e.path === "" ? "" : `${e.path}: `}${e.message}`,
        );
      }
    }
  }
  io.out(`${valid} valid, ${invalid} invalid (${files.length} file${files.length === 1 ? "" : "s"})`);
  return invalid > 0 ? 1 : 0;
}
