import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useCalicoRelease } from "../../api/calicoRelease";
import { ApiError } from "../../api/client";
import { validateQuery } from "../../api/queries";
import { type Diagnostic, diagnosticsFromDetails, mergeDiagnostics } from "../../components/monaco/diagnostics";
import { useDebounced } from "../../shared/useDebounced";
import { diagnose } from "./validateText";

export interface EditorDiagnostics {
  /** Every problem and warning, local and from the server, for the markers and the Problems list. */
  readonly diagnostics: readonly Diagnostic[];
  readonly errorCount: number;
  readonly validating: boolean;
  /** Why the text cannot be diffed, dry-run or applied yet; undefined when it can. */
  readonly invalidReason: string | undefined;
}

/**
 * The editor text's problems: the browser's own checks shortly after each keystroke, and the server's validation
 * (errors and warnings) once typing pauses.
 */
export function useDiagnostics(cluster: string, text: string): EditorDiagnostics {
  const settled = useDebounced(text, 350);
  const validation = useQuery({ ...validateQuery(cluster, settled), staleTime: Number.POSITIVE_INFINITY });
  const quick = useDebounced(text, 120);
  const release = useCalicoRelease(cluster);
  const local = useMemo(() => diagnose(quick, release), [quick, release]);
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
  const errorCount = diagnostics.filter((d) => d.severity === "error").length;
  const invalidReason =
    text.trim() === ""
      ? "The document is empty"
      : errorCount > 0
        ? `Fix ${errorCount} problem${errorCount === 1 ? "" : "s"} first`
        : undefined;
  return { diagnostics, errorCount, validating: validation.isFetching, invalidReason };
}
