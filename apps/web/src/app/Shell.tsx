import { Suspense, useEffect, useLayoutEffect, useRef, useState } from "react";
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

type NavFit = "inline" | "own-row" | "menu";

/**
 * How the navigation fits: beside the header's tools; on a row of its own when its links no longer fit there (a
 * laptop with a long cluster name); behind Menu when they do not fit even on their own row (a phone, 200% zoom). Each
 * step down records the header width it needed, and steps back up once the header is that wide again. Measured
 * rather than fixed breakpoints, so a new view or badge cannot silently cut the last links off.
 */
function useNavFit(header: React.RefObject<HTMLElement | null>, nav: React.RefObject<HTMLElement | null>): NavFit {
  const [fit, setFit] = useState<NavFit>("inline");
  const needed = useRef({ inline: 0, ownRow: 0 });
  useLayoutEffect(() => {
    const h = header.current;
    const n = nav.current;
    if (h === null || n === null) return;
    const measure = () => {
      const overflow = n.scrollWidth - n.clientWidth;
      if (fit === "inline" && overflow > 0) {
        needed.current.inline = h.clientWidth + overflow;
        setFit("own-row");
      } else if (fit === "own-row" && overflow > 0) {
        needed.current.ownRow = h.clientWidth + overflow;
        setFit("menu");
      } else if (fit === "own-row" && h.clientWidth >= needed.current.inline) setFit("inline");
      else if (fit === "menu" && h.clientWidth >= needed.current.ownRow) setFit("own-row");
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(h);
    observer.observe(n);
    return () => observer.disconnect();
  }, [header, nav, fit]);
  return fit;
}

/** The frame around every cluster view: navigation, cluster switcher, live-update state and theme. */
export function Shell() {
  const cluster = useCluster();
  const live = useLiveUpdates(cluster);
  const main = useRef<HTMLElement>(null);
  const header = useRef<HTMLElement>(null);
  const nav = useRef<HTMLElement>(null);
  const fit = useNavFit(header, nav);
  const [menuOpen, setMenuOpen] = useState(false);
  const announced = useRouteChange(main, () => setMenuOpen(false));
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header ref={header} className={`shell-header nav-${fit}`}>
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
          ref={nav}
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
