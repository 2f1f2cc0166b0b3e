import Link from "next/link";
import type { DealFlag } from "@/lib/kpi/qualification-sql";
import type { BoardDeal, BoardTotal } from "@/lib/kpi/query-pipeline-board";
import type { Formatter } from "@/lib/i18n/get-formatter";
import { FlagBadges } from "./flag-badges";

export interface BoardColumn {
  stageId: number;
  name: string;
  total: BoardTotal;
  /** The table filtered to this stage: every deal behind the column's figures. */
  href: string;
}

export interface PipelineBoardLabels {
  label: string;
  stageTotal: (count: number, amount: string) => string;
  /** Read after the stage's count and value: what the link does. */
  showStage: (stage: string) => string;
  more: (count: number) => string;
  empty: string;
  closes: (date: string) => string;
  noCloseDate: string;
  inStage: (days: number) => string;
  noAmount: string;
  forecast: Record<string, string>;
  flags: Record<DealFlag, string>;
}

/** Open deals as columns of stages, in stage order, each with its count and value. */
export function PipelineBoard({ columns, deals, format, labels }: { columns: BoardColumn[]; deals: BoardDeal[]; format: Formatter; labels: PipelineBoardLabels }) {
  return (
    <section aria-label={labels.label} className="overflow-x-auto pb-2">
      <ol className="grid auto-cols-[minmax(11.5rem,1fr)] grid-flow-col gap-3">
        {columns.map((column) => {
          const cards = deals.filter((deal) => deal.stageId === column.stageId);
          const hidden = column.total.count - cards.length;
          const headingId = `stage-${column.stageId}-heading`;
          return (
            <li key={column.stageId} className="flex flex-col rounded-xl border border-border bg-surface-muted/60">
              <div className="border-b border-border px-3 py-2.5">
                <h2 id={headingId} className="text-sm font-semibold text-foreground">{column.name}</h2>
                <Link href={column.href} className="text-sm tabular-nums text-accent underline-offset-4 hover:underline">
                  {labels.stageTotal(column.total.count, format.money(column.total.amount))}
                  <span className="sr-only"> {labels.showStage(column.name)}</span>
                </Link>
              </div>
              {cards.length === 0 ? (
                <p className="px-3 py-4 text-sm text-muted">{labels.empty}</p>
              ) : (
                <ul className="flex flex-col gap-2 p-2">
                  {cards.map((deal) => (
                    <li key={deal.dealId} className="rounded-lg border border-border bg-surface p-2.5 shadow-sm">
                      <Link href={`/deals/${deal.dealId}`} className="text-sm font-medium text-accent underline-offset-4 hover:underline">
                        {deal.name}
                      </Link>
                      <p className="mt-0.5 text-xs text-muted">{deal.repName} · {labels.forecast[deal.forecastCategory]}</p>
                      <p className="mt-1.5 text-base font-semibold tabular-nums text-foreground">{deal.amount === null ? labels.noAmount : format.money(deal.amount)}</p>
                      <p className="mt-0.5 text-xs text-muted">
                        {labels.inStage(deal.daysInStage)}
                        <span aria-hidden="true"> · </span>
                        {deal.expectedCloseAt === null ? labels.noCloseDate : labels.closes(format.calendarDate(new Date(`${deal.expectedCloseAt}T00:00:00Z`)))}
                      </p>
                      <div className="mt-2">
                        <FlagBadges flags={deal.flags} labels={labels.flags} />
                      </div>
                    </li>
                  ))}
                </ul>
              )}
              {hidden > 0 && (
                <Link href={column.href} className="mx-3 mb-3 mt-auto text-sm font-medium text-accent underline-offset-4 hover:underline">
                  {labels.more(hidden)}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
