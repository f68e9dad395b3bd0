import { type Static, Type } from "typebox";
import { EndpointRef } from "./endpoints";
import { ErrorBody, FieldError } from "./errors";
import { ResourceObject, ResourceRef } from "./resources";

/** Upper bound of any request body (the server answers 413 `PayloadTooLarge` beyond it). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Upper bound of the documents one request may carry (validate, diff, dry-run, apply; 413 `PayloadTooLarge`). */
export const MAX_DOCUMENTS = 500;

/**
 * One or many YAML documents (multi-document `---` files and top-level lists are accepted). Used by validate, diff,
 * dry-run and apply. YAML that does not parse is a 400 `MalformedYaml`; unknown kinds a 400 `UnknownKind`; documents
 * that fail validation a 422 `InvalidDocuments`, with `details` carrying document index, field path, line and column.
 */
export const DocumentsRequest = Type.Object({
  yaml: Type.String({ minLength: 1, maxLength: MAX_BODY_BYTES }),
  /** As `ApplyRequest.asStaged`: the documents as their staged kinds. */
  asStaged: Type.Optional(Type.Boolean()),
});
export type DocumentsRequest = Static<typeof DocumentsRequest>;

/** A non-blocking remark (lock-out risk, template leftovers, a policy that selects nothing...). */
export const Warning = Type.Object({
  document: Type.Optional(Type.Integer({ minimum: 0 })),
  path: Type.Optional(Type.String()),
  message: Type.String(),
});
export type Warning = Static<typeof Warning>;

export const DocumentSummary = Type.Object({
  index: Type.Integer({ minimum: 0 }),
  ref: ResourceRef,
  /** 1-based line where the document starts in the submitted YAML. */
  line: Type.Integer({ minimum: 1 }),
});
export type DocumentSummary = Static<typeof DocumentSummary>;

/** `POST .../validate` answer when every document is valid (otherwise 422 with details). */
export const ValidateResult = Type.Object({
  valid: Type.Literal(true),
  documents: Type.Array(DocumentSummary),
  warnings: Type.Array(Warning),
});
export type ValidateResult = Static<typeof ValidateResult>;

/** What applying a document does to the live object. */
export const ApplyAction = Type.Union([Type.Literal("create"), Type.Literal("update"), Type.Literal("unchanged")]);
export type ApplyAction = Static<typeof ApplyAction>;

export const DocumentDiff = Type.Object({
  index: Type.Integer({ minimum: 0 }),
  ref: ResourceRef,
  action: ApplyAction,
  /** null when the object does not exist yet. */
  liveResourceVersion: Type.Union([Type.String(), Type.Null()]),
  /** Live and proposed objects as YAML without server-managed fields, ready for a side-by-side diff. */
  liveYaml: Type.Union([Type.String(), Type.Null()]),
  proposedYaml: Type.String(),
  /** Unified diff of liveYaml against proposedYaml (empty when unchanged). */
  patch: Type.String(),
});
export type DocumentDiff = Static<typeof DocumentDiff>;

export const DiffResult = Type.Object({
  documents: Type.Array(DocumentDiff),
  warnings: Type.Array(Warning),
});
export type DiffResult = Static<typeof DiffResult>;

/**
 * The version a write must replace. A document's own `metadata.resourceVersion` wins; otherwise an entry here (the
 * `liveResourceVersion` the user saw in the diff; null means "must not exist yet"); otherwise the version in
 * Palisade's cache when the request arrives. Either way the cluster rejects the write with 409 if the object changed
 * since, so no update is ever lost.
 */
export const ExpectedVersion = Type.Object({
  ref: ResourceRef,
  resourceVersion: Type.Union([Type.String(), Type.Null()]),
});
export type ExpectedVersion = Static<typeof ExpectedVersion>;

/** `POST .../dry-run` and `POST .../apply`. */
export const ApplyRequest = Type.Object({
  yaml: Type.String({ minLength: 1, maxLength: MAX_BODY_BYTES }),
  expected: Type.Optional(Type.Array(ExpectedVersion, { maxItems: MAX_DOCUMENTS })),
  /**
   * Save each policy as its staged kind instead (GlobalNetworkPolicy → StagedGlobalNetworkPolicy, NetworkPolicy →
   * StagedNetworkPolicy, Kubernetes NetworkPolicy → StagedKubernetesNetworkPolicy; `stagedAction: Set`): Calico
   * reports what it would do and enforces nothing. Staged documents stay as they are; any other kind is a 400.
   */
  asStaged: Type.Optional(Type.Boolean()),
});
export type ApplyRequest = Static<typeof ApplyRequest>;

