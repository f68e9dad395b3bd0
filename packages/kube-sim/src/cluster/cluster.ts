import { randomUUID } from "node:crypto";
import { SERVICE_NAME_LABEL } from "@palisade/calico";
import { isRecord, type KubeObject, kubeTime } from "../api/object";
import {
  ApiError,
  alreadyExists,
  badRequest,
  conflict,
  groupField,
  invalid,
  MODIFIED,
  notFound,
  type StatusCause,
} from "../api/status";
import { isCalicoKind } from "../registry/calico-crds";
import { Registry } from "../registry/registry";
import { apiVersionOf, type ResourceType } from "../registry/resource-type";
import { jsonPatch, mergePatch, PatchTestFailed, strategicMergePatch } from "../store/patch";
import { Store } from "../store/store";
import { defaultBuiltin, nameRuleOf, validateBuiltin } from "../validate/builtins";
import { validateCalico } from "../validate/calico";
import { establishedStatus, validateCrd } from "../validate/crd";
import { validateObjectMeta } from "../validate/object-meta";
import { applySchema, type Schema, type SchemaReport } from "../validate/schema";
import { CONTROLLER_NAME, desiredEndpointSlices, MANAGED_BY_LABEL, sliceContent } from "./endpoint-slices";
import { allocateService } from "./services";

export interface ClusterOptions {
  /** How many change events watches can resume across (older resourceVersions get 410 Gone). */
  readonly watchWindow?: number;
}

export interface WriteOptions {
  readonly dryRun?: boolean;
  /**
   * What to do about fields the schema does not declare (custom resources): `Strict` rejects the write with 400,
   * `Warn` (the default) prunes them and reports each in `warnings`, `Ignore` prunes them silently.
   */
  readonly fieldValidation?: "Strict" | "Warn" | "Ignore";
  /** Receives the API server's warnings for this request (`Warning: 299` headers). */
  readonly warnings?: string[];
}

export type PatchType = "merge" | "json" | "strategic" | "apply";

export interface DeleteOptions extends WriteOptions {
  readonly preconditions?: { readonly uid?: string; readonly resourceVersion?: string };
}

const GENERATE_NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/**
 * The API server's storage semantics over a Store: admission (defaults, validation), metadata bookkeeping
 * (uid, resourceVersion, generation, creationTimestamp), optimistic concurrency, dry runs, and the cascades a real
 * cluster's controllers perform (a namespace's contents, a CRD's custom resources).
 */
export class Cluster {
  readonly registry = new Registry();
  readonly store: Store;

  constructor(options: ClusterOptions = {}) {
    this.store = new Store(options.watchWindow ?? 1000);
  }

  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject {
    const obj = this.store.get(type, scopeOf(type, namespace), name);
    if (obj === undefined) throw notFound(type, name);
    return obj;
  }

  create(type: ResourceType, namespace: string | undefined, body: KubeObject, opts: WriteOptions = {}): KubeObject {
    const obj = this.admitNew(type, namespace, body, opts);
    if (this.store.get(type, obj.metadata.namespace, obj.metadata.name ?? "") !== undefined) {
      throw alreadyExists(type, obj.metadata.name ?? "");
    }
    if (opts.dryRun) return obj;
    const stored = this.store.put(type, obj, "ADDED");
    this.afterCreate(type, stored);
    this.afterWorkloadChange(type, stored.metadata.namespace);
    return stored;
  }

  replace(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    body: KubeObject,
    opts: WriteOptions & { subresource?: "status" } = {},
  ): KubeObject {
    const old = this.get(type, namespace, name);
    const rv = body.metadata?.resourceVersion;
    if (rv === undefined || rv === "") {
      if (type.crd) {
        throw invalid(groupKind(type), name, [
          {
            reason: "FieldValueInvalid",
            message: "Invalid value: 0: must be specified for an update",
            field: "metadata.resourceVersion",
          },
        ]);
      }
    } else if (rv !== old.metadata.resourceVersion) throw conflict(type, name, MODIFIED);
    return this.update(type, old, body, opts);
  }

