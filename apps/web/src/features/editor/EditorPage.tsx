import { isPolicyKind, POLICY_KINDS, refLabel, resourceKey } from "@palisade/calico";
import type { ApplyResult, DiffResult, ExpectedVersion, PolicyKind, ResourceRef } from "@palisade/contract";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Suspense, useEffect, useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { ApiError } from "../../api/client";
import { applyYaml, diffYaml } from "../../api/documents";
import { policyQuery, validateQuery } from "../../api/queries";
import { cacheFamilies } from "../../api/queryKeys";
import { ActionButton } from "../../components/ActionButton";
import { ApplyResultView } from "../../components/ApplyResultView";
import { DeletePolicy } from "../../components/DeletePolicy";
import { type Diagnostic, diagnosticsFromDetails, mergeDiagnostics } from "../../components/monaco/diagnostics";
import { LazyMonacoDiff, LazyMonacoEditor } from "../../components/monaco/lazy";
import { RESOURCE_SCHEMA } from "../../components/monaco/schema";
import { ErrorState, LoadingState } from "../../components/States";
import { useCluster } from "../../shared/cluster";
import {
  clearDraft,
  describeDraft,
  openDraft,
  persistDraft,
  saveDraft,
  tabStorage,
  takeHandoff,
} from "../../shared/drafts";
import { useDebounced } from "../../shared/useDebounced";
import { useDocumentTheme } from "../../shared/useTheme";
import { useWriteBlocked } from "../../shared/useWriteBlocked";
import { ConflictPanel } from "./ConflictPanel";
import { rebaseYaml } from "./merge3";
import { withResourceVersion } from "./rebase";
import { TEMPLATES } from "./templates";
import { diagnose } from "./validateText";

