import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { FlowsConfig } from "./flows/cluster-flows";
import { parseFlowsConfig } from "./flows/flows-config";

/** How requests reach the cluster: as the server, as the proxy-authenticated user, or with the user's token. */
export type AuthMode = "server" | "impersonate" | "token";

export interface ServeConfig {
  readonly host: string;
  readonly port: number;
  /** Path(s) to kubeconfig files; undefined means in-cluster config, or the embedded demo cluster. */
  readonly kubeconfig: string | undefined;
  /** Removes every write path (apply, delete); dry-run and validation still work. */
  readonly readOnly: boolean;
  /** Where the change history is kept: the local file `auditLog` (single-user), or AuditRecords in each cluster. */
  readonly auditStore: AuditStoreKind;
  /** JSON-lines audit log of every apply and delete (the `file` store). */
  readonly auditLog: string;
  /** The `cluster` store's retention: at most this many records per cluster, none older than `auditMaxAgeDays`. */
  readonly auditKeep: number;
  readonly auditMaxAgeDays: number;
  readonly auth: AuthMode;
  /** Addresses (exact IPs) whose X-Remote-User/X-Remote-Group headers are trusted in `impersonate` mode. */
  readonly trustedProxies: readonly string[];
  /** The header a trusted proxy names the user in (X-Remote-User; OpenShift's oauth-proxy: X-Forwarded-User). */
  readonly userHeader: string;
  /** Writes (apply, delete) per identity per minute. */
  readonly writesPerMinute: number;
  /** Validations, diffs, dry runs, explains and delete previews per identity per minute. */
  readonly costlyPerMinute: number;
  /** Host names accepted in `Host` besides loopback names and the bound address (`*`: any). */
  readonly allowedHosts: readonly string[];
  /** Event-loop delay (ms) beyond which requests get 503 with Retry-After; 0 turns it off. */
  readonly maxEventLoopDelayMs: number;
  /** `/readyz` fails once every cluster has been unreachable this long (seconds). */
  readonly unreadyAfterSeconds: number;
  /** Flows held per cluster and how to reach each cluster's Goldmane (`--flows-config`). */
  readonly flows: FlowsConfig;
}

/** Where the change history is kept (`--audit-store`). */
export type AuditStoreKind = "file" | "cluster";

const AUDIT_STORES: readonly AuditStoreKind[] = ["file", "cluster"];

export class ConfigError extends Error {}

/** How long every cluster may be unreachable before `/readyz` fails (seconds). */
export const DEFAULT_UNREADY_AFTER_S = 300;

const AUTH_MODES: readonly AuthMode[] = ["server", "impersonate", "token"];

/**
 * Flags win over environment variables (PALISADE_HOST, PALISADE_PORT, KUBECONFIG, PALISADE_READ_ONLY,
 * PALISADE_USER_HEADER, PALISADE_AUDIT_STORE, PALISADE_AUDIT_LOG, PALISADE_AUDIT_KEEP, PALISADE_AUDIT_MAX_AGE_DAYS, PALISADE_AUTH, PALISADE_TRUSTED_PROXIES, PALISADE_WRITES_PER_MINUTE, PALISADE_COSTLY_PER_MINUTE,
 * PALISADE_ALLOWED_HOSTS, PALISADE_MAX_EVENT_LOOP_DELAY_MS, PALISADE_UNREADY_AFTER, PALISADE_FLOWS_CONFIG). Local mode binds
 * loopback unless told otherwise: a policy console must not listen on every interface by accident.
 */
