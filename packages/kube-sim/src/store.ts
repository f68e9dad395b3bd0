import { randomUUID } from "node:crypto";
import { apiVersionOf, type ResourceType, typeOfKind } from "./resources";

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/** In-memory object store with one cluster-wide resourceVersion counter, as etcd's revision is for an API server. */
export class Store {
  private revision = 1;
  private readonly objects = new Map<string, KubeObject>();

  currentRevision(): string {
    return String(this.revision);
  }

  list(type: ResourceType, namespace?: string): KubeObject[] {
    const prefix = `${apiVersionOf(type)}/${type.kind}/`;
    const out: KubeObject[] = [];
    for (const [key, obj] of this.objects) {
      if (!key.startsWith(prefix)) continue;
      if (namespace !== undefined && obj.metadata.namespace !== namespace) continue;
      out.push(obj);
    }
    return out.sort((a, b) => keyOf(type, a).localeCompare(keyOf(type, b)));
  }

  get(type: ResourceType, name: string, namespace?: string): KubeObject | undefined {
    return this.objects.get(`${apiVersionOf(type)}/${type.kind}/${namespace ?? ""}/${name}`);
  }

  /** Adds an object as the API server would on create: uid, resourceVersion, generation, creationTimestamp. */
  create(obj: KubeObject): KubeObject {
    const type = typeOfKind(obj.apiVersion, obj.kind);
    if (type === undefined) throw new Error(`unknown kind ${obj.apiVersion}/${obj.kind}`);
    this.revision += 1;
    const stored: KubeObject = {
      ...structuredClone(obj),
      metadata: {
        ...structuredClone(obj.metadata),
        uid: randomUUID(),
        resourceVersion: String(this.revision),
        generation: 1,
        creationTimestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
      },
    };
    this.objects.set(keyOf(type, stored), stored);
    return stored;
  }
}

function keyOf(type: ResourceType, obj: KubeObject): string {
  return `${apiVersionOf(type)}/${type.kind}/${type.namespaced ? (obj.metadata.namespace ?? "") : ""}/${obj.metadata.name}`;
}
