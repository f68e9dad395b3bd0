import * as monaco from "monaco-editor";
import EditorWorker from "monaco-editor/esm/vs/editor/editor.worker?worker";
import { configureMonacoYaml, type MonacoYaml } from "monaco-yaml";
import YamlWorker from "./yaml.worker?worker";

// Workers are bundled by Vite (`?worker`), never fetched from a CDN.
window.MonacoEnvironment = {
  getWorker(_moduleId: string, label: string) {
    return label === "yaml" ? new YamlWorker() : new EditorWorker();
  },
};

let yaml: MonacoYaml | undefined;

/** Points monaco-yaml at a JSON Schema for every model (completion, hover and schema markers come from it). */
export function setYamlSchema(schema: Record<string, unknown> | undefined): void {
  const options = {
    enableSchemaRequest: false,
    hover: true,
    completion: true,
    validate: true,
    isKubernetes: true,
    schemas: schema === undefined ? [] : [{ uri: "palisade://schemas/resource.json", fileMatch: ["*"], schema }],
  };
  if (yaml === undefined) yaml = configureMonacoYaml(monaco, options);
  else void yaml.update(options);
}

export { monaco };
