import { lazy } from "react";

// Monaco (and its workers) load only when a view renders one of these.
export const LazyMonacoEditor = lazy(() => import("./MonacoEditor").then((m) => ({ default: m.MonacoEditor })));
export const LazyMonacoDiff = lazy(() => import("./MonacoDiff").then((m) => ({ default: m.MonacoDiff })));