export function parseServeConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ServeConfig {
  let values: {
    host?: string | undefined;
    port?: string | undefined;
    kubeconfig?: string | undefined;
    "read-only"?: boolean | undefined;
    "audit-store"?: string | undefined;
    "audit-log"?: string | undefined;
    "audit-keep"?: string | undefined;
    "audit-max-age-days"?: string | undefined;
    auth?: string | undefined;
    "trusted-proxy"?: string[] | undefined;
    "user-header"?: string | undefined;
    "writes-per-minute"?: string | undefined;
    "costly-per-minute"?: string | undefined;
    "allowed-host"?: string[] | undefined;
    "max-event-loop-delay"?: string | undefined;
    "unready-after"?: string | undefined;
    "flows-config"?: string | undefined;
  };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        host: { type: "string" },
        port: { type: "string" },
        kubeconfig: { type: "string" },
        "read-only": { type: "boolean" },
        "audit-store": { type: "string" },
        "audit-log": { type: "string" },
        "audit-keep": { type: "string" },
        "audit-max-age-days": { type: "string" },
        auth: { type: "string" },
        "trusted-proxy": { type: "string", multiple: true },
        "user-header": { type: "string" },
        "writes-per-minute": { type: "string" },
        "costly-per-minute": { type: "string" },
        "allowed-host": { type: "string", multiple: true },
        "max-event-loop-delay": { type: "string" },
        "unready-after": { type: "string" },
        "flows-config": { type: "string" },
      },
      strict: true,
    }));
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  const host = values.host ?? env.PALISADE_HOST ?? "127.0.0.1";
  const port = integer("--port", values.port ?? env.PALISADE_PORT ?? "7474", 0, 65535);
  const kubeconfig = values.kubeconfig ?? (env.KUBECONFIG === "" ? undefined : env.KUBECONFIG);
  const readOnly = values["read-only"] ?? isTrue(env.PALISADE_READ_ONLY);
  const auditStore = (values["audit-store"] ?? env.PALISADE_AUDIT_STORE ?? "file") as AuditStoreKind;
  if (!AUDIT_STORES.includes(auditStore))
    throw new ConfigError(`--audit-store must be one of ${AUDIT_STORES.join(", ")} (got "${auditStore}")`);
  const auditLog = values["audit-log"] ?? env.PALISADE_AUDIT_LOG ?? defaultAuditLog(env);
  const auditKeep = integer("--audit-keep", values["audit-keep"] ?? env.PALISADE_AUDIT_KEEP ?? "1000", 1, 100_000);
  const auditMaxAgeDays = integer(
    "--audit-max-age-days",
    values["audit-max-age-days"] ?? env.PALISADE_AUDIT_MAX_AGE_DAYS ?? "90",
    1,
    36_500,
  );
  const auth = (values.auth ?? env.PALISADE_AUTH ?? "server") as AuthMode;
  if (!AUTH_MODES.includes(auth))
    throw new ConfigError(`--auth must be one of ${AUTH_MODES.join(", ")} (got "${auth}")`);
  const trustedProxies = values["trusted-proxy"] ?? list(env.PALISADE_TRUSTED_PROXIES);
  if (auth === "impersonate" && trustedProxies.length === 0) {
    throw new ConfigError(
      "--auth impersonate needs at least one --trusted-proxy address (env PALISADE_TRUSTED_PROXIES)",
    );
  }
  const userHeader = values["user-header"] ?? env.PALISADE_USER_HEADER ?? "X-Remote-User";
  if (!/^[A-Za-z0-9-]+$/.test(userHeader))
    throw new ConfigError(`--user-header must be an HTTP header name (got "${userHeader}")`);
  const writesPerMinute = integer(
    "--writes-per-minute",
    values["writes-per-minute"] ?? env.PALISADE_WRITES_PER_MINUTE ?? "60",
    1,
    100_000,
  );
  const costlyPerMinute = integer(
    "--costly-per-minute",
    values["costly-per-minute"] ?? env.PALISADE_COSTLY_PER_MINUTE ?? "300",
    1,
    100_000,
  );
  const allowedHosts = values["allowed-host"] ?? list(env.PALISADE_ALLOWED_HOSTS);
  const maxEventLoopDelayMs = integer(
    "--max-event-loop-delay",
    values["max-event-loop-delay"] ?? env.PALISADE_MAX_EVENT_LOOP_DELAY_MS ?? "1000",
    0,
    600_000,
  );
  const unreadyAfterSeconds = integer(
    "--unready-after",
    values["unready-after"] ?? env.PALISADE_UNREADY_AFTER ?? String(DEFAULT_UNREADY_AFTER_S),
    1,
    86_400,
  );
  const flows = flowsConfig(values["flows-config"] ?? env.PALISADE_FLOWS_CONFIG);
  return {
    host,
    port,
    kubeconfig,
    readOnly,
    auditStore,
    auditLog,
    auditKeep,
    auditMaxAgeDays,
    auth,
    trustedProxies,
    userHeader,
    writesPerMinute,
    costlyPerMinute,
    allowedHosts,
    maxEventLoopDelayMs,
    unreadyAfterSeconds,
    flows,
  };
}

function flowsConfig(file: string | undefined): FlowsConfig {
  let text: string | undefined;
  try {
    text = file === undefined || file === "" ? undefined : readFileSync(file, "utf8");
  } catch (err) {
    throw new ConfigError(`--flows-config: cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    return parseFlowsConfig(text);
  } catch (err) {
    throw new ConfigError(`--flows-config ${file}: ${(err as Error).message}`);
  }
}

/** A comma-separated environment list. */
function list(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

function integer(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw new ConfigError(`${flag} must be an integer from ${min} to ${max} (got "${text}")`);
  }
  return n;
}

function isTrue(v: string | undefined): boolean {
  return v === "1" || v === "true" || v === "yes";
}

function defaultAuditLog(env: NodeJS.ProcessEnv): string {
  const state = env.XDG_STATE_HOME ?? join(env.HOME ?? homedir(), ".local", "state");
  return join(state, "palisade", "audit.jsonl");
}