/** Both versions of an object that changed under the user. */
export const Conflict = Type.Object({
  /** The version the write was based on (null: expected not to exist). */
  expectedResourceVersion: Type.Union([Type.String(), Type.Null()]),
  /** The version now in the cluster (null: it was deleted meanwhile). */
  liveResourceVersion: Type.Union([Type.String(), Type.Null()]),
  live: Type.Union([ResourceObject, Type.Null()]),
  liveYaml: Type.Union([Type.String(), Type.Null()]),
  proposed: ResourceObject,
  proposedYaml: Type.String(),
});
export type Conflict = Static<typeof Conflict>;

/**
 * `ok`: written (or, in a dry run, accepted by the cluster); `unchanged`: nothing to write; `conflict`: a concurrent
 * change (see `conflict`); `invalid`: the cluster's validation refused (see `details`); `forbidden`: RBAC refused;
 * `failed`: any other cluster error; `skipped`: not attempted because another document failed; `rolled-back`:
 * written, then restored to its previous state because a later document failed.
 */
export const DocumentStatus = Type.Union([
  Type.Literal("ok"),
  Type.Literal("unchanged"),
  Type.Literal("conflict"),
  Type.Literal("invalid"),
  Type.Literal("forbidden"),
  Type.Literal("failed"),
  Type.Literal("skipped"),
  Type.Literal("rolled-back"),
]);
export type DocumentStatus = Static<typeof DocumentStatus>;

export const DocumentOutcome = Type.Object({
  index: Type.Integer({ minimum: 0 }),
  ref: ResourceRef,
  action: ApplyAction,
  status: DocumentStatus,
  message: Type.Optional(Type.String()),
  /** The resourceVersion after the write (or the live one for `unchanged`). */
  resourceVersion: Type.Optional(Type.String()),
  /** The object as the cluster returned it (v3 form). */
  object: Type.Optional(ResourceObject),
  conflict: Type.Optional(Conflict),
  details: Type.Optional(Type.Array(FieldError)),
});
export type DocumentOutcome = Static<typeof DocumentOutcome>;

/** What a rollback did after a part-way failure. */
export const RollbackReport = Type.Object({
  restored: Type.Array(ResourceRef),
  failed: Type.Array(Type.Object({ ref: ResourceRef, message: Type.String() })),
});
export type RollbackReport = Static<typeof RollbackReport>;

/**
 * `applied`: every document written; `dry-run`: every document passed the cluster's `dryRun=All`; `rejected`: nothing
 * was written (validation, dry-run, conflict or permission); `rolled-back`: a write failed part-way and everything
 * written was restored; `rollback-failed`: the restore itself failed for some objects (see `rollback`).
 */
export const ApplyOutcome = Type.Union([
  Type.Literal("applied"),
  Type.Literal("dry-run"),
  Type.Literal("rejected"),
  Type.Literal("rolled-back"),
  Type.Literal("rollback-failed"),
]);
export type ApplyOutcome = Static<typeof ApplyOutcome>;

export const ApplyResult = Type.Object({
  dryRun: Type.Boolean(),
  outcome: ApplyOutcome,
  documents: Type.Array(DocumentOutcome),
  rollback: Type.Optional(RollbackReport),
  warnings: Type.Array(Warning),
});
export type ApplyResult = Static<typeof ApplyResult>;

/**
 * The error body of a failed apply or dry-run. When the cluster refused (409 `Conflict`, 403 `Forbidden`, 422
 * `InvalidDocuments`, 502 `ClusterUnavailable`, 500 `RollbackFailed`) it carries the per-document `result`; errors
 * found before the cluster was asked (malformed YAML, unknown kinds, validation) have no `result`.
 */
export const ApplyErrorBody = Type.Object({
  ...ErrorBody.properties,
  result: Type.Optional(ApplyResult),
});
export type ApplyErrorBody = Static<typeof ApplyErrorBody>;

