// computeInsights(viewer, { year, teamId }, db?) → Insight[]: KPI.md's insight rules over a calendar year against the
// year before, for one team (teamId) or everything the viewer sees (teamId null: the organisation for an admin, their
// teams for a manager). Each lib/kpi query it needs runs once; every rule is a pure function over their results, so an
// insight can only name reps and deals the viewer may see. Insights come in section order (SALES_PROCESS, SALES_KPIS,
// PIPELINE_REVIEW, COACHING); store accept/dismiss decisions against `insight.key`, render with insightMessage().
// Throws AppError INVALID for a bad year or team id and NOT_FOUND for a team outside the viewer's scope.
import { z } from "zod";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { KpiSql } from "@/lib/kpi/kpi-sql";
import { monthBuckets, periodContains, periodOf, previousPeriod, type Period } from "@/lib/kpi/period";
import { queryActivityMetrics } from "@/lib/kpi/query-activity-metrics";
import { queryCoachingMetrics } from "@/lib/kpi/query-coaching-metrics";
import { queryDealFlags } from "@/lib/kpi/query-deal-flags";
import { queryDealMetrics } from "@/lib/kpi/query-deal-metrics";
import { queryForecastAccuracy } from "@/lib/kpi/query-forecast-accuracy";
import { queryLeadMetrics } from "@/lib/kpi/query-lead-metrics";
import { queryOrganizationSettings, type OrganizationSettings } from "@/lib/kpi/query-organization-settings";
import { queryQualification } from "@/lib/kpi/query-qualification";
import { queryScopeLabels } from "@/lib/kpi/query-scope-labels";
import { queryStageMetrics } from "@/lib/kpi/query-stage-metrics";
import { coachingBelowTarget } from "./coaching-below-target";
import { commitmentsSlipping } from "./commitments-slipping";
import { forecastBias } from "./forecast-bias";
import { handoffBottleneck } from "./handoff-bottleneck";
import { INSIGHT_SECTION, insightKey, type Insight, type InsightFinding } from "./insight";
import { insightDrill } from "./insight-drill";
import { lowActivity } from "./low-activity";
import { lowEffectiveness } from "./low-effectiveness";
import { qualificationGaps } from "./qualification-gaps";
import { quotaMissConcentration } from "./quota-miss-concentration";
import { stageDrops } from "./stage-drop";
import { stalledStages } from "./stalled-stage";

const INT4_MAX = 2_147_483_647;

const inputSchema = z.object({
  year: z.number().int().min(1970).max(9999),
  teamId: z.number().int().min(1).max(INT4_MAX).nullable(),
});

export interface ComputeInsightsInput {
  year: number;
  teamId: number | null;
}

/** The insights of a calendar year against the previous one (KPI.md P and P′), for a team or the viewer's whole scope. */
export async function computeInsights(viewer: Viewer, input: ComputeInsightsInput, db?: KpiSql): Promise<Insight[]> {
  assertViewer(viewer);
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("INVALID", { detail: `computeInsights: ${issue?.path.join(".") || "input"}: ${issue?.message ?? "invalid"}` });
  }
  // Imported on demand: kpi-db is server-only, and the report CLI passes its own client.
  const sql = db ?? (await import("@/lib/kpi/kpi-db")).kpiDb;
  const settings = await queryOrganizationSettings(sql, viewer);
  const period = periodOf({ kind: "year", year: parsed.data.year }, settings.timeZone);
  return computeInsightsForPeriod(sql, viewer, { period, teamId: parsed.data.teamId ?? undefined, settings });
}

/**
 * The same for any period P against P′ (the report's period may be a quarter). While P runs (`now` inside it), its
 * figures stop at now and are compared with the whole of P′, as on the dashboard; then STAGE_DROP stays silent (deals
 * that entered a stage in the last weeks have not had time to move on, which reads as a drop), forecast and coaching
 * months count only once they are over, and qualification is measured now.
 */
export async function computeInsightsForPeriod(
  sql: KpiSql,
  viewer: Viewer,
  input: { period: Period; teamId?: number; settings?: OrganizationSettings; now?: Date },
): Promise<Insight[]> {
  assertViewer(viewer);
  const { period, teamId } = input;
  const now = input.now ?? new Date();
  const filter = teamId === undefined ? {} : { teamIds: [teamId] };
  const running = periodContains(period, now);
  const at = new Date(Math.min(period.end.getTime(), now.getTime()));
  const monthsOver = monthBuckets(period).filter((bucket) => bucket.end.getTime() <= now.getTime()).map((bucket) => bucket.month);

  const [settings, labels] = await Promise.all([input.settings ?? queryOrganizationSettings(sql, viewer), queryScopeLabels(sql, viewer)]);
  if (teamId !== undefined && !labels.teams.some((team) => team.id === teamId)) {
    throw new AppError("NOT_FOUND", { detail: `computeInsights: teamId ${teamId} is not a team in the viewer's scope` });
  }
  const [deals, stages, leads, activities, coaching, coachingBefore, qualification, flagged, forecast] = await Promise.all([
    queryDealMetrics(sql, viewer, { period, filter }),
    queryStageMetrics(sql, viewer, { period, filter }),
    queryLeadMetrics(sql, viewer, { period, filter }),
    queryActivityMetrics(sql, viewer, { period, filter }),
    queryCoachingMetrics(sql, viewer, { period, filter }),
    queryCoachingMetrics(sql, viewer, { period: previousPeriod(period), filter }),
    queryQualification(sql, viewer, { at, filter }),
    queryDealFlags(sql, viewer, { at, filter }),
    queryForecastAccuracy(sql, viewer, { period, filter }),
  ]);

  const repName = new Map(qualification.reps.map((rep) => [rep.repId, rep.name]));
  const stageName = new Map(labels.pipelines.flatMap((p) => p.stages.map((s) => [s.id, s.name] as const)));
  const misqualified = flagged
    .filter((deal) => deal.flags.includes("MISQUALIFIED"))
    .map((deal) => ({
      id: deal.dealId,
      name: deal.name,
      rep: { id: deal.repId, name: repName.get(deal.repId) ?? "" },
      stage: { id: deal.stageId, name: stageName.get(deal.stageId) ?? "" },
      amount: deal.amount,
    }));
  const handoff = handoffBottleneck(leads.total.current, leads.total.previous);

  const findings: Array<InsightFinding | null> = [
    ...(running ? [] : stageDrops(stages.pipelines)),
    ...stalledStages(stages.pipelines, settings.stuckFactor),
    handoff && {
      code: "HANDOFF_BOTTLENECK",
      rep: null,
      stage: null,
      figures: { handedOver: handoff.handedOver, firstMeetings: handoff.firstMeetings, conversion: handoff.conversion },
    },
    quotaMissConcentration(deals),
    forecastBias(forecast.total, settings.currency, monthsOver),
    qualificationGaps(qualification.total, misqualified, at),
    ...lowActivity(activities, leads),
    ...lowEffectiveness(activities, leads),
    coachingBelowTarget(coaching, monthsOver),
    commitmentsSlipping(coaching.total, coachingBefore.total),
  ];
  return findings
    .filter((finding): finding is InsightFinding => finding !== null)
    .map((finding) => ({
      ...finding,
      section: INSIGHT_SECTION[finding.code],
      key: insightKey(finding),
      drill: insightDrill(finding, { spec: period.spec, teamId }),
    }));
}
