import { Suspense } from "react";
import { NavLink, Outlet } from "react-router";
import { LoadingState } from "../components/States";
import { useTheme } from "./useTheme";

const NAV = [{ to: "/policies", label: "Policies" }] as const;

const THEME_LABEL = { system: "Theme: system", light: "Theme: light", dark: "Theme: dark" } as const;

export function Shell() {
  const { choice, cycle } = useTheme();
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
            <NavLink key={n.to} to={n.to} className="nav-link">
              {n.label}
            </NavLink>
          ))}
        </nav>
        <div className="shell-tools">
          <button
            type="button"
            className="btn btn-plain"
            onClick={cycle}
            aria-label={THEME_LABEL[choice]}
            title={THEME_LABEL[choice]}
          >
            {choice === "dark" ? "☾" : choice === "light" ? "☀" : "◐"} <span className="hide-narrow">{choice}</span>
          </button>
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
