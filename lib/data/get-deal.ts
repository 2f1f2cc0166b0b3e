import "server-only";
import { db } from "@/lib/db/client";
import { Prisma, type DealStatus, type DecisionKind, type ForecastCategory, type StageKind } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { repScopeSql } from "./rep-scope-sql";

/**
 * Whether the deal aliased `d` (its owner joined as `r`) is one the viewer may see and edit: an admin's
 * organisation, a manager's teams, a rep's own deals. Reads and writes both put it in their WHERE clause.
 */
export function dealInScopeSql(viewer: Viewer): Prisma.Sql {
  const scope = repScopeSql(viewer, { id: Prisma.sql`r.id`, orgId: Prisma.sql`r.org_id`, teamId: Prisma.sql`r.team_id` });
  return Prisma.sql`d.org_id = ${viewer.orgId} AND r.id = d.owner_id AND (${scope.aggregate}) AND (${scope.rowVisible})`;
}

export interface DealStageStep {
  id: number;
  from: string | null;
  to: string;
  at: Date;
  by: string | null;
  synthesized: boolean;
  /** Calendar days in the organisation's time zone until the next change; null for the stage the deal is in. */
  stayDays: number | null;
}

export interface DealActivity {
  id: number;
  type: "CALL" | "EMAIL" | "SOCIAL" | "MEETING";
  at: Date;
  rep: string;
  responded: boolean;
}

export interface DealDecision {
  id: number;
  kind: DecisionKind;
  note: string | null;
  flags: string[];
  at: Date;
  by: string | null;
  meetingAt: Date;
}

export interface DealCriterion {
  id: number;
  question: string;
  answer: boolean | null;
  answeredBy: string | null;
  answeredAt: Date | null;
}

export interface DealCriteriaStage {
  stageId: number;
  name: string;
  position: number;
  isCurrent: boolean;
  criteria: DealCriterion[];
}

export interface DealDetail {
  id: number;
  name: string;
  account: string | null;
  owner: string;
  pipeline: string;
  stage: { id: number; name: string; position: number; kind: StageKind };
  /** An exact decimal string, or null when the deal has no amount. */
  amount: string | null;
  createdAt: Date;
  /** A calendar date (midnight UTC): format it in UTC, not in the organisation's time zone. */
  expectedCloseAt: Date | null;
  closedAt: Date | null;
  status: DealStatus;
  forecastCategory: ForecastCategory;
  nextStep: string | null;
  history: DealStageStep[];
  /** The latest activities on the deal (at most ACTIVITIES_SHOWN) and how many there are in all. */
  activities: DealActivity[];
  activityCount: number;
  /** When the first activity on the deal happened (null without any): where its activity drill starts. */
  firstActivityAt: Date | null;
  /** Decisions taken on the deal in pipeline meetings, newest first. */
  decisions: DealDecision[];
  /** Open stages up to and including the current one, in order, with their active criteria and answers. */
  criteriaStages: DealCriteriaStage[];
  /** KPI.md: every criterion of S1…S(i−1) answered yes. */
  qualified: boolean;
  /** Criteria of the earlier stages not answered yes (what stands between the deal and "qualified"). */
  unqualifiedCount: number;
}

interface DealRow {
  id: number;
  name: string;
  account: string | null;
  owner: string;
  pipelineId: number;
  pipeline: string;
  stageId: number;
  stageName: string;
  stagePosition: number;
  stageKind: StageKind;
  amount: string | null;
  createdAt: Date;
  expectedCloseAt: Date | null;
  closedAt: Date | null;
  status: DealStatus;
  forecastCategory: ForecastCategory;
  nextStep: string | null;
}

// The page shows the latest; the rest are in the activity drill.
export const ACTIVITIES_SHOWN = 20;
const DECISIONS_SHOWN = 50;

