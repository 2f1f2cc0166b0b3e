import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { coversWholeOrg, scopedRepsSql } from "@/lib/kpi/kpi-filter";
import { nextPeriod, type Period } from "@/lib/kpi/period";
import { UNKNOWN_REASON } from "@/lib/kpi/query-lost-reasons";
import { DRILL_PAGE_SIZE, type DealDrillFilter } from "@/lib/validation/dashboard-drill";
import { queryLeadSide } from "@/lib/kpi/lead-side";
import { firstMeetingDealsSql, stageFlowSql } from "./drill-stage-flow";
import { keysetAfter, type KeysetCursor } from "./keyset";

export interface DrillDealRow {
  id: number;
  name: string;
  /** Null (with owner, team, amount, expected close and lost reason) on a restricted row. */
  account: string | null;
  owner: string | null;
  team: string | null;
  pipeline: string;
  stage: string;
  type: "NEW" | "EXPANSION" | "RENEWAL";
  status: "OPEN" | "WON" | "LOST";
  amount: string | null;
  createdAt: Date;
  expectedCloseAt: Date | null;
  closedAt: Date | null;
  lostReason: string | null;
  /** Calendar days from creation to close in the organisation's time zone; null while open. */
  cycleDays: number | null;
  /**
   * A deal of the hand-over chain the viewer may not open (another team's AE owns it, from the viewer's lead):
   * the row says only what the chain counts — name, pipeline, stage, type, status, created and closed.
   */
  restricted: boolean;
  /** The row's value of the sort column as text, for continuing after it (`after`). */
  sortKey: string | null;
}

export interface DrillDeals {
  rows: DrillDealRow[];
  /** Every matching deal, not only this page. */
  total: number;
  amount: string;
}

export interface DrillDealsInput {
  period: Period;
  pipelineId?: number;
  teamId?: number;
  filter: DealDrillFilter;
  /** Rows to skip and return; defaults to the filter's page of DRILL_PAGE_SIZE. */
  offset?: number;
  limit?: number;
  /** Continue after this row instead of at an offset (the export streams every page this way). */
  after?: KeysetCursor;
  /** Leave out the total (the export does not need it). */
  withoutTotal?: boolean;
}

const cycleDays = Prisma.sql`((d.closed_at AT TIME ZONE org.tz)::date - (d.created_at AT TIME ZONE org.tz)::date)`;

// Amount and owner sort restricted rows as if empty, so the order says nothing of what they hide.
const order = (shown: Prisma.Sql): Record<DealDrillFilter["sort"], Prisma.Sql> => ({
  // The column shows the close date, or the expected one for an open deal: it sorts by what it shows.
  closedAt: Prisma.sql`coalesce(d.closed_at, CASE WHEN ${shown} THEN (d.expected_close_at::timestamp AT TIME ZONE org.tz) END)`,
  createdAt: Prisma.sql`d.created_at`,
  amount: Prisma.sql`(CASE WHEN ${shown} THEN d.amount END)`,
  name: Prisma.sql`d.name`,
  owner: Prisma.sql`(CASE WHEN ${shown} THEN r.name END)`,
  stage: Prisma.sql`st.position`,
  cycle: cycleDays,
});

/** Each sort column's SQL type, for comparing a keyset cursor with it. */
const SORT_TYPES: Record<DealDrillFilter["sort"], string> = {
  closedAt: "timestamptz",
  createdAt: "timestamptz",
  amount: "numeric",
  name: "text",
  owner: "text",
  stage: "int",
  cycle: "int",
};

/**
 * The deals behind a dashboard number, with the KPI engine's attribution (the rep at close; open deals:
 * the owner) and scope: only deals of reps whose rows the viewer may see, filtered in SQL.
 */
