import Link from "next/link";
import type { ReactNode } from "react";

/** The top of a drill-through table: back to the numbers, what is shown (as filter chips), the total and the CSV. */
export function DrillHeader({
  backHref,
  backLabel,
  heading,
  chips,
  chipsLabel,
  total,
  csvHref,
  csvLabel,
}: {
  backHref: string;
  backLabel: string;
  heading: string;
  chips: string[];
  chipsLabel: string;
  total: ReactNode;
  csvHref: string;
  csvLabel: string;
}) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-4">
      <div>
        <p className="text-sm">
          <Link href={backHref} className="text-accent underline-offset-4 hover:underline">
            {backLabel}
          </Link>
        </p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight text-foreground">{heading}</h1>
        <ul className="mt-2 flex flex-wrap gap-2" aria-label={chipsLabel}>
          {chips.map((chip) => (
            <li key={chip} className="rounded-full bg-accent-soft px-3 py-1 text-xs font-medium text-accent-soft-foreground">
              {chip}
            </li>
          ))}
        </ul>
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <p className="text-sm text-foreground" role="status">
          {total}
        </p>
        <a href={csvHref} download className="inline-flex min-h-9 items-center rounded-lg border border-border-strong bg-surface px-3 text-sm font-medium text-foreground hover:bg-surface-muted print:hidden">
          {csvLabel}
        </a>
      </div>
    </div>
  );
}
