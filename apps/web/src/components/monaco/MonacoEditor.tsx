import { useEffect, useRef } from "react";
import type { Theme } from "../../shared/theme";
import type { Diagnostic } from "./diagnostics";
import { monaco, setYamlSchema } from "./monacoSetup";

interface Props {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly diagnostics: readonly Diagnostic[];
  readonly theme: Theme;
  readonly schema?: Record<string, unknown> | undefined;
  readonly readOnly?: boolean;
  readonly ariaLabel: string;
  /** Grow to the document's height instead of scrolling inside a fixed box (short, generated documents). */
  readonly fitContent?: boolean;
}

const OWNER = "palisade";

/** The only file that renders Monaco's editor: YAML with schema completion/hover and our markers. */
export function MonacoEditor({
  value,
  onChange,
  diagnostics,
  theme,
  schema,
  readOnly = false,
  ariaLabel,
  fitContent = false,
}: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const change = useRef(onChange);
  change.current = onChange;
  // The model is created once, from the first value; later values are pushed by the effect below.
  const first = useRef({ value, ariaLabel, fitContent });

  useEffect(() => {
    if (host.current === null) return;
    const { value: initial, ariaLabel: label, fitContent: fit } = first.current;
    const hostElement = host.current;
    const model = monaco.editor.createModel(initial, "yaml", monaco.Uri.parse(`file:///policy-${Date.now()}.yaml`));
    const instance = monaco.editor.create(hostElement, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 2,
      scrollBeyondLastLine: false,
      renderWhitespace: "boundary",
      ariaLabel: label,
      fixedOverflowWidgets: true,
      // A fitted editor shows every line whole (wrapped) and never scrolls, so the wheel scrolls the page.
      ...(fit ? { scrollbar: { vertical: "hidden", alwaysConsumeMouseWheel: false }, wordWrap: "on" } : {}),
    });
    const sub = model.onDidChangeContent(() => change.current(model.getValue()));
    const fitSub = fit
      ? instance.onDidContentSizeChange((e) => {
          if (e.contentHeightChanged) hostElement.style.height = `${e.contentHeight}px`;
        })
      : undefined;
    if (fit) hostElement.style.height = `${instance.getContentHeight()}px`;
    editor.current = instance;
    return () => {
      sub.dispose();
      fitSub?.dispose();
      instance.dispose();
      model.dispose();
      editor.current = null;
    };
  }, []);

  useEffect(() => {
    const model = editor.current?.getModel();
    if (model !== null && model !== undefined && model.getValue() !== value) model.setValue(value);
  }, [value]);

  useEffect(() => {
    editor.current?.updateOptions({ readOnly });
  }, [readOnly]);

  useEffect(() => {
    monaco.editor.setTheme(theme === "dark" ? "vs-dark" : "vs");
  }, [theme]);

  useEffect(() => {
    setYamlSchema(schema);
  }, [schema]);

  useEffect(() => {
    const model = editor.current?.getModel();
    if (model === null || model === undefined) return;
    monaco.editor.setModelMarkers(
      model,
      OWNER,
      diagnostics.map((d) => {
        const line = Math.min(Math.max(d.line, 1), model.getLineCount());
        return {
          startLineNumber: line,
          startColumn: d.column,
          endLineNumber: line,
          endColumn: Math.max(d.column + 1, model.getLineMaxColumn(line)),
          message: d.message,
          severity: d.severity === "error" ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
          source: "Calico",
        };
      }),
    );
  }, [diagnostics]);

  return (
    <>
      <div ref={host} className="monaco-host" data-testid="yaml-editor" />
      <EditorText label={ariaLabel} text={value} diagnostics={diagnostics} />
    </>
  );
}

/**
 * The editor's whole text and its problems as plain, labelled document content: Monaco shows a screen reader only
 * the lines around the cursor, and tests cannot read its virtualised view. Visually hidden; sighted users have the
 * editor itself.
 */
function EditorText({ label, text, diagnostics }: { label: string; text: string; diagnostics: readonly Diagnostic[] }) {
  return (
    <section className="sr-only" aria-label={`${label}: full text and problems`} data-testid="editor-text-region">
      <pre data-testid="editor-text">{text}</pre>
      <p data-testid="editor-problems-summary">
        {diagnostics.length === 0
          ? "No problems."
          : `${diagnostics.length} problem${diagnostics.length === 1 ? "" : "s"}:`}
      </p>
      {diagnostics.length > 0 && (
        <ul data-testid="editor-problems">
          {diagnostics.map((d) => (
            <li key={`${d.line}:${d.column}:${d.message}`}>
              {d.severity === "error" ? "Error" : "Warning"}, line {d.line}, column {d.column}: {d.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
