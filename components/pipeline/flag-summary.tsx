import Link from "next/link";
import { DEAL_FLAGS, type DealFlag } from "@/lib/kpi/qualification-sql";
import type { QualificationFigures } from "@/lib/kpi/query-qualification";
import type { Formatter } from "@/lib/i18n/get-formatter";

export interface FlagSummaryLabels {
  label: string;
  compliance: string;
  complianceDetail: string;
  /** Read after the flag and its count: what the link does. */
  showFlag: string;
  flags: Record<DealFlag, string>;
}

/** The ten-second read: compliance with the stage rules, then how many deals carry each flag (each a filter). */
export function FlagSummary({ figures, hrefFor, activeFlag, format, labels }: { figures: QualificationFigures; hrefFor: (flag: DealFlag) => string; activeFlag: DealFlag | undefined; format: Formatter; labels: FlagSummaryLabels }) {
  return (
    <section aria-label={labels.label} className="flex flex-wrap items-stretch gap-3">
      <div className="flex min-w-52 flex-col justify-center rounded-xl border border-border bg-surface px-4 py-3 shadow-sm">
        <p className="text-sm text-muted">{labels.compliance}</p>
        <p className="text-3xl font-semibold tabular-nums text-foreground">{figures.compliance === null ? "—" : format.percent(figures.compliance)}</p>
        <p className="text-xs text-muted">{labels.complianceDetail}</p>
      </div>
      <ul className="flex flex-1 flex-wrap content-center gap-2">
        {DEAL_FLAGS.map((flag) => (
          <li key={flag}>
            <Link
              href={hrefFor(flag)}
              aria-current={activeFlag === flag ? "true" : undefined}
              className={`inline-flex min-h-10 items-center gap-2 rounded-lg border px-3 text-sm ${activeFlag === flag ? "border-accent bg-accent-soft text-accent-soft-foreground" : "border-border-strong bg-surface text-foreground hover:bg-surface-muted"}`}
            >
              <span>{labels.flags[flag]}</span>
              <span className={`font-semibold tabular-nums ${flag === "MISQUALIFIED" && figures.flags[flag] > 0 ? "text-danger" : ""}`}>{format.number(figures.flags[flag])}</span>
              <span className="sr-only"> — {labels.showFlag}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
