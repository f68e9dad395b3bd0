import { useEffect, useState } from "react";
import { ActionButton } from "../../components/ActionButton";
import { asYamlFile, copyText, downloadText } from "./exportYaml";

interface Props {
  readonly yaml: string;
  /** The download's file name (see yamlFileName). */
  readonly fileName: string;
  /** Hands the YAML to the editor and goes there; false when the browser would not hold it. */
  readonly onOpenInEditor: () => boolean;
}

type Status = { readonly ok: boolean; readonly text: string };

const lines = (text: string) => asYamlFile(text).split("\n").length - 1;

/**
 * Copy, download or open the generated YAML in the editor: for GitOps/CI (`palisade validate` in a pipeline) and for
 * read-only deployments. None of them writes to the cluster, so none is subject to the apply permission.
 */
export function ExportActions({ yaml, fileName, onOpenInEditor }: Props) {
  const [status, setStatus] = useState<Status | undefined>();
  // A confirmation is read once (the region is polite and live) and then steps aside; a failure stays.
  useEffect(() => {
    if (status?.ok !== true) return;
    const t = setTimeout(() => setStatus(undefined), 6000);
    return () => clearTimeout(t);
  }, [status]);
  const empty = yaml.trim() === "" ? "Nothing generated yet" : undefined;
  const copy = async () => {
    try {
      await copyText(asYamlFile(yaml));
      setStatus({ ok: true, text: `Copied ${lines(yaml)} lines of YAML to the clipboard` });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      setStatus({ ok: false, text: `Could not copy (${reason}). Select the YAML and press Ctrl+C instead.` });
    }
  };
  return (
    <div className="actions" style={{ margin: "8px 0" }}>
      <ActionButton disabledReason={empty} hideReason onClick={() => void copy()}>
        Copy YAML
      </ActionButton>
      <ActionButton
        disabledReason={empty}
        hideReason
        title={`Save as ${fileName}`}
        onClick={() => {
          downloadText(fileName, asYamlFile(yaml));
          setStatus({ ok: true, text: `Downloaded ${fileName}` });
        }}
      >
        Download
      </ActionButton>
      <ActionButton
        disabledReason={empty}
        hideReason
        title="Edit, validate, diff and dry-run it in the YAML editor; nothing is applied"
        onClick={() => {
          if (!onOpenInEditor()) {
            setStatus({
              ok: false,
              text: "The browser would not hold the YAML for the editor (storage full or turned off). Copy it instead.",
            });
          }
        }}
      >
        Open in editor
      </ActionButton>
      <span role="status" data-testid="export-status" style={{ alignSelf: "center" }}>
        {status !== undefined && (
          <span className={status.ok ? "badge action-Allow" : "small action-Deny"}>
            {status.ok ? "✓ " : ""}
            {status.text}
          </span>
        )}
      </span>
    </div>
  );
}
