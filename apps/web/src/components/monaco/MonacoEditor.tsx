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
}

const OWNER = "palisade";

/** The only file that renders Monaco's editor: YAML with schema completion/hover and our markers. */
export function MonacoEditor({ value, onChange, diagnostics, theme, schema, readOnly = false, ariaLabel }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const change = useRef(onChange);
  change.current = onChange;
  // The model is created once, from the first value; later values are pushed by the effect below.
  const first = useRef({ value, ariaLabel });

  useEffect(() => {
    if (host.current === null) return;
    const { value: initial, ariaLabel: label } = first.current;
    const model = monaco.editor.createModel(initial, "yaml", monaco.Uri.parse(`file:///policy-${Date.now()}.yaml`));
    const instance = monaco.editor.create(host.current, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 2,
      scrollBeyondLastLine: false,
      renderWhitespace: "boundary",
      ariaLabel: label,
      fixedOverflowWidgets: true,
    });
    const sub = model.onDidChangeContent(() => change.current(model.getValue()));
    editor.current = instance;
    return () => {
      sub.dispose();
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

  return <div ref={host} className="monaco-host" data-testid="yaml-editor" />;
}
