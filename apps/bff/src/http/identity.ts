import type { FastifyRequest } from "fastify";
import type { AuthMode } from "../config";
import { HttpError } from "../errors";
import type { Identity } from "../kube/http";

/** Who is asking, as the cluster will see them, and the name the audit log records. */
export interface RequestIdentity {
  readonly identity: Identity;
  readonly user: string;
}

/** Headers an authenticating proxy sets (the Kubernetes front-proxy convention); the user's can be configured. */
const DEFAULT_USER_HEADER = "x-remote-user";
const GROUP_HEADER = "x-remote-group";

/**
 * Resolves the caller. `server`: the server's own credentials (local mode). `impersonate`: user and groups from the
 * proxy's headers, trusted only when the connection comes from a configured proxy address; anyone else's headers are
 * ignored and the request is unauthenticated. `token`: the user's bearer token, passed to the cluster as is.
 */
export function resolveIdentity(
  req: FastifyRequest,
  mode: AuthMode,
  trustedProxies: ReadonlySet<string>,
  /** Lower-case; OpenShift's oauth-proxy names the user in x-forwarded-user. */
  userHeader: string = DEFAULT_USER_HEADER,
): RequestIdentity {
  if (mode === "server") return { identity: { mode: "server" }, user: "palisade" };
  if (mode === "impersonate") {
    const peer = normaliseAddress(req.socket.remoteAddress ?? "");
    const user = headerValues(req, userHeader)[0];
    if (!trustedProxies.has(peer) || user === undefined || user === "") {
      throw new HttpError(
        "Unauthorized",
        "sign in through the authenticating proxy: no trusted user identity on this request",
      );
    }
    const groups = headerValues(req, GROUP_HEADER)
      .flatMap((g) => g.split(",").map((s) => s.trim()))
      .filter((g) => g !== "");
    return { identity: { mode: "impersonate", user, groups }, user };
  }
  const auth = req.headers.authorization ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(auth);
  if (match?.[1] === undefined)
    throw new HttpError("Unauthorized", "send your Kubernetes bearer token in the Authorization header");
  // The name behind a token is only known to the cluster; writes look it up (SelfSubjectReview) for the audit log.
  return { identity: { mode: "token", token: match[1] }, user: "" };
}

function headerValues(req: FastifyRequest, name: string): string[] {
  const v = req.headers[name];
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is `10.0.0.1`. */
export function normaliseAddress(address: string): string {
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}
