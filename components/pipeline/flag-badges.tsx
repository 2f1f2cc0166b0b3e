import type { DealFlag } from "@/lib/kpi/qualification-sql";

// MISQUALIFIED breaks the stage rules the meeting exists for; the others are hygiene.
const TONE: Record<DealFlag, string> = {
  MISQUALIFIED: "bg-danger-soft text-danger",
  STALE: "bg-warning-soft text-foreground",
  PAST_CLOSE_DATE: "bg-warning-soft text-foreground",
  NO_NEXT_STEP: "bg-warning-soft text-foreground",
  NO_AMOUNT: "bg-surface-muted text-foreground",
  STUCK: "bg-warning-soft text-foreground",
  SKIPPED_STAGE: "bg-surface-muted text-foreground",
};

/** A deal's KPI.md flags as words (never colour alone). */
export function FlagBadges({ flags, labels, noneLabel }: { flags: DealFlag[]; labels: Record<DealFlag, string>; noneLabel?: string }) {
  if (flags.length === 0) return noneLabel ? <span className="text-xs text-muted">{noneLabel}</span> : null;
  return (
    <ul className="flex flex-wrap gap-1">
      {flags.map((flag) => (
        <li key={flag} className={`rounded px-1.5 py-0.5 text-xs font-medium ${TONE[flag]}`}>
          {labels[flag]}
        </li>
      ))}
    </ul>
  );
}
