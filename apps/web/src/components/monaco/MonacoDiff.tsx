import { useEffect, useRef } from "react";
import type { Theme } from "../../shared/theme";
import { monaco } from "./monacoSetup";

/** Side-by-side read-only diff of two YAML texts (live on the left, yours on the right). */
export function MonacoDiff({
  original,
  modified,
  theme,
  label,
}: {
  original: string;
  modified: string;
  theme: Theme;
  label: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (host.current === null) return;
    const left = monaco.editor.createModel(original, "yaml");
    const right = monaco.editor.createModel(modified, "yaml");
    const diff = monaco.editor.createDiffEditor(host.current, {
      automaticLayout: true,
      readOnly: true,
      originalEditable: false,
      renderSideBySide: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 12.5,
      renderFinalNewline: "on",
      ariaLabel: label,
    });
    diff.setModel({ original: left, modified: right });
    return () => {
      diff.dispose();
      left.dispose();
      right.dispose();
    };
  }, [original, modified, label]);
  useEffect(() => {
    monaco.editor.setTheme(theme === "dark" ? "vs-dark" : "vs");
  }, [theme]);
  return <div ref={host} className="monaco-diff" data-testid="yaml-diff" />;
}
