import { lazy } from "react";
import { createBrowserRouter, Navigate } from "react-router";
import { NotFound } from "./NotFound";
import { Shell } from "./Shell";

// Every view is its own chunk: the first page loads only the shell and the view it shows.
const PoliciesPage = lazy(() => import("../features/policies/PoliciesPage").then((m) => ({ default: m.PoliciesPage })));

export const router = createBrowserRouter([
  {
    path: "/",
    element: <Shell />,
    children: [
      { index: true, element: <Navigate to="/policies" replace /> },
      { path: "policies", element: <PoliciesPage /> },
      { path: "*", element: <NotFound /> },
    ],
  },
]);
