// monaco-yaml's worker, re-exported from our tree so Vite bundles it as a worker entry of its own.
import "monaco-yaml/yaml.worker.js";
