import Link from "next/link";
import type { DealFlag } from "@/lib/kpi/qualification-sql";
import type { BoardDeal } from "@/lib/kpi/query-pipeline-board";
import type { Formatter } from "@/lib/i18n/get-formatter";
import { FlagBadges } from "./flag-badges";

export interface PipelineTableLabels {
  caption: string;
  deal: string;
  rep: string;
  stage: string;
  amount: string;
  forecast: string;
  closeDate: string;
  daysInStage: string;
  lastActivity: string;
  flags: string;
  nextStep: string;
  noFlags: string;
  forecasts: Record<string, string>;
  flagNames: Record<DealFlag, string>;
}

const DASH = "—";

/** Every open deal that passes the filters, in the order the meeting walks them. */
export function PipelineTable({ deals, stageName, format, labels }: { deals: BoardDeal[]; stageName: (stageId: number) => string; format: Formatter; labels: PipelineTableLabels }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-border bg-surface shadow-sm">
      <table className="w-full min-w-[1100px] text-sm">
        <caption className="sr-only">{labels.caption}</caption>
        <thead className="border-b border-border bg-surface-muted text-xs text-muted">
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-medium">{labels.deal}</th>
            <th scope="col" className="px-3 py-2 text-left font-medium">{labels.rep}</th>
            <th scope="col" className="px-3 py-2 text-left font-medium">{labels.stage}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{labels.amount}</th>
            <th scope="col" className="px-3 py-2 text-left font-medium">{labels.forecast}</th>
            <th scope="col" className="px-3 py-2 text-left font-medium">{labels.closeDate}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{labels.daysInStage}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{labels.lastActivity}</th>
            <th scope="col" className="px-3 py-2 text-left font-medium">{labels.flags}</th>
            <th scope="col" className="px-3 py-2 text-left font-medium">{labels.nextStep}</th>
          </tr>
        </thead>
        <tbody>
          {deals.map((deal) => (
            <tr key={deal.dealId} className="border-b border-border/70 align-top tabular-nums last:border-0">
              <th scope="row" className="px-3 py-2 text-left font-medium">
                <Link href={`/deals/${deal.dealId}`} className="text-accent underline-offset-4 hover:underline">{deal.name}</Link>
              </th>
              <td className="px-3 py-2">{deal.repName}</td>
              <td className="px-3 py-2">{stageName(deal.stageId)}</td>
              <td className="px-3 py-2 text-right">{deal.amount === null ? DASH : format.money(deal.amount)}</td>
              <td className="px-3 py-2">{labels.forecasts[deal.forecastCategory]}</td>
              <td className="whitespace-nowrap px-3 py-2">{deal.expectedCloseAt === null ? DASH : format.calendarDate(new Date(`${deal.expectedCloseAt}T00:00:00Z`))}</td>
              <td className="px-3 py-2 text-right">{format.number(deal.daysInStage)}</td>
              <td className="px-3 py-2 text-right">{format.number(deal.daysSinceActivity)}</td>
              <td className="min-w-44 px-3 py-2"><FlagBadges flags={deal.flags} labels={labels.flagNames} noneLabel={labels.noFlags} /></td>
              <td className="max-w-64 px-3 py-2 text-foreground">{deal.nextStep?.trim() ? deal.nextStep : DASH}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