/** One deal, if the viewer may see it; null for a missing id and for one outside the viewer's scope alike. */
export async function getDeal(viewer: Viewer, dealId: number): Promise<DealDetail | null> {
  assertViewer(viewer);
  const [deal] = await db.$queryRaw<DealRow[]>(Prisma.sql`
    SELECT d.id, d.name, a.name AS account, r.name AS owner,
           p.id AS "pipelineId", p.name AS pipeline,
           s.id AS "stageId", s.name AS "stageName", s.position AS "stagePosition", s.kind AS "stageKind",
           d.amount::text AS amount, d.created_at AS "createdAt", d.expected_close_at AS "expectedCloseAt",
           d.closed_at AS "closedAt", d.status, d.forecast_category AS "forecastCategory", d.next_step AS "nextStep"
    FROM deal d
    JOIN rep r ON r.id = d.owner_id
    JOIN pipeline p ON p.id = d.pipeline_id
    JOIN stage s ON s.id = d.stage_id
    LEFT JOIN account a ON a.id = d.account_id
    WHERE d.id = ${dealId} AND ${dealInScopeSql(viewer)}`);
  if (!deal) return null;

  // The deal is in scope: what follows hangs off its id.
  const [history, stages, activities, activityTotals, decisions] = await Promise.all([
    db.dealStageChange.findMany({
      where: { dealId: deal.id },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      select: {
        id: true,
        at: true,
        synthesized: true,
        fromStage: { select: { name: true } },
        toStage: { select: { name: true } },
        byUser: { select: { name: true } },
        // The stage metrics' own stay (deal_stage_fact), so the page and the KPIs count days alike.
        fact: { select: { stayDays: true } },
      },
    }),
    db.stage.findMany({
      where: { pipelineId: deal.pipelineId, kind: "OPEN", position: { lte: deal.stagePosition } },
      orderBy: { position: "asc" },
      select: {
        id: true,
        name: true,
        position: true,
        criteria: {
          where: { retiredAt: null },
          orderBy: { position: "asc" },
          select: {
            id: true,
            question: true,
            answers: { where: { dealId: deal.id }, select: { answer: true, answeredAt: true, answeredBy: { select: { name: true } } } },
          },
        },
      },
    }),
    db.activity.findMany({
      where: { dealId: deal.id },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: ACTIVITIES_SHOWN,
      select: { id: true, type: true, at: true, responded: true, rep: { select: { name: true } } },
    }),
    db.activity.aggregate({ where: { dealId: deal.id }, _count: { _all: true }, _min: { at: true } }),
    db.meetingDecision.findMany({
      where: { dealId: deal.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: DECISIONS_SHOWN,
      select: { id: true, kind: true, note: true, flags: true, createdAt: true, decidedBy: { select: { name: true } }, meeting: { select: { heldAt: true } } },
    }),
  ]);

  const criteriaStages = stages.map((stage) => ({
    stageId: stage.id,
    name: stage.name,
    position: stage.position,
    isCurrent: stage.id === deal.stageId,
    criteria: stage.criteria.map((criterion) => {
      const answer = criterion.answers[0];
      return {
        id: criterion.id,
        question: criterion.question,
        answer: answer?.answer ?? null,
        answeredBy: answer?.answeredBy?.name ?? null,
        answeredAt: answer?.answeredAt ?? null,
      };
    }),
  }));
  const unqualifiedCount = criteriaStages
    .filter((stage) => stage.position < deal.stagePosition)
    .reduce((sum, stage) => sum + stage.criteria.filter((criterion) => criterion.answer !== true).length, 0);

  return {
    id: deal.id,
    name: deal.name,
    account: deal.account,
    owner: deal.owner,
    pipeline: deal.pipeline,
    stage: { id: deal.stageId, name: deal.stageName, position: deal.stagePosition, kind: deal.stageKind },
    amount: deal.amount,
    createdAt: deal.createdAt,
    expectedCloseAt: deal.expectedCloseAt,
    closedAt: deal.closedAt,
    status: deal.status,
    forecastCategory: deal.forecastCategory,
    nextStep: deal.nextStep,
    history: history.map((step) => ({
      id: step.id,
      from: step.fromStage?.name ?? null,
      to: step.toStage.name,
      at: step.at,
      by: step.byUser?.name ?? null,
      synthesized: step.synthesized,
      stayDays: step.fact?.stayDays ?? null,
    })),
    activities: activities.map((activity) => ({ id: activity.id, type: activity.type, at: activity.at, rep: activity.rep.name, responded: activity.responded })),
    activityCount: activityTotals._count._all,
    firstActivityAt: activityTotals._min.at,
    decisions: decisions.map((decision) => ({
      id: decision.id,
      kind: decision.kind,
      note: decision.note,
      flags: decision.flags,
      at: decision.createdAt,
      by: decision.decidedBy?.name ?? null,
      meetingAt: decision.meeting.heldAt,
    })),
    criteriaStages,
    qualified: unqualifiedCount === 0,
    unqualifiedCount,
  };
}
