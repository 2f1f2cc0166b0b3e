import type { ReactNode } from "react";

/** A dashboard panel: a heading, an optional one-line explanation, its content. */
export function Panel({ id, title, description, actions, children, className = "" }: { id: string; title: string; description?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section aria-labelledby={id} className={`rounded-xl border border-border bg-surface p-5 shadow-sm print:break-inside-avoid print:shadow-none ${className}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id={id} className="text-lg font-semibold tracking-tight text-foreground">
            {title}
          </h2>
          {description && <p className="mt-1 max-w-3xl text-sm text-muted">{description}</p>}
        </div>
        {actions}
      </div>
      <div className="mt-4">{children}</div>
    </section>
  );
}

/** The shape of a panel while its query runs (announced once by the page's live region, not per panel). */
export function PanelSkeleton({ title, rows = 4, className = "" }: { title: string; rows?: number; className?: string }) {
  return (
    <div aria-hidden="true" className={`rounded-xl border border-border bg-surface p-5 shadow-sm ${className}`}>
      <p className="text-lg font-semibold tracking-tight text-muted">{title}</p>
      <div className="mt-4 space-y-3 motion-safe:animate-pulse">
        {Array.from({ length: rows }, (_, index) => (
          <div key={index} className="h-6 rounded bg-surface-muted" style={{ width: `${90 - index * 12}%` }} />
        ))}
      </div>
    </div>
  );
}

export function CardsSkeleton({ count }: { count: number }) {
  return (
    <div aria-hidden="true" className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
      {Array.from({ length: count }, (_, index) => (
        <div key={index} className="h-36 rounded-xl border border-border bg-surface p-5 shadow-sm motion-safe:animate-pulse">
          <div className="h-4 w-1/2 rounded bg-surface-muted" />
          <div className="mt-4 h-8 w-2/3 rounded bg-surface-muted" />
          <div className="mt-3 h-4 w-1/3 rounded bg-surface-muted" />
        </div>
      ))}
    </div>
  );
}
