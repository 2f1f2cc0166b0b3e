import { Prisma, type DealMonthEvent } from "@/lib/db/generated/client";
import type { Viewer } from "@/lib/auth/viewer";
import { dealInScopeSql, repInScopeSql, type KpiFilter } from "./kpi-filter";
import { startOfLocalDate } from "./period";
import { instantSql, wholeMonthsAndEdgeDaysSql, type NumberedSpan } from "./periods-sql";

/** A span of local days in the organisation's time zone, numbered `p` in the rows. */
export interface EventSpan extends NumberedSpan {
  timeZone: string;
}

export interface DealEventsInput {
  filter?: KpiFilter;
  pipelineId?: number;
  /** Only these events (default: all three). */
  events?: readonly DealMonthEvent[];
}

/**
 * Rows (p, rep_id, event, type, cycle_days, n, amount) counting the deal events that fall in each span: a deal's
 * creation (CREATED, at created_at) and its close (WON or LOST, at closed_at), attributed to
 * coalesce(closed_owner_id, owner_id), for deals in the viewer's scope and the pipeline. A WON row carries the sales
 * cycle in calendar days, so its rows form a histogram of cycles; `amount` is the Σ amount of the row's deals.
 *
 * Each span's whole local months come from deal_month (kept current by triggers on deal, months in the organisation's
 * time zone as the spans are), only its edge days from deal; both through the SQL function deal_month_events, the one
 * definition of a deal's events and cycle (prisma/migrations/20261128090000_deal_month). The query must have the
 * `scoped` CTE of kpi-filter.
 */
export function dealEventRowsSql(viewer: Viewer, spans: readonly EventSpan[], input: DealEventsInput = {}): Prisma.Sql {
  const events = input.events ?? (["CREATED", "WON", "LOST"] as const);
  const eventList = Prisma.join(events.map((event) => Prisma.sql`${event}::"DealMonthEvent"`));
  const monthPipeline = input.pipelineId === undefined ? Prisma.sql`TRUE` : Prisma.sql`dm.pipeline_id = ${input.pipelineId}`;
  const dealPipeline = input.pipelineId === undefined ? Prisma.sql`TRUE` : Prisma.sql`d.pipeline_id = ${input.pipelineId}`;
  const monthInScope = repInScopeSql(viewer, input.filter, Prisma.sql`dm.rep_id`);
  const dealInScope = dealInScopeSql(viewer, input.filter);

  return wholeMonthsAndEdgeDaysSql(spans, {
    months: (span, from, to) => Prisma.sql`SELECT ${span.p}::int AS p, dm.rep_id, dm.event, dm.type, dm.cycle_days, dm.n::bigint AS n, dm.amount
      FROM deal_month dm
      WHERE dm.org_id = ${viewer.orgId} AND dm.month >= ${from}::date AND dm.month < ${to}::date
        AND dm.event IN (${eventList}) AND ${monthInScope} AND ${monthPipeline}`,
    days: (span, from, to) => {
      const [start, end] = [from, to].map((date) => instantSql(startOfLocalDate(date, span.timeZone)));
      // Deals created or closed in the days, each range on its (org_id, created_at | closed_at) index.
      const touched = [
        ...(events.includes("CREATED") ? [Prisma.sql`(d.created_at >= ${start} AND d.created_at < ${end})`] : []),
        ...(events.some((event) => event !== "CREATED") ? [Prisma.sql`(d.closed_at >= ${start} AND d.closed_at < ${end})`] : []),
      ];
      return Prisma.sql`SELECT ${span.p}::int AS p, coalesce(d.closed_owner_id, d.owner_id) AS rep_id, e.event, d.type, e.cycle_days,
               count(*) AS n, coalesce(sum(d.amount), 0) AS amount
        FROM deal d
        CROSS JOIN LATERAL deal_month_events(d.created_at, d.closed_at, d.status, ${span.timeZone}::text) e
        WHERE d.org_id = ${viewer.orgId} AND (${Prisma.join(touched, " OR ")})
          AND e.at >= ${start} AND e.at < ${end} AND e.event IN (${eventList})
          AND ${dealInScope} AND ${dealPipeline}
        GROUP BY 2, 3, 4, 5`;
    },
  });
}
