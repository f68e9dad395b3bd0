import { lazy } from "react";
import { createBrowserRouter } from "react-router";
import { NotFound } from "./NotFound";
import { RootRedirect } from "./RootRedirect";
import { RouteError } from "./RouteError";
import { Shell } from "./Shell";

// Every view is its own chunk: the first page loads only the shell and the view it shows. Monaco and Cytoscape
// are imported only by the editor, wizard and graph chunks.
const named = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));

const PoliciesPage = named(() => import("../features/policies/PoliciesPage"), "PoliciesPage");
const PolicyPage = named(() => import("../features/policies/PolicyPage"), "PolicyPage");
const GraphPage = named(() => import("../features/graph/GraphPage"), "GraphPage");
const HostEndpointsPage = named(() => import("../features/hostendpoints/HostEndpointsPage"), "HostEndpointsPage");
const HostEndpointPage = named(() => import("../features/hostendpoints/HostEndpointPage"), "HostEndpointPage");
const SelectorsPage = named(() => import("../features/selectors/SelectorsPage"), "SelectorsPage");
const EditorPage = named(() => import("../features/editor/EditorPage"), "EditorPage");
const ExplainPage = named(() => import("../features/explain/ExplainPage"), "ExplainPage");
const PacketLogPage = named(() => import("../features/packet-log/PacketLogPage"), "PacketLogPage");
const StagedPage = named(() => import("../features/staged/StagedPage"), "StagedPage");
const WizardPage = named(() => import("../features/wizard/WizardPage"), "WizardPage");
const FlowsPage = named(() => import("../features/flows/FlowsPage"), "FlowsPage");
const HistoryPage = named(() => import("../features/history/HistoryPage"), "HistoryPage");
const PolicySetsPage = named(() => import("../features/policy-sets/PolicySetsPage"), "PolicySetsPage");

export const router = createBrowserRouter([
  { path: "/", element: <RootRedirect /> },
  {
    path: "/c/:cluster",
    element: <Shell />,
    children: [
      {
        // A view that cannot load or render shows RouteError inside the shell, which keeps its navigation.
        errorElement: <RouteError />,
        children: [
          { index: true, element: <PoliciesPage /> },
          { path: "policies", element: <PoliciesPage /> },
          { path: "policies/:kind/:name", element: <PolicyPage /> },
          { path: "graph", element: <GraphPage /> },
          { path: "hostendpoints", element: <HostEndpointsPage /> },
          { path: "hostendpoints/:name", element: <HostEndpointPage /> },
          { path: "selectors", element: <SelectorsPage /> },
          { path: "editor", element: <EditorPage /> },
          { path: "explain", element: <ExplainPage /> },
          { path: "flows", element: <FlowsPage /> },
          { path: "packet-log", element: <PacketLogPage /> },
          { path: "staged", element: <StagedPage /> },
          { path: "wizard", element: <WizardPage /> },
          { path: "policy-sets", element: <PolicySetsPage /> },
          { path: "history", element: <HistoryPage /> },
          { path: "*", element: <NotFound /> },
        ],
      },
    ],
  },
  { path: "*", element: <NotFound /> },
]);
