import { ApiException, KubeConfig } from "@kubernetes/client-node";
import type { RoleName } from "../auth/roles";
import type { CalicoStorage } from "../registry/calico-crds";

/**
 * A cluster the parity suite runs against: kube-sim, or the real kube-apiserver + etcd of
 * `@palisade/control-plane`. Both give a server, its CA, and bearer tokens for admin, editor and viewer.
 */
export interface ParityTarget {
  readonly name: string;
  readonly server: string;
  readonly caPem: string;
  readonly storage: CalicoStorage;
  readonly tokens: Readonly<Record<RoleName, string>>;
}

/** A client-node KubeConfig for one of the target's users, with TLS verification on. */
export function kubeConfigFor(target: ParityTarget, user: RoleName): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: "target",
        server: target.server,
        caData: Buffer.from(target.caPem).toString("base64"),
        skipTLSVerify: false,
      },
    ],
    users: [{ name: user, token: target.tokens[user] }],
    contexts: [{ name: user, cluster: "target", user }],
    currentContext: user,
  });
  return kc;
}

export interface Status {
  readonly kind: string;
  readonly code: number;
  readonly reason: string;
  readonly message: string;
  readonly details?: {
    readonly name?: string;
    readonly group?: string;
    readonly kind?: string;
    readonly causes?: ReadonlyArray<{ readonly reason: string; readonly message: string; readonly field?: string }>;
  };
}

/** The Status a failed call carried (client-node throws ApiException with the body). */
export async function failure(call: Promise<unknown>): Promise<Status> {
  try {
    await call;
  } catch (e) {
    if (e instanceof ApiException) {
      const body: unknown = typeof e.body === "string" ? JSON.parse(e.body) : e.body;
      return body as Status;
    }
    throw e;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/** A unique suffix so runs against a shared real server never collide. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}
