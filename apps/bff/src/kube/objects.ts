import type { ClusterCache } from "./cluster-cache";
import { type Identity, KubeError } from "./http";
import { type KubeObject, type ResourceType, resourcePath } from "./resources";

export interface WriteOptions {
  readonly identity: Identity;
  readonly dryRun?: boolean;
}

export interface DeleteOptions extends WriteOptions {
  /** The stored object to delete when a name is stored twice; otherwise the copy the name addresses. */
  readonly storedName?: string;
}

/** The reads and writes the apply and delete engines need (an interface so tests can inject faults). */
export type ObjectWriter = Pick<ObjectClient, "get" | "create" | "replace" | "delete">;

/**
 * Object-level reads and writes on a cluster in the user-facing form; the cluster's storage codec converts to and
 * from classic `crd.projectcalico.org/v1` where that is the storage (docs/calico-semantics.md section 3).
 */
export class ObjectClient {
  constructor(private readonly cluster: ClusterCache) {}

  private get client() {
    const client = this.cluster.client;
    if (client === undefined)
      throw new KubeError(0, "Unreachable", `cluster ${this.cluster.name} is unusable`, undefined);
    return client;
  }

  /** A fresh read from the cluster (used only to show the live side of a conflict). */
  async get(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    identity: Identity,
  ): Promise<KubeObject | undefined> {
    try {
      const obj = await this.client.request<KubeObject>(
        "GET",
        this.path(type, namespace, this.cluster.storageName(type, namespace, name)),
        { identity },
      );
      return this.cluster.fromStorage(type, obj);
    } catch (err) {
      if (err instanceof KubeError && err.statusCode === 404) return undefined;
      throw err;
    }
  }

  async create(type: ResourceType, obj: KubeObject, options: WriteOptions): Promise<KubeObject> {
    const body = this.cluster.toStorage(type, obj, undefined);
    const created = await this.client.request<KubeObject>("POST", this.path(type, obj.metadata.namespace), {
      identity: options.identity,
      body,
      query: { dryRun: options.dryRun === true ? "All" : undefined, fieldManager: "palisade" },
    });
    return this.cluster.fromStorage(type, created);
  }

  /** Replace with `metadata.resourceVersion` set: a concurrent change makes the cluster answer 409. */
  async replace(type: ResourceType, obj: KubeObject, live: KubeObject, options: WriteOptions): Promise<KubeObject> {
    const body = this.cluster.toStorage(type, obj, live);
    const replaced = await this.client.request<KubeObject>(
      "PUT",
      this.path(type, obj.metadata.namespace, body.metadata.name),
      {
        identity: options.identity,
        body,
        query: { dryRun: options.dryRun === true ? "All" : undefined, fieldManager: "palisade" },
      },
    );
    return this.cluster.fromStorage(type, replaced);
  }

  /** Delete, conditional on `resourceVersion` when given (409 if the object changed since). */
  async delete(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    resourceVersion: string | undefined,
    options: DeleteOptions,
  ): Promise<void> {
    // kube-apiserver decodes a DELETE body over the query's options, so dryRun must travel in the body as well.
    const dryRun = options.dryRun === true ? ["All"] : undefined;
    const stored = options.storedName ?? this.cluster.storageName(type, namespace, name);
    await this.client.request("DELETE", this.path(type, namespace, stored), {
      identity: options.identity,
      query: { dryRun: dryRun?.[0] },
      body: {
        apiVersion: "v1",
        kind: "DeleteOptions",
        ...(dryRun === undefined ? {} : { dryRun }),
        ...(resourceVersion === undefined ? {} : { preconditions: { resourceVersion } }),
      },
    });
  }

  private path(type: ResourceType, namespace: string | undefined, name?: string): string {
    return resourcePath(type, this.cluster.storage, namespace, name);
  }
}
