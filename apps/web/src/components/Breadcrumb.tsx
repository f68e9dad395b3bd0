import { Link } from "react-router";

/** Where the page sits: the list it belongs to, then the object itself (the current page, not a link). */
export function Breadcrumb({ trail, current }: { trail: readonly { to: string; label: string }[]; current: string }) {
  return (
    <nav className="crumbs" aria-label="Breadcrumb" data-testid="breadcrumb">
      <ol>
        {trail.map((t) => (
          <li key={t.to}>
            <Link to={t.to}>{t.label}</Link>
          </li>
        ))}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}