/** One object to delete; `resourceVersion` makes the delete conditional (409 if it changed). */
export const DeleteTarget = Type.Object({
  ref: ResourceRef,
  resourceVersion: Type.Optional(Type.String()),
  /**
   * Of a name stored twice (classic storage: `x` and `default.x`, see `DuplicateName`), the stored object to delete;
   * the other copy stays and goes on being enforced. Without it, the copy Calico's own client addresses is deleted.
   */
  storedName: Type.Optional(Type.String({ minLength: 1, maxLength: 253 })),
});
export type DeleteTarget = Static<typeof DeleteTarget>;

/** `POST .../delete/preview` and `POST .../delete`. */
export const DeleteRequest = Type.Object({
  targets: Type.Array(DeleteTarget, { minItems: 1, maxItems: MAX_DOCUMENTS }),
});
export type DeleteRequest = Static<typeof DeleteRequest>;

/** What one endpoint loses when the targets are deleted. */
export const EndpointImpact = Type.Object({
  endpoint: EndpointRef,
  /** The rules (in words, with their policy key) that stop applying to it, in evaluation order. */
  lost: Type.Array(
    Type.Object({
      policy: Type.String(),
      direction: Type.Union([Type.Literal("Ingress"), Type.Literal("Egress")]),
      action: Type.String(),
      words: Type.String(),
    }),
  ),
  /**
   * A host endpoint left with no enforcing normal-stage policy: everything but failsafe ports and established
   * traffic is denied (docs/calico-semantics.md section 4).
   */
  becomesDefaultDeny: Type.Boolean(),
});
export type EndpointImpact = Static<typeof EndpointImpact>;

export const DeleteImpact = Type.Object({
  targets: Type.Array(
    Type.Object({
      ref: ResourceRef,
      exists: Type.Boolean(),
      resourceVersion: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  endpoints: Type.Array(EndpointImpact),
  warnings: Type.Array(Warning),
});
export type DeleteImpact = Static<typeof DeleteImpact>;

export const DeleteOutcome = Type.Object({
  ref: ResourceRef,
  status: Type.Union([
    Type.Literal("deleted"),
    Type.Literal("not-found"),
    Type.Literal("conflict"),
    Type.Literal("forbidden"),
    Type.Literal("failed"),
    Type.Literal("skipped"),
    Type.Literal("restored"),
  ]),
  message: Type.Optional(Type.String()),
  conflict: Type.Optional(Conflict),
});
export type DeleteOutcome = Static<typeof DeleteOutcome>;

/** One stored object of a name that is stored more than once. */
export const StoredCopy = Type.Object({
  /** The CR's name in storage (`default.x`, `x`). */
  storedName: Type.String(),
  resourceVersion: Type.String(),
  creationTimestamp: Type.Union([Type.String(), Type.Null()]),
  /** The copy Calico's own client (calicoctl) reads, replaces and deletes by this name, and Palisade too. */
  addressed: Type.Boolean(),
  /** The copy as users see it (v3 form), as YAML. */
  yaml: Type.String(),
});
export type StoredCopy = Static<typeof StoredCopy>;

/**
 * Two or more stored objects that are one Calico name (classic storage: `x` written by a v3.32-style client and
 * `default.x` by calicoctl up to v3.31). Calico enforces every copy; Palisade and calicoctl show and edit only one.
 * Fixed by deleting the copies not wanted (`DeleteTarget.storedName`).
 */
export const DuplicateName = Type.Object({
  ref: ResourceRef,
  copies: Type.Array(StoredCopy),
  /** Whether the copies differ in spec, labels or annotations (then they enforce different things). */
  differ: Type.Boolean(),
  explanation: Type.String(),
});
export type DuplicateName = Static<typeof DuplicateName>;

/** `GET .../duplicates`. */
export const DuplicateList = Type.Object({ items: Type.Array(DuplicateName) });
export type DuplicateList = Static<typeof DuplicateList>;

export const DeleteResult = Type.Object({
  outcome: Type.Union([
    Type.Literal("deleted"),
    Type.Literal("rejected"),
    Type.Literal("rolled-back"),
    Type.Literal("rollback-failed"),
  ]),
  targets: Type.Array(DeleteOutcome),
  rollback: Type.Optional(RollbackReport),
});
export type DeleteResult = Static<typeof DeleteResult>;

export const DeleteErrorBody = Type.Object({
  ...ErrorBody.properties,
  result: Type.Optional(DeleteResult),
});
export type DeleteErrorBody = Static<typeof DeleteErrorBody>;
