import Link from "next/link";
import type { ReactNode } from "react";

/** One headline number: its label, the value (a link to the rows behind it), the change and a detail line. */
export function MetricCard({
  label,
  value,
  href,
  delta,
  detail,
  linkLabel,
}: {
  label: string;
  value: string;
  href?: string;
  delta?: ReactNode;
  detail?: ReactNode;
  /** The link's accessible name, e.g. "Won revenue: show the deals". */
  linkLabel?: string;
}) {
  return (
    <div className="flex flex-col rounded-xl border border-border bg-surface p-5 shadow-sm break-inside-avoid">
      <dt className="text-sm font-medium text-muted">{label}</dt>
      <dd className="mt-2 text-3xl font-semibold tracking-tight text-foreground tabular-nums">
        {href && value !== "—" ? (
          <Link href={href} aria-label={linkLabel} className="rounded-sm underline decoration-border-strong decoration-1 underline-offset-4 hover:decoration-accent">
            {value}
          </Link>
        ) : (
          value
        )}
      </dd>
      {delta && <dd className="mt-1">{delta}</dd>}
      {detail && <dd className="mt-1 text-sm text-muted">{detail}</dd>}
    </div>
  );
}