  patch(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    patchType: PatchType,
    patch: unknown,
    opts: WriteOptions & { subresource?: "status" } = {},
  ): KubeObject {
    const old = this.store.get(type, scopeOf(type, namespace), name);
    if (old === undefined) {
      if (patchType !== "apply" || !isRecord(patch)) throw notFound(type, name);
      return this.create(type, namespace, withMeta(patch as KubeObject, { name }), opts);
    }
    let patched: unknown;
    try {
      if (patchType === "json") patched = jsonPatch(old, patch);
      else if (patchType === "merge") patched = mergePatch(old, patch);
      else if (patchType === "strategic") {
        if (type.crd) throw strategicUnsupported();
        patched = strategicMergePatch(old, patch);
      } else patched = type.crd ? mergePatch(old, patch) : strategicMergePatch(old, patch);
    } catch (e) {
      if (e instanceof PatchTestFailed) {
        throw invalid({ group: "", kind: "" }, "", [
          {
            reason: "FieldValueInvalid",
            message: `Invalid value: ${JSON.stringify(JSON.stringify(patch))}: ${e.message}`,
            field: "patch",
          },
        ]);
      }
      throw e;
    }
    if (!isRecord(patched) || !isRecord(patched.metadata))
      throw badRequest("the patch produced an object without metadata");
    const next = patched as KubeObject;
    const rv = next.metadata.resourceVersion;
    if (rv !== undefined && rv !== old.metadata.resourceVersion) throw conflict(type, name, MODIFIED);
    return this.update(type, old, next, opts);
  }

  delete(type: ResourceType, namespace: string | undefined, name: string, opts: DeleteOptions = {}): KubeObject {
    const old = this.get(type, namespace, name);
    const pre = opts.preconditions;
    if (pre?.uid !== undefined && pre.uid !== old.metadata.uid) {
      throw preconditionFailed(
        type,
        name,
        `the UID in the precondition (${pre.uid}) does not match the UID in record (${old.metadata.uid ?? ""}). The object might have been deleted and then recreated`,
      );
    }
    if (pre?.resourceVersion !== undefined && pre.resourceVersion !== old.metadata.resourceVersion) {
      throw preconditionFailed(
        type,
        name,
        `the ResourceVersion in the precondition (${pre.resourceVersion}) does not match the ResourceVersion in record (${old.metadata.resourceVersion ?? ""}). The object might have been modified`,
      );
    }
    if (opts.dryRun) return old;
    this.beforeDelete(type, old);
    const gone = this.store.remove(type, old.metadata.namespace, name) ?? old;
    this.afterWorkloadChange(type, old.metadata.namespace);
    return gone;
  }

  /** Creates objects without the client-facing checks' failure modes: a bad scenario object is a bug. */
  seed(objects: readonly KubeObject[]): void {
    const touched = new Set<string | undefined>();
    for (const obj of objects) {
      const type = this.registry.byKind(obj.apiVersion, obj.kind);
      if (type === undefined) throw new Error(`kube-sim: no served type for ${obj.apiVersion} ${obj.kind}`);
      const admitted = this.admitNew(type, obj.metadata.namespace, obj);
      // Seeded pods keep the status a kubelet would have reported (IPs, phase).
      const stored = this.store.put(
        type,
        obj.status === undefined ? admitted : { ...admitted, status: obj.status },
        "ADDED",
      );
      this.afterCreate(type, stored);
      if (type.kind === "Pod" || type.kind === "Service") touched.add(stored.metadata.namespace);
    }
    // The endpoint-slice controller's pass, once over the seeded namespaces.
    for (const ns of touched) this.syncEndpointSlices(ns);
  }

  /** Re-derives the served CRD types from stored CRD objects (after restoring a snapshot). */
  syncCrdTypes(): void {
    const crdType = this.registry.findResource("apiextensions.k8s.io", "customresourcedefinitions");
    if (crdType === undefined) return;
    for (const crd of this.store.list(crdType)) this.registry.applyCrd(crd);
  }

  private admitNew(
    type: ResourceType,
    namespace: string | undefined,
    body: KubeObject,
    opts: WriteOptions = {},
  ): KubeObject {
    const obj = this.checkTypeAndScope(type, namespace, body);
    const meta = obj.metadata;
    if ((meta.name ?? "") === "" && typeof meta.generateName === "string" && meta.generateName !== "") {
      meta.name = meta.generateName + randomSuffix();
    }
    if (type.namespaced && meta.namespace !== undefined && meta.namespace !== "") {
      const nsType = this.registry.findResource("", "namespaces");
      if (nsType !== undefined && this.store.get(nsType, undefined, meta.namespace) === undefined) {
        throw notFound(nsType, meta.namespace);
      }
    }
    meta.uid = randomUUID();
    meta.creationTimestamp = kubeTime();
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.managedFields;
    delete meta.selfLink;
    if (type.generation === "none") delete meta.generation;
    else meta.generation = 1;
    if (type.statusSubresource && type.crd) delete obj.status;
    const defaulted = this.defaults(type, obj, undefined, opts);
    let next = defaulted.obj;
    if (type.kind === "CustomResourceDefinition")
      next = { ...next, status: establishedStatus(next, meta.creationTimestamp) };
    this.validate(type, next, defaulted.causes);
    return next;
  }

