import { resourceKey } from "@palisade/calico";
import type { ApplyResult, Conflict, DiffResult, ExpectedVersion, ResourceRef } from "@palisade/contract";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { applyYaml, diffYaml } from "../../api/documents";
import { cacheFamilies } from "../../api/queryKeys";
import { rebaseYaml } from "./merge3";
import { withResourceVersion } from "./rebase";

export interface EditorProps {
  readonly cluster: string;
  readonly initial: string;
  /** The live object being edited, if any, as first loaded: the base version for conflict-safe apply. */
  readonly live?: { ref: ResourceRef; resourceVersion: string };
  /** The object's version in the cluster now (null: it could not be read, e.g. deleted). */
  readonly liveNow?: string | null;
  /** A new document kept as the tab's unsaved draft (see shared/drafts.ts). */
  readonly draft?: DraftProps;
  /** Where the text came from when it is not the live object's (e.g. a version restored from the history). */
  readonly from?: string;
}

export interface DraftProps {
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

/**
 * One editing session: the text and the version it started from, the versions the user means to replace, the last
 * diff and apply, the draft kept aside, and the moves between them (rebase onto the cluster's version, take the
 * cluster's version, switch drafts).
 */
export function useEditorSession({ cluster, initial, live: liveProp, liveNow, draft, from: fromProp }: EditorProps) {
  const [live] = useState(liveProp);
  const client = useQueryClient();
  const [text, setText] = useState(initial);
  // The version the user's edits started from; a rebase replays their changes from here onto the cluster's.
  const [baseText, setBaseText] = useState(initial);
  const [clashes, setClashes] = useState<string[]>([]);
  const [expected, setExpected] = useState<ExpectedVersion[]>(
    live === undefined ? [] : [{ ref: live.ref, resourceVersion: live.resourceVersion }],
  );
  const [diff, setDiff] = useState<DiffResult | undefined>();
  const [result, setResult] = useState<ApplyResult | undefined>();
  const [aside, setAside] = useState(draft?.aside);
  const [from, setFrom] = useState(draft?.from ?? fromProp);
  const saveDraft = draft?.save;
  // Kept on every change (not debounced), so leaving the page right after typing loses nothing.
  const [draftKept, setDraftKept] = useState(true);
  useEffect(() => {
    if (saveDraft !== undefined) setDraftKept(saveDraft(text, aside));
  }, [saveDraft, text, aside]);

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
    mutationFn: ({ dryRun, asStaged = false }: { dryRun: boolean; asStaged?: boolean }) =>
      applyYaml(cluster, text, asStaged ? [] : expected, dryRun, asStaged),
    onSuccess: (r) => {
      setResult(r);
      if (r.outcome === "applied") {
        draft?.applied(aside);
        // "Opened from …; nothing has been applied" is no longer true.
        setFrom(undefined);
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

  return {
    live,
    text,
    edit,
    clashes,
    diff,
    result,
    aside,
    from,
    draftKept,
    diffMutation,
    applyMutation,
    conflicts,
    baseVersion,
    drifted,
    /** Edits the draft kept aside, keeping the current text aside in its place. */
    switchToAside: () => {
      if (aside === undefined) return;
      const current = text;
      edit(aside);
      setBaseText(aside);
      setAside(current);
      setFrom(undefined);
    },
    discardAside: () => setAside(undefined),
    /** Replays the user's edits onto the cluster's version of a conflicting object. */
    rebase: (ref: ResourceRef, conflict: Conflict) => {
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
    },
    /** Drops the user's edits for the cluster's version of a conflicting object. */
    takeLive: (ref: ResourceRef, conflict: Conflict) => {
      setText(conflict.liveYaml ?? "");
      setBaseText(conflict.liveYaml ?? "");
      setClashes([]);
      setExpected([{ ref, resourceVersion: conflict.liveResourceVersion }]);
      setResult(undefined);
    },
  };
}
