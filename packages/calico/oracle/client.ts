/**
 * Client for the Calico oracle (`main.go` beside this file): Calico's own Go selector parser and v3 validator behind
 * a JSON-lines pipe. Test-tier only; `packages/calico/src` never imports it.
 *
 *   const oracle = await CalicoOracle.start();   // runs `build.sh oracle` (a no-op once built), spawns the binary
 *   await oracle.parse('a == "b"');               // { ok: true, canonical: '(a == "b")', uniqueId: "s:…" }
 *   await oracle.close();
 *
 * Requests are answered strictly in order, so the client keeps a FIFO of pending promises; many requests may be in
 * flight at once.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { locateShared } from "@palisade/reference";
import { calicoV3Crds } from "../src/index";
import { buildCalicoGoBinary } from "./build-script";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Sub-object types the oracle can validate on their own (Go type names in projectcalico.org/v3 and numorstring). */
export type OracleFragment =
  | "Rule"
  | "EntityRule"
  | "ICMPFields"
  | "HTTPMatch"
  | "ServiceAccountMatch"
  | "ServiceMatch"
  | "Protocol"
  | "Port"
  | "EndpointPort"
  | "HostEndpointSpec"
  | "GlobalNetworkSetSpec"
  | "NetworkSetSpec"
  | "GlobalNetworkPolicySpec"
  | "NetworkPolicySpec"
  | "TierSpec";

export type OracleRequest =
  | { readonly op: "parse"; readonly selector: string }
  | { readonly op: "eval"; readonly selector: string; readonly labels: Readonly<Record<string, string>> }
  | { readonly op: "validate"; readonly object: JsonValue }
  | {
      readonly op: "validateFragment";
      readonly fragment: OracleFragment;
      readonly object: JsonValue;
      readonly crd?: boolean;
    }
  | { readonly op: "version" }
  | { readonly op: "convertAdmin"; readonly object: JsonValue }
  | BenchRequest;

/**
 * Benchmark requests (bench.go): Calico's own code timed in a loop inside the oracle for `ms` milliseconds.
 * `benchParse` times `selector.Parse` (which computes String(), UniqueID() and the label restrictions eagerly);
 * `benchCanonical` adds the String() and UniqueID() calls; `benchEval` evaluates `selectors[i]` against each of
 * `labelMaps[i]`, through `Evaluate(map[string]string)` or `EvaluateLabels` on labels interned up front.
 */
export type BenchRequest =
  | { readonly op: "benchParse" | "benchCanonical"; readonly selectors: readonly string[]; readonly ms: number }
  | {
      readonly op: "benchEval";
      readonly selectors: readonly string[];
      readonly labelMaps: readonly (readonly Readonly<Record<string, string>>[])[];
      readonly api: OracleEvaluateApi;
      readonly ms: number;
    }
  | FelixIndexRequest;

/**
 * `benchIndex` (bench_index.go): one build of Felix's label index named by `index` on the items (own labels and label
 * parents), the parents' labels and the selectors, in that order; `perPass` is the selector–item matches it found.
 */
export interface FelixIndexRequest {
  readonly op: "benchIndex";
  readonly index: FelixIndexKind;
  readonly items: readonly {
    readonly id: string;
    readonly labels: Readonly<Record<string, string>>;
    readonly parents: readonly string[];
  }[];
  readonly parents: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly selectors: readonly string[];
}

/**
 * Felix's indexes: `SelectorAndNamedPortIndex` prunes candidates by label restrictions (rule selectors → IP sets);
 * `InheritIndex` checks every selector against every item (policy selectors → endpoints, the active rules calculator).
 */
export type FelixIndexKind = "SelectorAndNamedPortIndex" | "InheritIndex";

/** Upstream Selector's evaluation entry points: a plain map, or labels interned once up front (as Felix holds them). */
export type OracleEvaluateApi = "Evaluate" | "EvaluateLabels";

/** What one benchmark request measured inside the oracle. */
export interface BenchFigures {
  /** Parses, or evaluations (one selector against one label map), in the timed loop. */
  readonly ops: number;
  /** Full passes over the input. */
  readonly passes: number;
  /** The oracle process's CPU time (getrusage, user + system, all threads) and wall time during the loop. */
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
  readonly opsPerCpuSecond: number;
  readonly opsPerWallSecond: number;
  /**
   * What each pass computed, the same in every pass: selectors parsed (benchParse), total length of String() +
   * UniqueID() (benchCanonical), matches (benchEval).
   */
  readonly perPass: number;
}

/** A benchmark's answer: its figures, or why it could not run (an invalid selector, a malformed request). */
export type BenchAnswer =
  | { readonly ok: true; readonly figures: BenchFigures }
  | { readonly ok: false; readonly error: string };

/** Upstream LabelRestriction: `mustHaveOneOfValues` null = any value, [] = no value can match. */
export interface OracleLabelRestriction {
  readonly mustBePresent: boolean;
  readonly mustBeAbsent: boolean;
  readonly mustHaveOneOfValues: readonly string[] | null;
}

