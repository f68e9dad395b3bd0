import {
  apiPaths,
  type DeleteErrorBody,
  type DeleteImpact,
  type DeleteRequest,
  type DeleteResult,
  type ResourceRef,
} from "@palisade/contract";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { ApiError, postJson } from "../api/client";
import { deletePreviewQuery } from "../api/queries";
import { cacheFamilies } from "../api/queryKeys";
import { useWriteBlocked } from "../shared/useWriteBlocked";
import { ActionButton } from "./ActionButton";
import { ErrorState, LoadingState } from "./States";

interface Props {
  readonly cluster: string;
  readonly target: ResourceRef;
  readonly resourceVersion: string;
  readonly onDeleted: () => void;
  /** The page already shows why writes are off. */
  readonly hideReason?: boolean;
  /** Of a name stored twice, the stored copy to delete (the other stays). */
  readonly storedName?: string;
  readonly label?: string;
}

/** Delete with an impact preview: what each endpoint loses, and which host endpoints fall to default deny. */
export function DeletePolicy({
  cluster,
  target,
  resourceVersion,
  onDeleted,
  hideReason = false,
  storedName,
  label = "Delete…",
}: Props) {
  const blocked = useWriteBlocked("delete");
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  return (
    <>
      <ActionButton
        ref={trigger}
        variant="danger"
        disabledReason={blocked}
        hideReason={hideReason}
        onClick={() => setOpen(true)}
      >
        {label}
      </ActionButton>
      {open && (
        <DeletePreview
          cluster={cluster}
          target={target}
          resourceVersion={resourceVersion}
          {...(storedName === undefined ? {} : { storedName })}
          onClose={() => {
            setOpen(false);
            // Back where the user was: the dialog leaves the page, and focus must not fall to <body>.
            trigger.current?.focus();
          }}
          onDeleted={onDeleted}
        />
      )}
    </>
  );
}

function DeletePreview({
  cluster,
  target,
  resourceVersion,
  storedName,
  onClose,
  onDeleted,
}: Props & { onClose: () => void }) {
  const client = useQueryClient();
  const request: DeleteRequest = {
    targets: [{ ref: target, resourceVersion, ...(storedName === undefined ? {} : { storedName }) }],
  };
  const preview = useQuery(deletePreviewQuery(cluster, target, resourceVersion, storedName));
  const del = useMutation({
    mutationFn: () => postJson<DeleteResult>(apiPaths.delete(cluster), request),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: cacheFamilies.policies(cluster) });
      onDeleted();
    },
  });
  const conflict =
    del.error instanceof ApiError && del.error.code === "Conflict"
      ? (del.error.body as DeleteErrorBody | undefined)?.result?.targets[0]?.conflict
      : undefined;
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => dialog.current?.showModal(), []);
  return (
    <dialog ref={dialog} aria-labelledby="delete-title" className="dialog panel" onClose={onClose}>
      <h2 id="delete-title">
        Delete {target.kind} {target.namespace === undefined ? "" : `${target.namespace}/`}
        {target.name}
        {storedName === undefined ? "" : ` (the copy stored as ${storedName})`}?
      </h2>
      {preview.isPending ? (
        <LoadingState what="impact" />
      ) : preview.error !== null ? (
        <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
      ) : (
        <ImpactView impact={preview.data} />
      )}
      {del.error !== null &&
        (conflict === undefined ? (
          <ErrorState error={del.error} />
        ) : (
          <div className="state error" role="alert">
            The policy changed since you opened it (now version {conflict.liveResourceVersion ?? "deleted"}). Reload it
            and review before deleting.
          </div>
        ))}
      <div className="actions">
        <ActionButton
          variant="danger"
          disabledReason={preview.data === undefined ? "Waiting for the impact preview" : undefined}
          onClick={() => del.mutate()}
          disabled={del.isPending}
        >
          {del.isPending ? "Deleting…" : "Delete"}
        </ActionButton>
        <button type="button" className="btn" onClick={() => dialog.current?.close()}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}

export function ImpactView({ impact }: { impact: DeleteImpact }) {
  const defaultDeny = impact.endpoints.filter((e) => e.becomesDefaultDeny);
  return (
    <div className="impact" data-testid="delete-impact">
      {impact.warnings.map((w) => (
        <p key={w.message} className="state error">
          {w.message}
        </p>
      ))}
      {defaultDeny.length > 0 && (
        <p className="state error" role="alert">
          {defaultDeny.length} host endpoint{defaultDeny.length === 1 ? "" : "s"} will be left with no policy and fall
          to default deny (only failsafe ports and established traffic pass):{" "}
          {defaultDeny.map((e) => e.endpoint.name).join(", ")}
        </p>
      )}
      {impact.endpoints.length === 0 ? (
        <p className="muted">No endpoint loses any rule.</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Endpoint</th>
              <th scope="col">Loses</th>
            </tr>
          </thead>
          <tbody>
            {impact.endpoints.map((e) => (
              <tr key={e.endpoint.id}>
                <td>{e.endpoint.name}</td>
                <td>
                  {e.lost.map((l) => (
                    <div key={`${l.policy}/${l.direction}/${l.words}`}>
                      <span className={`badge action-${l.action}`}>{l.action}</span> {l.words}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
