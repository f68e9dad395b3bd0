import { isPolicyKind, POLICY_KINDS, resourceKey } from "@palisade/calico";
import type { PolicyKind, ResourceRef } from "@palisade/contract";
import { useQuery } from "@tanstack/react-query";
import { Suspense, useEffect, useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { isNotFound } from "../../api/client";
import { historyEntryQuery, policyQuery } from "../../api/queries";
import { ActionButton } from "../../components/ActionButton";
import { ApplyResultRegion } from "../../components/ApplyResultView";
import { ConnectivityPanel } from "../../components/ConnectivityPanel";
import { DeletePolicy } from "../../components/DeletePolicy";
import { LazyMonacoEditor } from "../../components/monaco/lazy";
import { RESOURCE_SCHEMA } from "../../components/monaco/schema";
import { StagedToggle } from "../../components/StagedToggle";
import { ErrorState, LoadingState } from "../../components/States";
import { useCluster } from "../../shared/cluster";
import { clearDraft, openDraft, persistDraft, saveDraft, tabStorage, takeHandoff } from "../../shared/drafts";
import { useDocumentTheme } from "../../shared/useTheme";
import { useWriteBlocked } from "../../shared/useWriteBlocked";
import { ConflictPanel } from "./ConflictPanel";
import { DiffPanel } from "./DiffPanel";
import { EditorBanners } from "./EditorBanners";
import { Problems } from "./Problems";
import { TEMPLATES } from "./templates";
import { useDiagnostics } from "./useDiagnostics";
import { type DraftProps, type EditorProps, useEditorSession } from "./useEditorSession";

/**
 * `/editor?kind=…&name=…&namespace=…` edits a live policy (with `&restore=<history entry id>`, starting from that
 * entry's version: restoring it is an ordinary reviewed edit, or a create when the policy is gone);
 * `/editor?template=…` (or nothing) starts a new one.
 */
export function EditorPage() {
  const cluster = useCluster();
  const [search] = useSearchParams();
  const kind = POLICY_KINDS.find((k) => k === search.get("kind"));
  const name = search.get("name") ?? "";
  const namespace = search.get("namespace") ?? undefined;
  const restoreId = search.get("restore") ?? "";
  const live = useQuery({
    ...policyQuery(cluster, kind ?? "GlobalNetworkPolicy", name, namespace),
    enabled: kind !== undefined && name !== "",
    staleTime: Number.POSITIVE_INFINITY,
  });
  const restoring = useQuery({
    ...historyEntryQuery(cluster, restoreId),
    enabled: restoreId !== "",
    staleTime: Number.POSITIVE_INFINITY,
  });
  // Once the policy is found gone, the restored version stays a new document while the policy reads back after its
  // apply (a refetch of a query without data shows as pending, not as the 404 it was).
  const goneKey = `${kind}/${namespace ?? ""}/${name}/${restoreId}`;
  const [goneSeen, setGoneSeen] = useState("");
  if (restoreId !== "" && isNotFound(live.error) && goneSeen !== goneKey) setGoneSeen(goneKey);
  if (kind !== undefined && name !== "") {
    const ref: ResourceRef = { kind, name, ...(namespace === undefined ? {} : { namespace }) };
    let restored: { yaml: string; from: string } | undefined;
    if (restoreId !== "") {
      if (restoring.data === undefined) {
        return restoring.error === null ? (
          <LoadingState what="the version to restore" />
        ) : (
          <ErrorState error={restoring.error} onRetry={() => void restoring.refetch()} />
        );
      }
      const entry = restoring.data;
      if (entry.yaml === undefined || resourceKey(entry.object) !== resourceKey(ref))
        return <ErrorState error={new Error(`history entry ${entry.id} holds no version of ${name} to restore`)} />;
      const at = new Date(entry.time).toLocaleString();
      restored = { yaml: entry.yaml, from: `the history (the version ${entry.user} ${entry.action}d at ${at})` };
    }
    if (live.data === undefined) {
      // Restoring a policy that is gone: the version becomes a new document, created by the same reviewed apply.
      // Keyed as below, so that once it is applied (and the policy reads back) the same session, with its result,
      // carries on instead of starting over from the restored text.
      if (restored !== undefined && (isNotFound(live.error) || goneSeen === goneKey))
        return (
          <Editor
            key={`${resourceKey(ref)}/${restoreId}`}
            cluster={cluster}
            initial={restored.yaml}
            from={restored.from}
          />
        );
      return live.error === null ? (
        <LoadingState what={`policy ${name}`} />
      ) : (
        <ErrorState error={live.error} onRetry={() => void live.refetch()} />
      );
    }
    // Keyed by the object only: a live update must never replace the user's edits; it shows as a notice instead
    // and the apply, based on the version loaded, meets it as a conflict.
    return (
      <Editor
        key={`${resourceKey(ref)}/${restoreId}`}
        cluster={cluster}
        initial={restored?.yaml ?? live.data.yaml}
        live={{ ref, resourceVersion: live.data.summary.resourceVersion }}
        liveNow={live.error === null ? live.data.summary.resourceVersion : null}
        {...(restored === undefined ? {} : { from: restored.from })}
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

function Editor(props: EditorProps) {
  const { cluster, liveNow, draft } = props;
  const session = useEditorSession(props);
  const { live, text, result, diffMutation, applyMutation } = session;
  const { diagnostics, errorCount, validating, invalidReason } = useDiagnostics(cluster, text);
  const theme = useDocumentTheme();
  const [, setSearch] = useSearchParams();
  const applyBlocked = useWriteBlocked("apply");
  // A read-only server still dry-runs (it stores nothing), so Dry run has its own reason.
  const dryRunBlocked = useWriteBlocked("dry-run");
  const [asStaged, setAsStaged] = useState(false);
  const validity =
    errorCount > 0 ? `${errorCount} problem${errorCount === 1 ? "" : "s"}` : text.trim() === "" ? "" : "Valid";
  // Announced once validation settles, and only when the count changes, not on every pause in typing.
  const [announcedValidity, setAnnouncedValidity] = useState("");
  useEffect(() => {
    if (!validating) setAnnouncedValidity(validity);
  }, [validating, validity]);

  return (
    <section className="page page-fill editor-page" aria-labelledby="editor-title">
      <header className="page-head">
        <h1 id="editor-title">{live === undefined ? "New policy" : `Edit ${live.ref.name}`}</h1>
        {live !== undefined && (
          <span className="muted">
            {live.ref.kind} · base version <code>{session.baseVersion ?? "(new)"}</code>
          </span>
        )}
        <span className="count" data-testid="validation-state">
          {validating ? "Validating…" : validity}
        </span>
        <span className="sr-only" aria-live="polite" data-testid="validation-announcer">
          {announcedValidity}
        </span>
      </header>
      <EditorBanners
        applyBlocked={applyBlocked}
        from={session.from}
        restored={draft?.restored === true}
        draftKept={session.draftKept}
        aside={session.aside}
        onSwitchToAside={session.switchToAside}
        onDiscardAside={session.discardAside}
        clashes={session.clashes}
        drifted={session.drifted}
        liveNow={liveNow}
      />
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
            onClick={() => applyMutation.mutate({ dryRun: true, asStaged })}
            disabled={applyMutation.isPending}
          >
            Dry run
          </ActionButton>
          <ActionButton
            variant="primary"
            disabledReason={applyBlocked ?? invalidReason}
            hideReason
            onClick={() => applyMutation.mutate({ dryRun: false, asStaged })}
            disabled={applyMutation.isPending}
          >
            {applyMutation.isPending ? "Applying…" : asStaged ? "Apply as staged" : "Apply"}
          </ActionButton>
          <StagedToggle checked={asStaged} onChange={setAsStaged} />
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
              onChange={session.edit}
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
          <ApplyResultRegion result={result} />
        </aside>
      </div>
      {session.conflicts.map(({ ref, conflict }) => (
        <ConflictPanel
          key={resourceKey(ref)}
          ref_={ref}
          conflict={conflict}
          theme={theme}
          onRebase={() => session.rebase(ref, conflict)}
          onTakeLive={() => session.takeLive(ref, conflict)}
        />
      ))}
      {session.diff !== undefined && <DiffPanel diff={session.diff} theme={theme} />}
      {/* Editing clears the diff, so while it shows, the text is what was diffed. */}
      {session.diff !== undefined && <ConnectivityPanel cluster={cluster} yaml={text} />}
    </section>
  );
}

function isPolicyRef(ref: ResourceRef): ref is ResourceRef & { kind: PolicyKind } {
  return isPolicyKind(ref.kind);
}
