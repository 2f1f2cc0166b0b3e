import Link from "next/link";

/** Previous / next links with the position between them; plain links, so each page has its own URL. */
export function Pagination({
  page,
  pages,
  href,
  labels,
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  labels: { page: string; previous: string; next: string; nav: string };
}) {
  if (pages <= 1) return null;
  const link = "inline-flex min-h-9 items-center rounded-lg border border-border-strong bg-surface px-3 text-sm font-medium text-foreground hover:bg-surface-muted";
  const disabled = "inline-flex min-h-9 items-center rounded-lg border border-border px-3 text-sm text-muted";
  return (
    <nav aria-label={labels.nav} className="flex items-center justify-between gap-3">
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev" className={link}>
          {labels.previous}
        </Link>
      ) : (
        <span aria-disabled="true" className={disabled}>{labels.previous}</span>
      )}
      <p className="text-sm text-muted" aria-current="page">{labels.page}</p>
      {page < pages ? (
        <Link href={href(page + 1)} rel="next" className={link}>
          {labels.next}
        </Link>
      ) : (
        <span aria-disabled="true" className={disabled}>{labels.next}</span>
      )}
    </nav>
  );
}