/** `/editor?kind=…&name=…&namespace=…` edits a live policy; `/editor?template=…` (or nothing) starts a new one. */
export function EditorPage() {
  const cluster = useCluster();
  const [search] = useSearchParams();
  const kind = POLICY_KINDS.find((k) => k === search.get("kind"));
  const name = search.get("name") ?? "";
  const namespace = search.get("namespace") ?? undefined;
  const live = useQuery({
    ...policyQuery(cluster, kind ?? "GlobalNetworkPolicy", name, namespace),
    enabled: kind !== undefined && name !== "",
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (kind !== undefined && name !== "") {
    if (live.data === undefined) {
      return live.error === null ? (
        <LoadingState what={`policy ${name}`} />
      ) : (
        <ErrorState error={live.error} onRetry={() => void live.refetch()} />
      );
    }
    const ref: ResourceRef = { kind, name, ...(namespace === undefined ? {} : { namespace }) };
    // Keyed by the object only: a live update must never replace the user's edits; it shows as a notice instead
    // and the apply, based on the version loaded, meets it as a conflict.
    return (
      <Editor
        key={resourceKey(ref)}
        cluster={cluster}
        initial={live.data.yaml}
        live={{ ref, resourceVersion: live.data.summary.resourceVersion }}
        liveNow={live.error === null ? live.data.summary.resourceVersion : null}
      />
    );
  }
  const templateId = search.get("template");
  return <NewDocument key={`${cluster}/${templateId ?? ""}`} cluster={cluster} templateId={templateId} />;
}

/**
 * A new document: what another view handed over (the wizard's "Open in editor"), else the chosen template, else the
 * unsaved draft of this tab, else the first template. It is kept as the tab's draft while the user edits.
 */
function NewDocument({ cluster, templateId }: { cluster: string; templateId: string | null }) {
  const [opened] = useState(() => {
    const template = TEMPLATES.find((t) => t.id === templateId);
    const incoming =
      takeHandoff(tabStorage(), cluster, Date.now()) ?? (template === undefined ? undefined : { text: template.yaml });
    return { draft: openDraft(tabStorage(), cluster, incoming), restored: incoming === undefined };
  });
  const draft = useMemo((): DraftProps => {
    const { draft: d, restored } = opened;
    const untouched = d === undefined ? (TEMPLATES[0]?.yaml ?? "") : undefined;
    return {
      initial: d?.text ?? untouched ?? "",
      ...(d?.from === undefined ? {} : { from: d.from }),
      ...(d?.aside === undefined ? {} : { aside: d.aside }),
      restored: restored && d !== undefined && d.text !== TEMPLATES[0]?.yaml,
      save: (text, aside) =>
        persistDraft(tabStorage(), cluster, { text, ...(aside === undefined ? {} : { aside }) }, untouched),
      // Applied: the document is in the cluster now; what stays unsaved is the draft set aside, if any.
      applied: (aside) =>
        aside === undefined ? clearDraft(tabStorage(), cluster) : saveDraft(tabStorage(), cluster, { text: aside }),
    };
  }, [opened, cluster]);
  return <Editor cluster={cluster} initial={draft.initial} draft={draft} />;
}

interface EditorProps {
  readonly cluster: string;
  readonly initial: string;
  /** The live object being edited, if any, as first loaded: the base version for conflict-safe apply. */
  readonly live?: { ref: ResourceRef; resourceVersion: string };
  /** The object's version in the cluster now (null: it could not be read, e.g. deleted). */
  readonly liveNow?: string | null;
  /** A new document kept as the tab's unsaved draft (see drafts.ts). */
  readonly draft?: DraftProps;
}

interface DraftProps {
  readonly initial: string;
  /** The view that handed the text over. */
  readonly from?: string;
  /** An earlier unsaved draft, set aside when this text was opened. */
  readonly aside?: string;
  /** The text is the tab's unsaved draft from an earlier visit. */
  readonly restored: boolean;
  /** Keeps the text as the tab's draft; false when the browser refused (storage full or disabled). */
  readonly save: (text: string, aside: string | undefined) => boolean;
  readonly applied: (aside: string | undefined) => void;
}

function Editor({ cluster, initial, live: liveProp, liveNow, draft }: EditorProps) {
  const [live] = useState(liveProp);
  const theme = useDocumentTheme();
  const client = useQueryClient();
  const [, setSearch] = useSearchParams();
  const [text, setText] = useState(initial);
  // The version the user's edits started from; a rebase replays their changes from here onto the cluster's.
  const [baseText, setBaseText] = useState(initial);
  const [clashes, setClashes] = useState<string[]>([]);
  const [expected, setExpected] = useState<ExpectedVersion[]>(
    live === undefined ? [] : [{ ref: live.ref, resourceVersion: live.resourceVersion }],
  );
  const [diff, setDiff] = useState<DiffResult | undefined>();
  const [result, setResult] = useState<ApplyResult | undefined>();
  const applyBlocked = useWriteBlocked("apply");
  // A read-only server still dry-runs (it stores nothing), so Dry run has its own reason.
  const dryRunBlocked = useWriteBlocked("dry-run");

  const settled = useDebounced(text, 350);
  const [aside, setAside] = useState(draft?.aside);
  const [from, setFrom] = useState(draft?.from);
  const saveDraft = draft?.save;
  // Kept on every change (not debounced), so leaving the page right after typing loses nothing.
  const [draftKept, setDraftKept] = useState(true);
  useEffect(() => {
    if (saveDraft !== undefined) setDraftKept(saveDraft(text, aside));
  }, [saveDraft, text, aside]);
  const validation = useQuery({ ...validateQuery(cluster, settled), staleTime: Number.POSITIVE_INFINITY });
  const quick = useDebounced(text, 120);
  const local = useMemo(() => diagnose(quick), [quick]);
  const diagnostics: Diagnostic[] = useMemo(() => {
    const err = validation.error;
    // The server answers for `settled`; while the text has moved on, only the instant local check speaks.
    const fromServer =
      err instanceof ApiError && settled === quick
        ? diagnosticsFromDetails(err.details.length > 0 ? err.details : [{ path: "", message: err.message }])
        : [];
    const warnings = (validation.data?.warnings ?? []).map((w) => ({
      line: 1,
      column: 1,
      message: w.path === undefined ? w.message : `${w.path}: ${w.message}`,
      severity: "warning" as const,
    }));
    return mergeDiagnostics(local, fromServer, warnings);
  }, [validation.error, validation.data, local, settled, quick]);
  const errors = diagnostics.filter((d) => d.severity === "error");
  const invalidReason =
    text.trim() === ""
      ? "The document is empty"
      : errors.length > 0
        ? `Fix ${errors.length} problem${errors.length === 1 ? "" : "s"} first`
        : undefined;

  const edit = (next: string) => {
    setText(next);
    setDiff(undefined);
    setResult(undefined);
  };
  const diffMutation = useMutation({
    mutationFn: () => diffYaml(cluster, text),
    onSuccess: (d) => {
      setDiff(d);
      // What the user saw is what they mean to replace: remember each document's live version.
      setExpected((prev) => {
        const known = new Set(prev.map((e) => resourceKey(e.ref)));
        return [
          ...prev,
          ...d.documents
            .filter((x) => !known.has(resourceKey(x.ref)))
            .map((x) => ({ ref: x.ref, resourceVersion: x.liveResourceVersion })),
        ];
      });
    },
  });
  const applyMutation = useMutation({
    mutationFn: (dryRun: boolean) => applyYaml(cluster, text, expected, dryRun),
    onSuccess: (r) => {
      setResult(r);
      if (r.outcome === "applied") {
        draft?.applied(aside);
        setExpected(
          r.documents.flatMap((d) =>
            d.resourceVersion === undefined ? [] : [{ ref: d.ref, resourceVersion: d.resourceVersion }],
          ),
        );
        void client.invalidateQueries({ queryKey: cacheFamilies.policies(cluster) });
        void client.invalidateQueries({ queryKey: cacheFamilies.policy(cluster) });
      }
    },
  });
  const conflicts = (result?.documents ?? []).flatMap((d) =>
    d.conflict === undefined ? [] : [{ ref: d.ref, conflict: d.conflict }],
  );

  const baseVersion =
    live === undefined
      ? undefined
      : (expected.find((e) => resourceKey(e.ref) === resourceKey(live.ref))?.resourceVersion ?? live.resourceVersion);
  const drifted = live !== undefined && liveNow !== undefined && result === undefined && liveNow !== baseVersion;

  return (
    <section className="page page-fill editor-page" aria-labelledby="editor-title">
      <header className="page-head">
        <h1 id="editor-title">{live === undefined ? "New policy" : `Edit ${live.ref.name}`}</h1>
        {live !== undefined && (
          <span className="muted">
            {live.ref.kind} · base version <code>{baseVersion ?? "(new)"}</code>
          </span>
        )}
        <span className="count" data-testid="validation-state">
          {validation.isFetching
            ? "Validating…"
            : errors.length > 0
              ? `${errors.length} problem${errors.length === 1 ? "" : "s"}`
              : text.trim() === ""
                ? ""
                : "Valid"}
        </span>
      </header>
      {applyBlocked !== undefined && applyBlocked !== "Checking permissions…" && (
        <p className="state warn" role="status" data-testid="read-only">
          Read-only: {applyBlocked}
        </p>
      )}
      {from !== undefined && (
        <p className="state ok" role="status" data-testid="handoff">
          Opened from {from}; nothing has been applied.
        </p>
      )}
      {draft?.restored === true && from === undefined && aside === undefined && (
        <p className="muted small" role="status" data-testid="draft-restored">
          Your unsaved draft from earlier in this tab. Choose a template to start over.
        </p>
      )}
      {!draftKept && (
        <p className="state warn" role="status" data-testid="draft-not-kept">
          This browser does not keep drafts here (storage full or turned off): leaving the page loses this text.
        </p>
      )}
      {aside !== undefined && (
        <div className="state warn" role="status" data-testid="draft-aside">
          <span>Another unsaved draft ({describeDraft(aside)}) is kept aside.</span>
          <ActionButton
            onClick={() => {
              const current = text;
              edit(aside);
              setBaseText(aside);
              setAside(current);
              setFrom(undefined);
            }}
          >
            Switch to it
          </ActionButton>
          <ActionButton onClick={() => setAside(undefined)}>Discard it</ActionButton>
        </div>
      )}
      {clashes.length > 0 && (
        <p className="state warn" role="status" data-testid="rebase-clashes">
          Rebased onto the cluster's version. Where you and the other change both edited the same field, your value was
          kept: {clashes.join(", ")}. Review, then apply.
        </p>
      )}
      {drifted && (
        <p className="state warn" role="status" data-testid="drift">
          {liveNow === null
            ? "This object can no longer be read from the cluster (deleted?)."
            : `Changed in the cluster since you opened it (now version ${liveNow}).`}{" "}
          Your edits are kept; applying will show both versions so you can rebase.
        </p>
      )}
      <div className="toolbar">
        <label className="field">
          <span>New from template</span>
          <select value="" onChange={(e) => e.target.value !== "" && setSearch({ template: e.target.value })}>
            <option value="">choose…</option>
            {TEMPLATES.map((t) => (
              <option key={t.id} value={t.id}>
                {t.title}
              </option>
            ))}
          </select>
        </label>
        <div className="actions toolbar-actions">
          {/* While the document is invalid all three are off for that one reason: it is said once, after them. */}
          <ActionButton
            disabledReason={invalidReason}
            hideReason
            onClick={() => diffMutation.mutate()}
            disabled={diffMutation.isPending}
          >
            Diff against live
          </ActionButton>
          <ActionButton
            disabledReason={dryRunBlocked ?? invalidReason}
            hideReason={dryRunBlocked === undefined || dryRunBlocked === applyBlocked}
            onClick={() => applyMutation.mutate(true)}
            disabled={applyMutation.isPending}
          >
            Dry run
          </ActionButton>
          <ActionButton
            variant="primary"
            disabledReason={applyBlocked ?? invalidReason}
            hideReason
            onClick={() => applyMutation.mutate(false)}
            disabled={applyMutation.isPending}
          >
            {applyMutation.isPending ? "Applying…" : "Apply"}
          </ActionButton>
          {invalidReason !== undefined && (
            <span className="disabled-reason" data-testid="editor-blocked">
              {invalidReason}
            </span>
          )}
          {live !== undefined && isPolicyRef(live.ref) && (
            <DeletePolicy
              cluster={cluster}
              target={live.ref}
              resourceVersion={live.resourceVersion}
              onDeleted={() => setSearch({})}
              hideReason={applyBlocked !== undefined}
            />
          )}
        </div>
      </div>
      <div className="editor-layout">
        <div className="editor-main">
          <Suspense fallback={<LoadingState what="editor" />}>
            <LazyMonacoEditor
              value={text}
              onChange={edit}
              diagnostics={diagnostics}
              theme={theme}
              schema={RESOURCE_SCHEMA}
              ariaLabel="Policy YAML"
            />
          </Suspense>
        </div>
        <aside className="editor-side" aria-label="Problems and results">
          <Problems diagnostics={diagnostics} />
          {diffMutation.error !== null && <ErrorState error={diffMutation.error} />}
          {applyMutation.error !== null && <ErrorState error={applyMutation.error} />}
          {result !== undefined && <ApplyResultView result={result} />}
        </aside>
      </div>
      {conflicts.map(({ ref, conflict }) => (
        <ConflictPanel
          key={resourceKey(ref)}
          ref_={ref}
          conflict={conflict}
          theme={theme}
          onRebase={() => {
            const rv = conflict.liveResourceVersion;
            setExpected((prev) => [
              ...prev.filter((e) => resourceKey(e.ref) !== resourceKey(ref)),
              { ref, resourceVersion: rv },
            ]);
            const rebased =
              rv === null || conflict.liveYaml === null ? undefined : rebaseYaml(baseText, text, conflict.liveYaml, rv);
            if (rebased !== undefined && conflict.liveYaml !== null) {
              setText(rebased.yaml);
              setBaseText(conflict.liveYaml);
              setClashes(rebased.clashes);
            } else if (rv !== null) {
              setText((t) => withResourceVersion(t, ref, rv));
            }
            setResult(undefined);
          }}
          onTakeLive={() => {
            setText(conflict.liveYaml ?? "");
            setBaseText(conflict.liveYaml ?? "");
            setClashes([]);
            setExpected([{ ref, resourceVersion: conflict.liveResourceVersion }]);
            setResult(undefined);
          }}
        />
      ))}
      {diff !== undefined && (
        <section className="panel" aria-labelledby="diff-title" data-testid="diff-result">
          <h2 id="diff-title">Changes against the cluster</h2>
          {diff.documents.map((d) => (
            <div key={d.index} className="diff-doc">
              <p>
                <span className={`badge action-${d.action === "unchanged" ? "Log" : "Allow"}`}>{d.action}</span>{" "}
                <strong>{refLabel(d.ref)}</strong>
                {d.liveResourceVersion !== null && <span className="muted"> live version {d.liveResourceVersion}</span>}
              </p>
              {d.action !== "unchanged" && (
                <Suspense fallback={<LoadingState what="diff" />}>
                  <LazyMonacoDiff
                    original={d.liveYaml ?? ""}
                    modified={d.proposedYaml}
                    theme={theme}
                    label={`Diff of ${refLabel(d.ref)}`}
                  />
                </Suspense>
              )}
            </div>
          ))}
        </section>
      )}
    </section>
  );
}

function isPolicyRef(ref: ResourceRef): ref is ResourceRef & { kind: PolicyKind } {
  return isPolicyKind(ref.kind);
}

function Problems({ diagnostics }: { diagnostics: readonly Diagnostic[] }) {
  return (
    <section aria-labelledby="problems-title" className="problems">
      <h3 id="problems-title">Problems</h3>
      {diagnostics.length === 0 ? (
        <p className="muted small">None: the YAML parses and passes Calico's validation.</p>
      ) : (
        <ul data-testid="problems">
          {diagnostics.map((d) => (
            <li key={`${d.line}:${d.column}:${d.message}`} className={`problem problem-${d.severity}`}>
              <span className="mono muted">
                {d.line}:{d.column}
              </span>{" "}
              {d.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
