import type { ReactNode } from "react";

export function LoadingState({ what }: { what: string }) {
  return (
    <div className="state loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      Loading {what}…
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  return (
    <div className="state error" role="alert">
      <strong>Something went wrong.</strong> <span>{error.message}</span>
      {onRetry !== undefined && (
        <button type="button" className="btn" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** An object the page is about does not exist (any more): says so and offers the way back, no retry. */
export function NotFoundState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="page" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{title}</h1>
      <div className="state empty" role="status" data-testid="not-found">
        {children}
      </div>
    </section>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <div className="state empty">{children}</div>;
}
