import { Suspense } from "react";
import { NavLink, Outlet } from "react-router";
import { useLiveUpdates } from "../api/useLiveUpdates";
import { LoadingState } from "../components/States";
import { useCluster } from "../shared/cluster";
import { CalicoBadge } from "./CalicoBadge";
import { ClusterSwitcher } from "./ClusterSwitcher";
import { PermissionsBadge } from "./PermissionsBadge";
import { ThemeButton } from "./ThemeButton";

const NAV = [
  { to: "policies", label: "Policies" },
  { to: "flows", label: "Flows" },
  { to: "graph", label: "Graph" },
  { to: "hostendpoints", label: "Host endpoints" },
  { to: "selectors", label: "Selectors" },
  { to: "editor", label: "Editor" },
  { to: "wizard", label: "Wizard" },
  { to: "policy-sets", label: "Policy sets" },
  { to: "explain", label: "Explain" },
  { to: "history", label: "History" },
] as const;

const LIVE_TEXT = { live: "Live", connecting: "Connecting…", offline: "Offline" } as const;

/** The frame around every cluster view: navigation, cluster switcher, live-update state and theme. */
export function Shell() {
  const cluster = useCluster();
  const live = useLiveUpdates(cluster);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true">
            ▚
          </span>
          Palisade
        </span>
        <nav aria-label="Main" className="nav">
          {NAV.map((n) => (
            <NavLink key={n.to} to={`/c/${encodeURIComponent(cluster)}/${n.to}`} className="nav-link">
              {n.label}
            </NavLink>
          ))}
        </nav>
        <div className="shell-tools">
          <span className={`live live-${live}`} role="status" title="Updates from the cluster's watch stream">
            {LIVE_TEXT[live]}
          </span>
          <PermissionsBadge />
          <CalicoBadge />
          <ClusterSwitcher />
          <ThemeButton />
        </div>
      </header>
      <main id="main" className="shell-main" tabIndex={-1}>
        <Suspense fallback={<LoadingState what="view" />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
