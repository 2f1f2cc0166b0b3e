import Link from "next/link";
import { Panel } from "@/components/kpi/panel";
import { DEAL_FLAGS, type DealFlag } from "@/lib/kpi/qualification-sql";
import type { Qualification } from "@/lib/kpi/query-qualification";
import type { Formatter } from "@/lib/i18n/get-formatter";

export interface CompliancePanelLabels {
  title: string;
  description: string;
  team: string;
  teamDetail: string;
  rep: string;
  open: string;
  qualified: string;
  rate: string;
  caption: string;
  showDeals: (rep: string, flag: string, count: number) => string;
  showAll: (rep: string, count: number) => string;
  flags: Record<DealFlag, string>;
}

const DASH = "—";

/** KPI.md compliance for the scope and per rep, with each flag's count linking to the deals that carry it. */
export function CompliancePanel({ qualification, hrefFor, format, labels }: { qualification: Qualification; hrefFor: (repId: number | undefined, flag: DealFlag | undefined) => string; format: Formatter; labels: CompliancePanelLabels }) {
  const percent = (value: number | null) => (value === null ? DASH : format.percent(value));
  const total = qualification.total;
  return (
    <Panel id="compliance-heading" title={labels.title} description={labels.description}>
      <div className="grid gap-6 xl:grid-cols-[16rem_1fr]">
        <div className="rounded-lg border border-border p-4">
          <p className="text-sm text-muted">{labels.team}</p>
          <p className="mt-1 text-4xl font-semibold tabular-nums text-foreground">
            <Link href={hrefFor(undefined, "MISQUALIFIED")} className="underline-offset-4 hover:underline">{percent(total.compliance)}</Link>
          </p>
          <p className="mt-1 text-sm text-muted">{labels.teamDetail}</p>
        </div>
        <div className="overflow-x-auto">
          <table className="w-full min-w-[900px] text-sm">
            <caption className="sr-only">{labels.caption}</caption>
            <thead className="border-b border-border text-xs text-muted">
              <tr>
                <th scope="col" className="px-2 py-2 text-left font-medium">{labels.rep}</th>
                <th scope="col" className="px-2 py-2 text-right font-medium">{labels.open}</th>
                <th scope="col" className="px-2 py-2 text-right font-medium">{labels.rate}</th>
                {DEAL_FLAGS.map((flag) => (
                  <th key={flag} scope="col" className="px-2 py-2 text-right font-medium">{labels.flags[flag]}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {qualification.reps.map((rep) => (
                <tr key={rep.repId} className="border-b border-border/70 tabular-nums last:border-0">
                  <th scope="row" className="px-2 py-1.5 text-left font-medium text-foreground">{rep.name}</th>
                  <td className="px-2 py-1.5 text-right">
                    <Link href={hrefFor(rep.repId, undefined)} aria-label={labels.showAll(rep.name, rep.openDeals)} className="text-accent underline-offset-4 hover:underline">
                      {format.number(rep.openDeals)}
                    </Link>
                  </td>
                  <td className="px-2 py-1.5 text-right font-semibold">{percent(rep.compliance)}</td>
                  {DEAL_FLAGS.map((flag) => (
                    <td key={flag} className="px-2 py-1.5 text-right">
                      {rep.flags[flag] === 0 ? (
                        <span className="text-muted">0</span>
                      ) : (
                        <Link href={hrefFor(rep.repId, flag)} aria-label={labels.showDeals(rep.name, labels.flags[flag], rep.flags[flag])} className="text-accent underline-offset-4 hover:underline">
                          {format.number(rep.flags[flag])}
                        </Link>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </Panel>
  );
}
