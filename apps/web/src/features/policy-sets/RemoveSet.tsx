import { apiPaths, type DeleteRequest, type DeleteResult, type PolicySetFound } from "@palisade/contract";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { postJson } from "../../api/client";
import { removeSetPreviewQuery } from "../../api/queries";
import { cacheFamilies } from "../../api/queryKeys";
import { ActionButton } from "../../components/ActionButton";
import { ImpactView } from "../../components/DeletePolicy";
import { ErrorState, LoadingState } from "../../components/States";
import { useWriteBlocked } from "../../shared/useWriteBlocked";

/** Removes every object of a set as one change, after the same impact preview a single delete gets. */
export function RemoveSet({ cluster, found }: { cluster: string; found: PolicySetFound }) {
  const blocked = useWriteBlocked("delete");
  const [open, setOpen] = useState(false);
  const client = useQueryClient();
  const request: DeleteRequest = {
    targets: found.objects.filter((o) => o.status !== "missing").map((o) => ({ ref: o.ref })),
  };
  const preview = useQuery({ ...removeSetPreviewQuery(cluster, request), enabled: open });
  const remove = useMutation({
    mutationFn: () => postJson<DeleteResult>(apiPaths.delete(cluster), request),
    onSuccess: () => {
      for (const family of [cacheFamilies.policies, cacheFamilies.policySets, cacheFamilies.graph]) {
        void client.invalidateQueries({ queryKey: family(cluster) });
      }
    },
  });
  if (!open) {
    return (
      <ActionButton variant="danger" disabledReason={blocked} onClick={() => setOpen(true)}>
        Remove set…
      </ActionButton>
    );
  }
  return (
    <div className="panel" data-testid="remove-set">
      <p>
        Remove the {request.targets.length} objects of {found.set} ({found.region})?
      </p>
      {preview.isPending ? (
        <LoadingState what="impact" />
      ) : preview.error !== null ? (
        <ErrorState error={preview.error} />
      ) : (
        <ImpactView impact={preview.data} />
      )}
      {remove.error !== null && <ErrorState error={remove.error} />}
      <div className="actions">
        <ActionButton
          variant="danger"
          disabledReason={preview.data === undefined ? "Waiting for the impact preview" : undefined}
          disabled={remove.isPending}
          onClick={() => remove.mutate()}
        >
          {remove.isPending ? "Removing…" : "Remove"}
        </ActionButton>
        <button type="button" className="btn" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
