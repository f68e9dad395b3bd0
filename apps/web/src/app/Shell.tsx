import { Suspense, useEffect, useRef, useState } from "react";
import { NavLink, Outlet, useLocation } from "react-router";
import { useLiveUpdates } from "../api/useLiveUpdates";
import { LoadingState } from "../components/States";
import { useCluster } from "../shared/cluster";
import { CalicoBadge } from "./CalicoBadge";
import { ClusterSwitcher } from "./ClusterSwitcher";
import { PermissionsBadge } from "./PermissionsBadge";
import { ThemeButton } from "./ThemeButton";
import { documentTitle, VIEWS, viewTitle } from "./views";

const LIVE_TEXT = { live: "Live", connecting: "Connecting…", offline: "Offline" } as const;

/**
 * On every route change: the document title follows, the new view is announced, and focus that the old view took
 * with it (a link that unmounted, leaving focus on <body>) goes to the start of the new view. Focus in the header
 * (a nav link, the cluster select) stays where the user put it.
 */
function useRouteChange(main: React.RefObject<HTMLElement | null>, onChange: () => void): string {
  const { pathname } = useLocation();
  const cluster = useCluster();
  const [announced, setAnnounced] = useState("");
  const first = useRef(true);
  const change = useRef(onChange);
  change.current = onChange;
  useEffect(() => {
    document.title = documentTitle(pathname, cluster);
    if (first.current) {
      first.current = false;
      return;
    }
    change.current();
    setAnnounced(viewTitle(pathname));
    const active = document.activeElement;
    if (active === null || active === document.body || main.current?.contains(active) === true) main.current?.focus();
  }, [pathname, cluster, main]);
  return announced;
}

/** The frame around every cluster view: navigation, cluster switcher, live-update state and theme. */
export function Shell() {
  const cluster = useCluster();
  const live = useLiveUpdates(cluster);
  const main = useRef<HTMLElement>(null);
  // Below 900 px (a phone, or a laptop at 200% zoom) the navigation folds behind a Menu button.
  const [menuOpen, setMenuOpen] = useState(false);
  const announced = useRouteChange(main, () => setMenuOpen(false));
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
        <button
          type="button"
          className="btn menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          <span aria-hidden="true">☰</span> Menu
        </button>
        <nav
          id="main-nav"
          aria-label="Main"
          className={menuOpen ? "nav open" : "nav"}
          onKeyDown={(e) => {
            if (e.key === "Escape" && menuOpen) setMenuOpen(false);
          }}
        >
          {VIEWS.map((n) => (
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
      <p className="sr-only" aria-live="polite" data-testid="route-announcer">
        {announced}
      </p>
      <main id="main" ref={main} className="shell-main" tabIndex={-1}>
        <Suspense fallback={<LoadingState what="view" />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
