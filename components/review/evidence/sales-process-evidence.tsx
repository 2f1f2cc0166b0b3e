import Link from "next/link";
import { MetricCard } from "@/components/kpi/metric-card";
import { num } from "@/components/kpi/change";
import { Panel } from "@/components/kpi/panel";
import { deltaFor } from "@/components/kpi/panels/delta-for";
import { FunnelPanel } from "@/components/kpi/panels/funnel-panel";
import { LostReasonsPanel } from "@/components/kpi/panels/lost-reasons-panel";
import { cachedDealMetrics, dealsHref, type DashboardScope } from "@/lib/dashboard/scope";
import { listStageGuides } from "@/lib/data/review/list-stage-guides";
import { getStageMetrics } from "@/lib/kpi/get-stage-metrics";
import { getTranslations } from "@/lib/i18n/get-translations";

const DASH = "—";
/** The select value of the quotaDetail message for "no quota set": a sentence says it in words, never as a dash. */
const MISSING = "none";

/** Section 1: win rate and quota, each stage beside the buyer's journey, the funnel and where deals were lost. */
export async function SalesProcessEvidence({ scope }: { scope: DashboardScope }) {
  const [deals, t, tCards] = await Promise.all([cachedDealMetrics(scope), getTranslations("review.evidence"), getTranslations("dashboard.cards")]);
  const { format } = scope;
  const cur = deals.total.current;
  const prev = deals.total.previous;
  const percent = (value: number | null) => (value === null ? DASH : format.percent(value));
  const cards = [
    {
      key: "winRate",
      label: tCards("winRate.label"),
      value: percent(cur.winRate),
      href: dealsHref(scope, { basis: "closed" }),
      delta: await deltaFor(scope, cur.winRate, prev.winRate, { kind: "points", previousText: percent(prev.winRate) }),
      detail: tCards("winRateDetail", { won: format.number(cur.won), lost: format.number(cur.lost) }),
    },
    {
      key: "quotaAttainment",
      label: t("quotaAttainment"),
      value: percent(cur.quotaAttainment),
      href: dealsHref(scope, { basis: "closed", status: "WON" }),
      delta: await deltaFor(scope, cur.quotaAttainment, prev.quotaAttainment, { kind: "points", previousText: percent(prev.quotaAttainment) }),
      detail: t("quotaDetail", { revenue: format.money(cur.revenue), quota: num(cur.quota) ? format.money(cur.quota) : MISSING }),
    },
    {
      key: "repsAtQuota",
      label: t("repsAtQuota"),
      value: percent(cur.repsAtQuota),
      href: "/roster",
      delta: await deltaFor(scope, cur.repsAtQuota, prev.repsAtQuota, { kind: "points", previousText: percent(prev.repsAtQuota) }),
      detail: t("repsAtQuotaDetail"),
    },
  ];
  return (
    <div className="space-y-6">
      <dl className="grid grid-cols-1 gap-4 md:grid-cols-3">
        {cards.map((card) => (
          <MetricCard key={card.key} label={card.label} value={card.value} href={card.href} linkLabel={t("showRows", { metric: card.label, value: card.value })} delta={card.delta} detail={card.detail} />
        ))}
      </dl>
      <StageGuidePanel scope={scope} />
      <FunnelPanel scope={scope} />
      <LostReasonsPanel scope={scope} />
    </div>
  );
}

/** The article's first question, stage by stage: what the buyer is doing, what they must know, and how deals fared. */
async function StageGuidePanel({ scope }: { scope: DashboardScope }) {
  const [stages, guides, t, tBuyer] = await Promise.all([
    getStageMetrics(scope.viewer, { period: scope.period, filter: scope.filter }),
    listStageGuides(scope.viewer),
    getTranslations("review.evidence.stageGuide"),
    getTranslations("review.buyerStages"),
  ]);
  const { format } = scope;
  const percent = (value: number | null) => (value === null ? DASH : format.percent(value));
  return (
    <Panel id="stage-guide-heading" title={t("title")} description={t("description")}>
      <div className="space-y-6">
        {stages.pipelines.map((pipeline) => (
          <div key={pipeline.pipelineId} className="overflow-x-auto">
            <table className="w-full min-w-[860px] text-sm">
              <caption className="mb-2 text-left text-base font-semibold text-foreground">{pipeline.name}</caption>
              <thead>
                <tr className="border-b border-border text-left text-xs uppercase tracking-wide text-muted">
                  <th scope="col" className="py-2 pr-3 font-medium">{t("stage")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("buyerStage")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("buyerQuestion")}</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">{t("entered")}</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">{t("conversion")}</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">{t("conversionBefore", { period: scope.previousLabel })}</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">{t("medianDays")}</th>
                </tr>
              </thead>
              <tbody>
                {pipeline.current.stages.map((stage, index) => {
                  const guide = guides.get(stage.stageId);
                  const before = pipeline.previous.stages[index];
                  return (
                    <tr key={stage.stageId} className="border-b border-border/70 align-top last:border-0">
                      <th scope="row" className="py-2 pr-3 text-left font-medium text-foreground">{stage.name}</th>
                      <td className="px-3 py-2">{guide?.buyerStage ? tBuyer(guide.buyerStage) : DASH}</td>
                      <td className="max-w-md px-3 py-2 text-muted">{guide?.buyerQuestion ?? t("noQuestion")}</td>
                      <td className="px-3 py-2 text-right tabular-nums">
                        {stage.entered > 0 ? (
                          <Link className="underline decoration-border-strong underline-offset-4 hover:decoration-accent" href={dealsHref(scope, { basis: "entered", stageId: stage.stageId, sort: "createdAt" })}>
                            {format.number(stage.entered)}
                          </Link>
                        ) : (
                          format.number(0)
                        )}
                      </td>
                      <td className="px-3 py-2 text-right font-medium tabular-nums">{percent(stage.conversion)}</td>
                      <td className="px-3 py-2 text-right tabular-nums text-muted">{percent(before?.conversion ?? null)}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{stage.timeInStage.medianDays === null ? DASH : format.days(stage.timeInStage.medianDays)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ))}
      </div>
    </Panel>
  );
}
