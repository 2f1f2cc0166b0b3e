// The derived tables of the KPI engine as their triggers left them, and as a rebuild from scratch makes them: the
// comparison kpi-rollups runs after random writes, and pipelines-admin after edits of a pipeline's stages.
import type pg from "pg";
import { expect } from "vitest";

/** The organisation whose derived rows are compared, and the deals whose stage facts are. */
export interface DerivedScope {
  orgId: number;
  dealIds: number[];
}

/** activity_month as its triggers left it, and activity_day summed per month. */
export async function monthsAndSummedDays(c: pg.ClientBase, org: DerivedScope): Promise<{ months: unknown[]; summed: unknown[] }> {
  const months = await c.query(`SELECT org_id, rep_id, month::text, type, count, responded FROM activity_month WHERE org_id = $1 ORDER BY 2, 3, 4`, [
    org.orgId,
  ]);
  const summed = await c.query(
    `SELECT org_id, rep_id, date_trunc('month', day)::date::text AS month, type, sum(count)::int AS count, sum(responded)::int AS responded
     FROM activity_day WHERE org_id = $1 GROUP BY 1, 2, 3, 4 ORDER BY 2, 3, 4`,
    [org.orgId],
  );
  return { months: months.rows, summed: summed.rows };
}

/**
 * The stage rollups as they are, and as a reference computes them here from the facts and the current stages, written
 * the way the stage metrics used to read the facts (current stage kinds and positions, the next open stage by lead()).
 */
export async function stageRollups(c: pg.ClientBase, org: DerivedScope): Promise<{ rollups: unknown[]; reference: unknown[] }> {
  const rows = async (text: string) => (await c.query(text, [org.orgId])).rows;
  const rollups = [
    ...(await rows(
      `SELECT stage_id, day::text, prev_same_day::text, entered, advanced, lost FROM stage_entry_day WHERE org_id = $1 ORDER BY 1, 2, 3`,
    )),
    ...(await rows(`SELECT stage_id, day::text, stay_days, n FROM stage_stay_day WHERE org_id = $1 ORDER BY 1, 2, 3`)),
    ...(await rows(`SELECT change_id, deal_id, pipeline_id, day::text AS jump_day, from_position, rank FROM stage_jump WHERE org_id = $1 ORDER BY 1`)),
  ];
  const facts = `deal_stage_fact f JOIN stage st ON st.id = f.stage_id JOIN pipeline pl ON pl.id = st.pipeline_id
                 JOIN organization o ON o.id = pl.org_id`;
  const reference = [
    ...(await rows(
      `SELECT f.stage_id, (f.at AT TIME ZONE o.time_zone)::date::text AS day,
              coalesce((f.prev_same_at AT TIME ZONE o.time_zone)::date, '0001-01-01')::text AS prev_same_day,
              count(*)::int AS entered, count(*) FILTER (WHERE f.later_rank > st.position)::int AS advanced,
              count(*) FILTER (WHERE NOT coalesce(f.later_rank > st.position, false) AND f.final_kind = 'LOST')::int AS lost
       FROM ${facts} WHERE pl.org_id = $1 AND st.kind = 'OPEN' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    )),
    ...(await rows(
      `SELECT f.stage_id, (f.next_at AT TIME ZONE o.time_zone)::date::text AS day, f.stay_days, count(*)::int AS n
       FROM ${facts} WHERE pl.org_id = $1 AND st.kind = 'OPEN' AND f.next_at IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    )),
    ...(await rows(
      `WITH next_open AS (
         SELECT s.id, s.position, lead(s.position) OVER (PARTITION BY s.pipeline_id ORDER BY s.position) AS next_position
         FROM stage s JOIN pipeline pl ON pl.id = s.pipeline_id AND pl.org_id = $1 WHERE s.kind = 'OPEN'
       )
       SELECT f.change_id, f.deal_id, st.pipeline_id, (f.at AT TIME ZONE o.time_zone)::date::text AS jump_day, prev.position AS from_position, f.rank
       FROM ${facts} JOIN next_open prev ON prev.id = f.prev_stage_id
       WHERE pl.org_id = $1 AND f.rank > prev.next_position ORDER BY 1`,
    )),
  ];
  return { rollups, reference };
}

/**
 * The derived rows as the triggers left them, and as a rebuild from scratch makes them (in a rolled-back
 * transaction); activity_month is checked against the sum of activity_day in both states.
 */