export interface ParseAnswer {
  readonly ok: boolean;
  readonly error?: string;
  readonly canonical?: string;
  readonly uniqueId?: string;
  /** Selector.LabelRestrictions() of a valid selector: empty when there is none. */
  readonly labelRestrictions?: Readonly<Record<string, OracleLabelRestriction>>;
  /** Present when upstream's Parse() and Validate() disagree about the selector's validity. */
  readonly validateDisagrees?: string;
}

export interface EvalAnswer {
  readonly ok: boolean;
  readonly match?: boolean;
  readonly error?: string;
}

export interface OracleFieldError {
  /** Go struct field name (e.g. `Destination.Ports`) or, for decode errors, the JSON path/field. */
  readonly field: string;
  readonly reason: string;
  readonly message: string;
}

export interface ValidateAnswer {
  readonly valid: boolean;
  readonly errors: readonly OracleFieldError[];
}

interface RawAnswer {
  readonly ok?: boolean;
  readonly match?: boolean;
  readonly error?: string;
  readonly canonical?: string;
  readonly uniqueId?: string;
  readonly labelRestrictions?: Readonly<Record<string, OracleLabelRestriction>>;
  readonly validateDisagrees?: string;
  readonly valid?: boolean;
  readonly errors?: readonly OracleFieldError[];
  readonly version?: string;
  readonly crdKinds?: number;
  readonly release?: string;
  readonly bench?: BenchFigures;
  readonly converted?: JsonObject;
  readonly protocolError?: string;
}

/** What Calico's conversion made of an admin policy: the GlobalNetworkPolicy and its conversion error, if any. */
export interface ConvertAnswer {
  readonly converted: JsonObject;
  readonly error?: string;
}

interface Pending {
  readonly resolve: (answer: RawAnswer) => void;
  readonly reject: (error: Error) => void;
}

/**
 * The oracle's CRD layer: upstream's v3.32.1 projectcalico.org/v3 CRDs in ../shared, or, without it, the model's
 * (crd.test.ts holds them equal, descriptions aside), written to a temporary folder that `remove` deletes.
 */
function defaultCrdDir(): { dir: string; remove: () => void } {
  const shared = locateShared();
  if (shared.present) return { dir: shared.files.path("calico/crds/projectcalico.org-v3"), remove: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), "palisade-oracle-crds-"));
  for (const crd of calicoV3Crds()) writeFileSync(join(dir, `${crd.metadata.name}.yaml`), JSON.stringify(crd));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface OracleOptions {
  /** Path of a built binary; by default `build.sh oracle` builds (or finds) it. */
  readonly binary?: string;
  /** CRD directory for whole-resource validation (schema, list types, CEL); `null` turns the CRD layer off. */
  readonly crdDir?: string | null;
}

/** Runs `build.sh oracle` (a no-op when the binary for this go.mod/go.sum/Go sources/Go version exists); returns its path. */
export function buildOracle(): Promise<string> {
  const override = process.env.PALISADE_ORACLE_BIN;
  if (override !== undefined && override !== "") return Promise.resolve(override);
  return buildCalicoGoBinary("oracle");
}

