import { existsSync, readFileSync } from "node:fs";
import { open, rename } from "node:fs/promises";
import { dirname } from "node:path";
import { Type } from "typebox";
import { Compile } from "typebox/compile";
import type { Tokens } from "./kubeconfig";
import type { CalicoStorage } from "./registry/calico-crds";
import type { StoreSnapshot } from "./store/store";
import type { ServingCerts } from "./tls";

/**
 * What `--state` keeps across restarts: the objects and revision, and the CA, serving key and tokens, so clients
 * holding the old kubeconfig reconnect (and resume their watches, or relist after a 410) as after an API server
 * restart.
 */
export interface SimState {
  readonly format: "kube-sim-state/v1";
  readonly storage: CalicoStorage;
  readonly certs: ServingCerts;
  readonly tokens: Tokens;
  readonly snapshot: StoreSnapshot;
}

const pem = Type.String({ pattern: "^-----BEGIN " });
const token = Type.String({ pattern: "^[!-~]+$" });

/** The shape `SimState` is written in: what is checked before anything of a state file is used. */
const stateFile = Compile(
  Type.Object({
    format: Type.Literal("kube-sim-state/v1"),
    storage: Type.Enum(["v3", "v1"]),
    certs: Type.Object({ caPem: pem, certPem: pem, keyPem: pem }),
    tokens: Type.Object({ admin: token, editor: token, viewer: token }),
    snapshot: Type.Object({
      revision: Type.Integer({ minimum: 1 }),
      objects: Type.Array(
        Type.Object({
          group: Type.String(),
          plural: Type.String({ minLength: 1 }),
          object: Type.Object({
            apiVersion: Type.String({ minLength: 1 }),
            kind: Type.String({ minLength: 1 }),
            metadata: Type.Object({
              name: Type.String({ minLength: 1 }),
              namespace: Type.Optional(Type.String({ minLength: 1 })),
              resourceVersion: Type.Optional(Type.String({ pattern: "^[0-9]+$" })),
            }),
          }),
        }),
      ),
    }),
  }),
);

/** A state file that cannot be used. Its message names the file and the problem, and never quotes the file. */
export class StateFileError extends Error {
  constructor(path: string, problem: string) {
    super(`state file ${path} ${problem}; it was left as it is (fix it, or move it away to start afresh)`);
    this.name = "StateFileError";
  }
}

/** `/snapshot/objects/3/object` as `snapshot.objects[3].object`, the way API errors name fields. */
function fieldPath(pointer: string): string {
  let out = "";
  for (const part of pointer.split("/").slice(1)) {
    const key = part.replaceAll("~1", "/").replaceAll("~0", "~");
    out += /^\d+$/.test(key) ? `[${key}]` : out === "" ? key : `.${key}`;
  }
  return out === "" ? "(the top level)" : out;
}

/** Why `JSON.parse` refused `text`, without V8's message: it quotes the text around the fault. */
function syntaxProblem(text: string, error: unknown): string {
  if (text.trim() === "") return "is empty";
  // Control bytes other than whitespace are never valid JSON, inside strings or out.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) {
      return `is not valid JSON: stray control byte 0x${code.toString(16).padStart(2, "0")} at character ${i}`;
    }
  }
  const message = error instanceof Error ? error.message : "";
  const at = /at position (\d+)/.exec(message)?.[1];
  if (/end of JSON input/.test(message) || (at !== undefined && Number(at) >= text.trimEnd().length)) {
    return `is not valid JSON: it ends early at character ${text.length} (truncated?)`;
  }
  return `is not valid JSON${at === undefined ? "" : `: syntax error at character ${at}`}`;
}

/**
 * Reads and checks a state file; undefined when there is none. Throws `StateFileError` naming the first problems by
 * field path (`tokens.viewer: must match pattern …`) and never the file's contents: it holds the serving key and the
 * tokens.
 */
export function readState(path: string): SimState | undefined {
  if (!existsSync(path)) return undefined;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new StateFileError(path, `cannot be read (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new StateFileError(path, syntaxProblem(text, e));
  }
  if (!stateFile.Check(parsed)) {
    const problems = [...stateFile.Errors(parsed)]
      // An enum or union also reports each alternative it tried; the summary line says it once.
      .filter((e, i, all) => all.findIndex((o) => o.instancePath === e.instancePath) === i)
      .map((e) => `${fieldPath(e.instancePath)}: ${describe(e)}`);
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : "";
    throw new StateFileError(path, `is not a valid kube-sim-state/v1 file: ${problems.slice(0, 5).join("; ")}${more}`);
  }
  const state = parsed as SimState;
  const newest = Math.max(0, ...state.snapshot.objects.map((o) => Number(o.object.metadata.resourceVersion ?? 0)));
  if (newest > state.snapshot.revision) {
    throw new StateFileError(
      path,
      `is not consistent: snapshot.revision: ${state.snapshot.revision} is older than an object's resourceVersion ${newest}`,
    );
  }
  return state;
}

interface SchemaError {
  readonly keyword: string;
  readonly message: string;
  readonly params: Record<string, unknown>;
}

/** A schema error in words; the allowed values come from the schema, never from the file. */
function describe(e: SchemaError): string {
  if (e.keyword === "required") {
    const missing = e.params.requiredProperties;
    return `missing ${Array.isArray(missing) ? missing.join(", ") : "required properties"}`;
  }
  if (e.keyword === "const") return `must be ${JSON.stringify(e.params.allowedValue)}`;
  if (e.keyword === "enum" && Array.isArray(e.params.allowedValues))
    return `must be one of ${e.params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
  return e.message;
}

/**
 * Writes the state file durably, so that a write is acknowledged only once it survives a crash: each flush writes a
 * temporary file beside the target, fsyncs it, renames it over the target and fsyncs the folder (the rename is
 * durable only then). Flushes never overlap; every write that arrives while one runs waits for the next, which
 * covers them all (group commit), so concurrent writers share one flush.
 */
export class StateWriter {
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(
    private readonly path: string,
    private readonly capture: () => SimState,
    /** Called with what a flush captured once it is durable. */
    private readonly durable: (state: SimState) => void = () => undefined,
  ) {}

  /** Resolves once a flush that started after this call has made the file durable; rejects if that flush failed. */
  flush(): Promise<void> {
    if (this.queued !== undefined) return this.queued;
    const previous = this.running ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      // A turn of the event loop, so the writes of the requests already read join this flush.
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => {
        this.queued = undefined;
        this.running = next;
        const state = this.capture();
        return this.write(JSON.stringify(state)).then(() => this.durable(state));
      })
      .finally(() => {
        if (this.running === next) this.running = undefined;
      });
    this.queued = next;
    return next;
  }

  /** Resolves when every flush asked for so far has ended. */
  async idle(): Promise<void> {
    await (this.queued ?? this.running)?.catch(() => undefined);
  }

  private async write(text: string): Promise<void> {
    try {
      await this.replace(text);
    } catch (e) {
      throw new Error(`could not write the state file ${this.path}: ${(e as Error).message}`);
    }
  }

  private async replace(text: string): Promise<void> {
    const tmp = `${this.path}.${process.pid}.tmp`;
    const file = await open(tmp, "w", 0o600);
    try {
      await file.writeFile(text);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tmp, this.path);
    const folder = await open(dirname(this.path), "r");
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  }
}