export async function maintainedAndRebuilt(c: pg.ClientBase, org: DerivedScope): Promise<{ maintained: unknown[]; rebuilt: unknown[] }> {
  const read = async () => {
    const facts = await c.query(
      `SELECT f.* FROM deal_stage_fact f WHERE f.deal_id = ANY ($1) ORDER BY f.change_id`,
      [org.dealIds],
    );
    const days = await c.query(`SELECT rep_id, day::text, type, count, responded FROM activity_day WHERE org_id = $1 ORDER BY 1, 2, 3`, [org.orgId]);
    const touches = await c.query(
      `SELECT deal_id, lead_id, lead_rep_id, deal_rep_id, created_at, is_conversion, calls, emails, socials, meetings, first_activity_at,
              follow_days
       FROM conversion_touch WHERE org_id = $1 ORDER BY deal_id`,
      [org.orgId],
    );
    const chains = await c.query(
      `SELECT lead_id, rep_id, handed_over_at, deals, first_meetings, won_deals FROM lead_chain WHERE org_id = $1 ORDER BY lead_id`,
      [org.orgId],
    );
    // lead_month under another column name than "month" (the counts below tell activity months by it).
    const leadMonths = await c.query(
      `SELECT rep_id, month::text AS lead_month, source, n FROM lead_month WHERE org_id = $1 ORDER BY 1 NULLS FIRST, 2, 3`,
      [org.orgId],
    );
    const countedLeads = await c.query(
      `SELECT coalesce(l.sdr_id, l.ae_id) AS rep_id, date_trunc('month', l.created_at AT TIME ZONE o.time_zone)::date::text AS lead_month,
              l.source, count(*)::int AS n
       FROM lead l JOIN organization o ON o.id = l.org_id WHERE l.org_id = $1 GROUP BY 1, 2, 3 ORDER BY 1 NULLS FIRST, 2, 3`,
      [org.orgId],
    );
    expect(leadMonths.rows, "lead_month = leads counted per rep, local month and source").toEqual(countedLeads.rows);
    // deal_month under another column name than "month" too; the reference spells out each event without deal_month_events.
    const dealMonths = await c.query(
      `SELECT rep_id, pipeline_id, month::text AS deal_month, event::text, type, cycle_days, n, amount::numeric(20, 2)::text AS amount
       FROM deal_month WHERE org_id = $1 ORDER BY 1, 2, 3, 4, 5, 6 NULLS FIRST`,
      [org.orgId],
    );
    const countedDeals = await c.query(
      `WITH events AS (
         SELECT coalesce(d.closed_owner_id, d.owner_id) AS rep_id, d.pipeline_id, d.type, d.amount,
                date_trunc('month', d.created_at AT TIME ZONE o.time_zone)::date AS month, 'CREATED' AS event, NULL::int AS cycle_days
         FROM deal d JOIN organization o ON o.id = d.org_id WHERE d.org_id = $1
         UNION ALL
         SELECT coalesce(d.closed_owner_id, d.owner_id), d.pipeline_id, d.type, d.amount,
                date_trunc('month', d.closed_at AT TIME ZONE o.time_zone)::date, d.status::text,
                CASE WHEN d.status = 'WON' THEN (d.closed_at AT TIME ZONE o.time_zone)::date - (d.created_at AT TIME ZONE o.time_zone)::date END
         FROM deal d JOIN organization o ON o.id = d.org_id WHERE d.org_id = $1 AND d.status <> 'OPEN' AND d.closed_at IS NOT NULL
       )
       SELECT rep_id, pipeline_id, month::text AS deal_month, event, type, cycle_days, count(*)::int AS n,
              coalesce(sum(amount), 0)::numeric(20, 2)::text AS amount
       FROM events GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6 NULLS FIRST`,
      [org.orgId],
    );
    expect(dealMonths.rows, "deal_month = deals counted per rep, pipeline, local month, event, type and cycle").toEqual(countedDeals.rows);
    const { months, summed } = await monthsAndSummedDays(c, org);
    expect(months, "activity_month = activity_day summed per month").toEqual(summed);
    const { rollups, reference } = await stageRollups(c, org);
    expect(rollups, "stage rollups = the reference from the facts").toEqual(reference);
    return [...facts.rows, ...days.rows, ...touches.rows, ...months, ...rollups, ...chains.rows, ...leadMonths.rows, ...dealMonths.rows];
  };
  const maintained = await read();
  await c.query("SAVEPOINT rebuild");
  await c.query(`SELECT rebuild_stage_days($1)`, [org.orgId]);
  expect(await read(), "stage rollups = rebuild_stage_days").toEqual(maintained);
  await c.query(`DELETE FROM deal_stage_fact WHERE deal_id = ANY ($1)`, [org.dealIds]);
  await c.query(`SELECT refresh_deal_stage_facts($1)`, [org.dealIds]);
  await c.query(`SELECT rebuild_activity_days($1)`, [org.orgId]);
  await c.query(`SELECT rebuild_conversion_touches($1)`, [org.orgId]);
  await c.query(`SELECT rebuild_lead_chains($1)`, [org.orgId]);
  await c.query(`SELECT rebuild_lead_months($1)`, [org.orgId]);
  await c.query(`SELECT rebuild_deal_months($1)`, [org.orgId]);
  const rebuilt = await read();
  await c.query("ROLLBACK TO SAVEPOINT rebuild");
  return { maintained, rebuilt };
}
