import Link from "next/link";

/** Plain links (`?year=`), so the picker works without JavaScript and each year has its own URL. */
export function YearPicker({ years, current, label }: { years: number[]; current: number; label: string }) {
  return (
    <nav aria-label={label} className="flex items-center gap-2">
      <span aria-hidden="true" className="text-sm font-medium text-muted">
        {label}
      </span>
      <ul className="inline-flex rounded-lg border border-border bg-surface p-0.5">
        {years.map((year) => (
          <li key={year}>
            <Link
              href={`/roster?year=${year}`}
              aria-current={year === current ? "page" : undefined}
              className={`inline-flex min-h-8 items-center rounded-md px-3 text-sm font-medium tabular-nums transition-colors ${
                year === current ? "bg-accent text-accent-foreground" : "text-muted hover:bg-surface-muted hover:text-foreground"
              }`}
            >
              {year}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
