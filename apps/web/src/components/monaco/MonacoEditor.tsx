import { useEffect, useId, useRef } from "react";
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
  /**
   * Tab always moves focus (where the YAML is generated and indentation is the generator's): Tab never inserts
   * spaces there. Otherwise Tab indents, and Escape then Tab leaves the editor.
   */
  readonly tabMovesFocus?: boolean;
  /** Grow to the document's height instead of scrolling inside a fixed box (short, generated documents). */
  readonly fitContent?: boolean;
}

const MODIFIERS = new Set<number>([monaco.KeyCode.Shift, monaco.KeyCode.Ctrl, monaco.KeyCode.Alt, monaco.KeyCode.Meta]);

/**
 * Gives the editor a keyboard exit. Monaco binds Tab to indent, which traps keyboard users (its own way out, Ctrl+M,
 * is undiscoverable). A Tab that should move focus is stopped before Monaco's keybinding service (on the editor's
 * container) sees it, and left undefaulted, so the browser moves focus from the editor's textarea as usual.
 */
function keyboardExit(instance: monaco.editor.IStandaloneCodeEditor, tabMovesFocus: () => boolean) {
  let released = false;
  return instance.onKeyDown((e) => {
    if (MODIFIERS.has(e.keyCode)) return;
    if (e.keyCode === monaco.KeyCode.Escape) {
      released = true;
      return;
    }
    const plainTab = e.keyCode === monaco.KeyCode.Tab && !e.ctrlKey && !e.altKey && !e.metaKey;
    if (plainTab && (released || tabMovesFocus())) e.stopPropagation();
    released = false;
  });
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
  tabMovesFocus = false,
  fitContent = false,
}: Props) {
  const host = useRef<HTMLDivElement>(null);
  const hintId = useId();
  const tabMoves = useRef(tabMovesFocus);
  tabMoves.current = tabMovesFocus;
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const change = useRef(onChange);
  change.current = onChange;
  // The model is created once, from the first value; later values are pushed by the effect below.
  const first = useRef({ value, ariaLabel, hintId, fitContent });

  useEffect(() => {
    if (host.current === null) return;
    const { value: initial, ariaLabel: label, hintId: hint, fitContent: fit } = first.current;
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
      // Linux's default dims the last line number below legible contrast.
      renderFinalNewline: "on",
      ariaLabel: label,
      fixedOverflowWidgets: true,
      // A fitted editor shows every line whole (wrapped) and never scrolls, so the wheel scrolls the page.
      ...(fit ? { scrollbar: { vertical: "hidden", alwaysConsumeMouseWheel: false }, wordWrap: "on" } : {}),
    });
    const sub = model.onDidChangeContent(() => change.current(model.getValue()));
    const exit = keyboardExit(instance, () => tabMoves.current);
    // The hint below the editor is its description, so a screen reader says how to leave it on entering.
    hostElement.querySelector("textarea")?.setAttribute("aria-describedby", hint);
    const fitSub = fit
      ? instance.onDidContentSizeChange((e) => {
          if (e.contentHeightChanged) hostElement.style.height = `${e.contentHeight}px`;
        })
      : undefined;
    if (fit) hostElement.style.height = `${instance.getContentHeight()}px`;
    editor.current = instance;
    return () => {
      exit.dispose();
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
    <div className="monaco-frame">
      <div ref={host} className="monaco-host" data-testid="yaml-editor" />
      <p id={hintId} className="editor-keys" data-testid="editor-keys">
        {tabMovesFocus ? (
          <>
            <kbd>Tab</kbd> moves to the next control; the generator indents the YAML.
          </>
        ) : (
          <>
            <kbd>Tab</kbd> indents. To leave the editor, press <kbd>Esc</kbd> then <kbd>Tab</kbd>.
          </>
        )}
      </p>
      <EditorText label={ariaLabel} text={value} diagnostics={diagnostics} />
    </div>
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