  private update(
    type: ResourceType,
    old: KubeObject,
    body: KubeObject,
    opts: WriteOptions & { subresource?: "status" },
  ): KubeObject {
    const name = old.metadata.name ?? "";
    const incoming = this.checkTypeAndScope(type, old.metadata.namespace, body);
    if (incoming.metadata.name !== undefined && incoming.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${incoming.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    let next: KubeObject;
    if (opts.subresource === "status") {
      next = { ...structuredClone(old), status: incoming.status };
    } else {
      next = { ...incoming, metadata: { ...incoming.metadata } };
      if (type.statusSubresource) {
        if (old.status === undefined) delete next.status;
        else next.status = old.status;
      }
    }
    const meta = next.metadata;
    meta.name = name;
    if (old.metadata.namespace !== undefined) meta.namespace = old.metadata.namespace;
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    meta.resourceVersion = old.metadata.resourceVersion;
    delete meta.managedFields;
    delete meta.selfLink;
    const defaulted = this.defaults(type, next, old, opts);
    next = defaulted.obj;
    if (old.metadata.generation === undefined) delete next.metadata.generation;
    else next.metadata.generation = old.metadata.generation + (generationMoves(type, old, next) ? 1 : 0);
    if (type.kind === "CustomResourceDefinition") next = { ...next, status: old.status };
    this.validate(type, next, defaulted.causes);
    if (JSON.stringify(canonical(next)) === JSON.stringify(canonical(old))) return old;
    if (opts.dryRun) return next;
    const stored = this.store.put(type, next, "MODIFIED");
    if (type.kind === "CustomResourceDefinition") this.registry.applyCrd(stored);
    this.afterWorkloadChange(type, stored.metadata.namespace);
    return stored;
  }

  private checkTypeAndScope(type: ResourceType, namespace: string | undefined, body: unknown): KubeObject {
    if (!isRecord(body)) throw badRequest("the body of the request must be a JSON or YAML object");
    const obj = structuredClone(body) as KubeObject;
    const expected = apiVersionOf(type);
    if (obj.apiVersion === undefined || obj.apiVersion === "") obj.apiVersion = expected;
    if (obj.kind === undefined || obj.kind === "") obj.kind = type.kind;
    if (obj.apiVersion !== expected) {
      throw badRequest(
        `the API version in the data (${obj.apiVersion}) does not match the expected API version (${expected})`,
      );
    }
    if (obj.kind !== type.kind)
      throw badRequest(`the kind in the data (${obj.kind}) does not match the expected kind (${type.kind})`);
    if (!isRecord(obj.metadata)) obj.metadata = {};
    if (type.namespaced) {
      const bodyNs = obj.metadata.namespace;
      if (bodyNs !== undefined && bodyNs !== "" && namespace !== undefined && bodyNs !== namespace) {
        throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
      }
      obj.metadata.namespace = namespace ?? bodyNs;
    } else delete obj.metadata.namespace;
    return obj;
  }

  /**
   * Defaults and pruning: a custom resource against its CRD schema (whose violations are returned as causes, to be
   * reported with the others), a built-in kind by its defaulting rules and, for services, IP and port allocation.
   */
  private defaults(
    type: ResourceType,
    obj: KubeObject,
    old: KubeObject | undefined,
    opts: WriteOptions,
  ): { obj: KubeObject; causes: StatusCause[] } {
    if (type.crd) {
      if (type.schema === undefined) return { obj, causes: [] };
      // apiVersion, kind and metadata belong to the API machinery, whatever the schema declares.
      const { apiVersion, kind, metadata, ...content } = obj;
      const report: SchemaReport = { causes: [], unknown: [] };
      const pruned = applySchema(withoutRootMeta(type.schema as Schema), content, "", report) as Record<
        string,
        unknown
      >;
      if (report.causes.length > 0 && hasCelRules(type.schema)) report.causes.push(CEL_SKIPPED);
      reportUnknownFields(type, report.unknown, opts);
      return { obj: { apiVersion, kind, metadata, ...pruned }, causes: report.causes };
    }
    const defaulted = old === undefined ? defaultBuiltin(obj) : obj;
    return {
      obj: defaulted.kind === "Service" ? allocateService(defaulted, old, this.servicesInUse()) : defaulted,
      causes: [],
    };
  }

  /** Every 422 cause at once, as the API server reports them: metadata, schema, kind rules, Calico's rules. */
  private validate(type: ResourceType, obj: KubeObject, schemaCauses: readonly StatusCause[]): void {
    const rule = type.crd ? "subdomain" : nameRuleOf(type.kind);
    const causes = [...validateObjectMeta(obj, rule, type.namespaced), ...schemaCauses];
    if (!type.crd) causes.push(...validateBuiltin(obj));
    if (type.kind === "CustomResourceDefinition") causes.push(...validateCrd(obj));
    // Calico's rules assume a schema-valid object, as its validator runs on decoded Go structs.
    if (causes.length === 0 && isCalicoKind(obj.apiVersion, obj.kind)) causes.push(...validateCalico(obj));
    if (causes.length > 0) throw invalid(groupKind(type), obj.metadata.name ?? "", causes);
  }

  private servicesInUse(): KubeObject[] {
    const svc = this.registry.findResource("", "services");
    return svc === undefined ? [] : this.store.list(svc);
  }

  private afterCreate(type: ResourceType, stored: KubeObject): void {
    if (type.kind === "CustomResourceDefinition") this.registry.applyCrd(stored);
    if (type.kind === "Namespace") {
      // The service account controller gives every namespace a `default` ServiceAccount.
      const sa = this.registry.findResource("", "serviceaccounts");
      const ns = stored.metadata.name ?? "";
      if (sa !== undefined && this.store.get(sa, ns, "default") === undefined) {
        this.store.put(
          sa,
          this.admitNew(sa, ns, { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default" } }),
          "ADDED",
        );
      }
    }
  }

  private afterWorkloadChange(type: ResourceType, namespace: string | undefined): void {
    if (!type.crd && type.group === "" && (type.kind === "Pod" || type.kind === "Service")) {
      this.syncEndpointSlices(namespace);
    }
  }

  /**
   * What Kubernetes' endpoint-slice controller does when a Service or pod of `namespace` changes: each Service with a
   * selector gets the slices `desiredEndpointSlices` says, reusing its managed slices by name order, and managed
   * slices of Services that are gone or lost their selector are deleted (the garbage collector, through the owner
   * reference). Slices someone else manages (a selector-less Service's) are left alone.
   */
  private syncEndpointSlices(namespace: string | undefined): void {
    const sliceType = this.registry.findResource("discovery.k8s.io", "endpointslices");
    const svcType = this.registry.findResource("", "services");
    const podType = this.registry.findResource("", "pods");
    if (sliceType === undefined || svcType === undefined || podType === undefined || namespace === undefined) return;
    const pods = this.store.list(podType, namespace);
    const managed = new Map<string, KubeObject[]>();
    for (const slice of this.store.list(sliceType, namespace)) {
      const labels = slice.metadata.labels ?? {};
      if (labels[MANAGED_BY_LABEL] !== CONTROLLER_NAME) continue;
      const svc = labels[SERVICE_NAME_LABEL] ?? "";
      managed.set(svc, [...(managed.get(svc) ?? []), slice]);
    }
    for (const svc of this.store.list(svcType, namespace)) {
      const name = svc.metadata.name ?? "";
      const existing = (managed.get(name) ?? []).sort((a, b) =>
        (a.metadata.name ?? "").localeCompare(b.metadata.name ?? ""),
      );
      managed.delete(name);
      const desired = desiredEndpointSlices(svc, pods);
      desired.forEach((want, i) => {
        const old = existing[i];
        if (old === undefined) {
          this.store.put(sliceType, this.admitNew(sliceType, namespace, want), "ADDED");
        } else if (sliceContent(old) !== sliceContent(want)) {
          const { metadata: _, ...content } = want;
          const metadata = {
            ...old.metadata,
            labels: want.metadata.labels,
            ownerReferences: want.metadata.ownerReferences,
          };
          this.store.put(sliceType, { ...old, ...content, metadata }, "MODIFIED");
        }
      });
      for (const extra of existing.slice(desired.length))
        this.store.remove(sliceType, namespace, extra.metadata.name ?? "");
    }
    for (const orphans of managed.values()) {
      for (const slice of orphans) this.store.remove(sliceType, namespace, slice.metadata.name ?? "");
    }
  }

  private beforeDelete(type: ResourceType, old: KubeObject): void {
    if (type.kind === "Namespace") {
      const ns = old.metadata.name ?? "";
      for (const t of this.registry.all()) {
        if (!t.namespaced || t.virtual) continue;
        for (const o of this.store.list(t, ns)) this.store.remove(t, ns, o.metadata.name ?? "");
      }
    }
    if (type.kind === "CustomResourceDefinition") {
      const spec = isRecord(old.spec) ? old.spec : {};
      const names = isRecord(spec.names) ? spec.names : {};
      const key = { group: String(spec.group ?? ""), plural: String(names.plural ?? "") };
      for (const o of this.store.list(key)) this.store.remove(key, o.metadata.namespace, o.metadata.name ?? "");
      this.registry.removeCrd(old.metadata.name ?? "");
    }
  }
}

function scopeOf(type: ResourceType, namespace: string | undefined): string | undefined {
  return type.namespaced ? namespace : undefined;
}

export function groupKind(type: ResourceType): { group: string; kind: string } {
  return { group: type.group, kind: type.kind };
}

function withMeta(obj: KubeObject, meta: { name: string }): KubeObject {
  return { ...obj, metadata: { ...(isRecord(obj.metadata) ? obj.metadata : {}), ...meta } };
}

function randomSuffix(): string {
  let s = "";
  for (let i = 0; i < 5; i++) s += GENERATE_NAME_ALPHABET[Math.floor(Math.random() * GENERATE_NAME_ALPHABET.length)];
  return s;
}

/** Field validation of pruned fields, worded as the API server's strict decoder and warnings word it. */
function reportUnknownFields(type: ResourceType, unknown: readonly string[], opts: WriteOptions): void {
  if (unknown.length === 0 || opts.fieldValidation === "Ignore") return;
  const list = unknown.map((f) => `unknown field "${f}"`);
  if (opts.fieldValidation === "Strict") {
    throw badRequest(
      `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: strict decoding error: ${list.join(", ")}`,
    );
  }
  opts.warnings?.push(...list);
}

/** A CRD's root schema without the fields the API machinery owns (and their `required` entries). */
function withoutRootMeta(schema: Schema): Schema {
  const { apiVersion: _a, kind: _k, metadata: _m, ...properties } = schema.properties ?? {};
  const required = (schema.required ?? []).filter((r) => r !== "apiVersion" && r !== "kind" && r !== "metadata");
  return { ...schema, properties, ...(schema.required === undefined ? {} : { required }) };
}

/** What the API server adds when schema errors kept a CRD's CEL rules from running. */
const CEL_SKIPPED: StatusCause = {
  reason: "FieldValueInvalid",
  message:
    "Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation",
  field: "<nil>",
};

function hasCelRules(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.some(hasCelRules);
  if (!isRecord(schema)) return false;
  return "x-kubernetes-validations" in schema || Object.values(schema).some(hasCelRules);
}

/** A failed delete precondition: the API server names the kind here (`GlobalNetworkPolicy.projectcalico.org`). */
function preconditionFailed(type: ResourceType, name: string, why: string): ApiError {
  const qualified = type.group === "" ? type.kind : `${type.kind}.${type.group}`;
  return new ApiError(409, "Conflict", `Operation cannot be fulfilled on ${qualified} "${name}": ${why}`, {
    name,
    ...groupField(type.group),
    kind: type.kind,
  });
}

function strategicUnsupported(): ApiError {
  return new ApiError(
    415,
    "UnsupportedMediaType",
    "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml",
  );
}

/** `metadata.generation` moves on spec changes (or, for CRs without a status subresource, any non-metadata one). */
function generationMoves(type: ResourceType, old: KubeObject, next: KubeObject): boolean {
  if (type.generation === "none") return false;
  if (type.generation === "spec") return JSON.stringify(sortKeys(old.spec)) !== JSON.stringify(sortKeys(next.spec));
  const strip = ({ metadata: _, ...rest }: KubeObject) => JSON.stringify(sortKeys(rest));
  return strip(old) !== strip(next);
}

function canonical(obj: KubeObject): unknown {
  return sortKeys(obj);
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isRecord(v)) return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, sortKeys(v[k])]),
  );
}