function isRawAnswer(value: unknown): value is RawAnswer {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export class CalicoOracle {
  private readonly pending: Pending[] = [];
  private buffer = "";
  private failure: Error | undefined;
  private readonly exited: Promise<void>;
  private stderrTail = "";

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => this.onData(chunk));
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-4000);
    });
    this.exited = new Promise((resolve) => {
      child.on("exit", (code, signal) => {
        this.fail(new Error(`calico oracle exited (code ${code}, signal ${signal})\n${this.stderrTail}`));
        resolve();
      });
      child.on("error", (error) => {
        this.fail(error);
        resolve();
      });
    });
  }

  /** Builds the oracle when needed and starts one process. */
  static async start(options: OracleOptions = {}): Promise<CalicoOracle> {
    const path = options.binary ?? (await buildOracle());
    const crds = options.crdDir === undefined ? defaultCrdDir() : undefined;
    const crdDir = crds?.dir ?? options.crdDir ?? null;
    const child = spawn(path, crdDir === null ? [] : ["-crds", crdDir], { stdio: ["pipe", "pipe", "pipe"] });
    const oracle = new CalicoOracle(child);
    // The oracle reads its CRDs before it answers anything.
    const version = await oracle.send({ op: "version" }).finally(() => crds?.remove());
    if (version.ok !== true) throw new Error("calico oracle did not answer its version request");
    oracle.calicoVersion = version.version ?? "unknown";
    oracle.calicoRelease = version.release ?? "unknown";
    oracle.crdKinds = version.crdKinds ?? 0;
    return oracle;
  }

  /** The pseudo-version of github.com/projectcalico/calico the binary was built from. */
  calicoVersion = "unknown";
  /** The Calico release that pseudo-version is (go.mod's comment), e.g. "v3.31.0". */
  calicoRelease = "unknown";
  /** How many kinds the CRD layer covers (0 when it is off). */
  crdKinds = 0;

  async parse(selector: string): Promise<ParseAnswer> {
    const a = await this.send({ op: "parse", selector });
    return {
      ok: a.ok === true,
      ...(a.error !== undefined && { error: a.error }),
      ...(a.canonical !== undefined && { canonical: a.canonical }),
      ...(a.uniqueId !== undefined && { uniqueId: a.uniqueId }),
      ...(a.ok === true && { labelRestrictions: a.labelRestrictions ?? {} }),
      ...(a.validateDisagrees !== undefined && { validateDisagrees: a.validateDisagrees }),
    };
  }

  async evaluate(selector: string, labels: Readonly<Record<string, string>>): Promise<EvalAnswer> {
    const a = await this.send({ op: "eval", selector, labels });
    return {
      ok: a.ok === true,
      ...(a.match !== undefined && { match: a.match }),
      ...(a.error !== undefined && { error: a.error }),
    };
  }

  /**
   * Strict-decodes a whole projectcalico.org/v3 resource (by its `kind`), applies the CRD layer (defaults, schema,
   * list types, CEL) when on, and runs validator.Validate on it.
   */
  async validate(object: JsonValue): Promise<ValidateAnswer> {
    return toValidateAnswer(await this.send({ op: "validate", object }));
  }

  /**
   * Strict-decodes a sub-object of the named Go type and runs validator.Validate on it, as upstream's tables do.
   * With `crd`, it is also checked against the CRD sub-schema at its place in its resource (list types, CEL), as it
   * would be inside a resource (Rule, EntityRule, ICMPFields, HTTPMatch, Protocol and the three specs).
   */
  async validateFragment(
    fragment: OracleFragment,
    object: JsonValue,
    options: { readonly crd?: boolean } = {},
  ): Promise<ValidateAnswer> {
    const request =
      options.crd === true
        ? { op: "validateFragment" as const, fragment, object, crd: true }
        : { op: "validateFragment" as const, fragment, object };
    return toValidateAnswer(await this.send(request));
  }

  /**
   * Calico's own conversion (libcalico-go `conversion`) of an AdminNetworkPolicy or BaselineAdminNetworkPolicy into
   * the GlobalNetworkPolicy Felix evaluates.
   */
  async convertAdmin(object: JsonValue): Promise<ConvertAnswer> {
    const a = await this.send({ op: "convertAdmin", object });
    if (a.ok !== true || a.converted === undefined)
      throw new Error(`calico oracle did not convert: ${JSON.stringify(a)}`);
    return { converted: a.converted, ...(a.error !== undefined && { error: a.error }) };
  }

  /** Times Calico's selector code inside the oracle (see BenchRequest); bad input comes back as `ok: false`. */
  async bench(request: BenchRequest): Promise<BenchAnswer> {
    const a = await this.send(request);
    if (a.ok === true && a.bench !== undefined) return { ok: true, figures: a.bench };
    if (a.ok === false && a.error !== undefined) return { ok: false, error: a.error };
    throw new Error(`calico oracle gave no benchmark answer: ${JSON.stringify(a)}`);
  }

  send(request: OracleRequest): Promise<RawAnswer> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.child.stdin.write(`${JSON.stringify(request)}\n`);
    });
  }

  /** Closes stdin, waits for the process to exit (killing it after a grace period) and rejects anything pending. */
  async close(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.stdin.end();
      const timer = setTimeout(() => this.child.kill("SIGKILL"), 5_000);
      await this.exited;
      clearTimeout(timer);
    }
    this.fail(new Error("calico oracle closed"));
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let newline = this.buffer.indexOf("\n");
    while (newline >= 0) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + 1);
      if (line.trim() !== "") this.onLine(line);
      newline = this.buffer.indexOf("\n");
    }
  }

  private onLine(line: string): void {
    const waiter = this.pending.shift();
    if (waiter === undefined) {
      this.fail(new Error(`calico oracle answered with nothing pending: ${line}`));
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      waiter.reject(new Error(`calico oracle sent a line that is not JSON: ${line} (${String(error)})`));
      return;
    }
    if (!isRawAnswer(parsed)) waiter.reject(new Error(`calico oracle sent a non-object: ${line}`));
    else if (parsed.protocolError !== undefined) waiter.reject(new Error(`calico oracle: ${parsed.protocolError}`));
    else waiter.resolve(parsed);
  }

  private fail(error: Error): void {
    if (this.failure === undefined) this.failure = error;
    for (const waiter of this.pending.splice(0)) waiter.reject(error);
  }
}

function toValidateAnswer(a: RawAnswer): ValidateAnswer {
  if (a.valid === undefined) throw new Error(`calico oracle gave no verdict: ${JSON.stringify(a)}`);
  return { valid: a.valid, errors: a.errors ?? [] };
}