export async function listDrillDeals(viewer: Viewer, input: DrillDealsInput): Promise<DrillDeals> {
  assertViewer(viewer);
  const { period, filter } = input;
  const start = Prisma.sql`${period.start.toISOString()}::timestamptz`;
  const end = Prisma.sql`${period.end.toISOString()}::timestamptz`;
  const openAt = (at: Prisma.Sql) => Prisma.sql`d.created_at < ${at} AND (d.closed_at IS NULL OR d.closed_at >= ${at})`;
  const basis: Record<DealDrillFilter["basis"], Prisma.Sql> = {
    closed: Prisma.sql`d.closed_at >= ${start} AND d.closed_at < ${end}`,
    created: Prisma.sql`d.created_at >= ${start} AND d.created_at < ${end}`,
    openStart: openAt(start),
    openEnd: openAt(end),
    expansion: Prisma.sql`d.closed_at >= ${start} AND d.closed_at < ${end} AND d.status = 'WON' AND d.type = 'EXPANSION'`,
    churn: Prisma.sql`d.closed_at >= ${start} AND d.closed_at < ${end} AND d.status = 'LOST' AND d.type = 'RENEWAL'`,
    coverage: Prisma.sql`${openAt(end)} AND d.expected_close_at >= ${period.endDate}::date AND d.expected_close_at < ${nextPeriod(period).endDate}::date`,
    entered: Prisma.sql`EXISTS (SELECT 1 FROM deal_stage_change c WHERE c.deal_id = d.id AND c.to_stage_id = ${filter.stageId ?? 0} AND c.at >= ${start} AND c.at < ${end})`,
    firstMeeting: Prisma.sql`TRUE`,
    fromHandedOver: Prisma.sql`TRUE`,
  };
  const kpiFilter = { teamIds: input.teamId === undefined ? undefined : [input.teamId], repId: filter.repId };
  // The rep at close (open deals: the owner). Narrowed on each column apart so PostgreSQL can use their indexes; the
  // coalesce form reads every deal of the organisation in the period (~100 ms for one rep on 1,000 reps).
  const inScope = coversWholeOrg(viewer, kpiFilter)
    ? Prisma.sql`coalesce(d.closed_owner_id, d.owner_id) IN (SELECT id FROM scoped WHERE visible)`
    : Prisma.sql`(d.closed_owner_id = ANY (ARRAY(SELECT id FROM scoped WHERE visible))
        OR (d.closed_owner_id IS NULL AND d.owner_id = ANY (ARRAY(SELECT id FROM scoped WHERE visible))))`;
  const conditions: Prisma.Sql[] = [Prisma.sql`d.org_id = ${viewer.orgId}`];
  if (filter.basis === "firstMeeting" || filter.basis === "fromHandedOver") {
    // Deals count for the rep at close (open deals: the owner); the hand-over chain's for the SDR (else AE) of their lead.
    conditions.push(
      firstMeetingDealsSql(viewer, coversWholeOrg(viewer, kpiFilter), start, end, {
        reachedFirstMeeting: filter.basis === "firstMeeting",
        side: await queryLeadSide(db, viewer, kpiFilter),
      }),
    );
  } else if (filter.basis === "entered" && filter.flow !== undefined) {
    conditions.push(inScope, stageFlowSql(filter.stageId ?? 0, filter.flow, start, end));
  } else {
    conditions.push(inScope, basis[filter.basis]);
  }
  if (input.pipelineId !== undefined) conditions.push(Prisma.sql`d.pipeline_id = ${input.pipelineId}`);
  if (filter.status !== undefined) conditions.push(Prisma.sql`d.status = ${filter.status}::"DealStatus"`);
  if (filter.stageId !== undefined && filter.basis !== "entered") conditions.push(Prisma.sql`d.stage_id = ${filter.stageId}`);
  if (filter.fromLead) conditions.push(Prisma.sql`d.lead_id IS NOT NULL`);
  if (filter.lostReason !== undefined) conditions.push(Prisma.sql`coalesce(nullif(d.lost_reason, ''), ${UNKNOWN_REASON}) = ${filter.lostReason}`);
  if (filter.lostFromStageId !== undefined) {
    // The stage before the deal's final change into LOST, as in the lost-reasons panel (deal_stage_fact's last row).
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM deal_stage_fact f
        WHERE f.deal_id = d.id AND f.is_last AND f.final_kind = 'LOST' AND f.prev_stage_id = ${filter.lostFromStageId})`);
  }
  const where = Prisma.join(conditions, " AND ");
  // The hand-over chain lists the deals from the viewer's (or their team's) leads, and other teams' AEs own many
  // of them: the viewer gets the full row only of a deal they may open (its owner is a rep whose rows they see,
  // as on the deal page); the others are restricted rows, and their amounts stay out of the total too.
  // `seeable` is the viewer's own scope, whatever team or rep filter narrows the list.
  const chain = filter.basis === "firstMeeting" || filter.basis === "fromHandedOver";
  const shown = chain && viewer.role !== "ADMIN" ? Prisma.sql`(d.owner_id IN (SELECT id FROM seeable WHERE visible))` : Prisma.sql`TRUE`;
  const seeable = scopedRepsSql(viewer);
  const direction = filter.dir === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const limit = input.limit ?? DRILL_PAGE_SIZE;
  const offset = input.after ? 0 : (input.offset ?? (filter.page - 1) * DRILL_PAGE_SIZE);
  const sortKey = order(shown)[filter.sort];
  const after = keysetAfter(sortKey, SORT_TYPES[filter.sort], Prisma.sql`d.id`, filter.dir, input.after);

  const [rows, totals] = await Promise.all([
    // The page is chosen on narrow rows (id and sort key) and only its rows are joined for their columns, so a
    // sort over many matches stays in memory and the export's every batch costs one pass over the matches.
    db.$queryRaw<DrillDealRow[]>(Prisma.sql`
      WITH org AS (SELECT time_zone AS tz FROM organization WHERE id = ${viewer.orgId}),
      scoped AS (${scopedRepsSql(viewer, kpiFilter)}),
      seeable AS (${seeable}),
      page AS (
        SELECT d.id, ${sortKey} AS k
        FROM deal d
        CROSS JOIN org
        JOIN rep r ON r.id = coalesce(d.closed_owner_id, d.owner_id)
        JOIN pipeline pl ON pl.id = d.pipeline_id
        JOIN stage st ON st.id = d.stage_id
        WHERE ${where} AND ${after}
        ORDER BY ${sortKey} ${direction} NULLS LAST, d.id ${direction}
        LIMIT ${limit} OFFSET ${offset})
      SELECT d.id, d.name, CASE WHEN ${shown} THEN a.name END AS account, CASE WHEN ${shown} THEN r.name END AS owner,
             CASE WHEN ${shown} THEN t.name END AS team, pl.name AS pipeline, st.name AS stage,
             d.type::text AS type, d.status::text AS status, CASE WHEN ${shown} THEN d.amount::text END AS amount,
             d.created_at AS "createdAt", CASE WHEN ${shown} THEN d.expected_close_at END AS "expectedCloseAt", d.closed_at AS "closedAt",
             CASE WHEN ${shown} THEN d.lost_reason END AS "lostReason",
             ${cycleDays} AS "cycleDays",
             NOT ${shown} AS restricted, p.k::text AS "sortKey"
      FROM page p
      JOIN deal d ON d.id = p.id
      CROSS JOIN org
      JOIN rep r ON r.id = coalesce(d.closed_owner_id, d.owner_id)
      LEFT JOIN team t ON t.id = r.team_id
      LEFT JOIN account a ON a.id = d.account_id
      JOIN pipeline pl ON pl.id = d.pipeline_id
      JOIN stage st ON st.id = d.stage_id
      ORDER BY p.k ${direction} NULLS LAST, p.id ${direction}`),
    input.withoutTotal
      ? Promise.resolve([{ total: 0, amount: "0.00" }])
      : db.$queryRaw<Array<{ total: number; amount: string }>>(Prisma.sql`
      WITH scoped AS (${scopedRepsSql(viewer, kpiFilter)}),
      seeable AS (${seeable})
      SELECT count(*)::int AS total, coalesce(sum(CASE WHEN ${shown} THEN d.amount END), 0)::numeric(20, 2)::text AS amount
      FROM deal d
      WHERE ${where}`),
  ]);
  return {
    rows,
    total: totals[0]?.total ?? 0,
    amount: totals[0]?.amount ?? "0.00",
  };
}
