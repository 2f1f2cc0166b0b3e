import type pg from "pg";

/**
 * KPI.md: an imported deal with no history gets one — its first open stage and every stage up to its current one
 * at createdAt, and its closed stage at closedAt. A lost deal is taken as lost from its first stage, since the file
 * does not say how far it got. Histories we synthesized earlier are redone for deals the import changed.
 * Returns the number of deals that got one.
 */
export async function synthesizeHistories(client: pg.ClientBase, changedDealIds: number[], dealIds: number[]): Promise<number> {
  if (dealIds.length === 0) return 0;
  await client.query(
    `DELETE FROM deal_stage_change c WHERE c.synthesized AND c.deal_id = ANY($1::int[])
        AND NOT EXISTS (SELECT 1 FROM deal_stage_change o WHERE o.deal_id = c.deal_id AND NOT o.synthesized)`,
    [changedDealIds],
  );
  const result = await client.query<{ deals: string }>(
    `WITH pending AS (
       SELECT d.id, d.pipeline_id, d.created_at, d.closed_at, cur.kind AS cur_kind, cur.position AS cur_position, cur.id AS cur_id
         FROM deal d JOIN stage cur ON cur.id = d.stage_id
        WHERE d.id = ANY($1::int[]) AND NOT EXISTS (SELECT 1 FROM deal_stage_change c WHERE c.deal_id = d.id)
     ), steps AS (
       SELECT p.id AS deal_id, s.id AS stage_id, CASE WHEN s.kind = 'OPEN' THEN p.created_at ELSE p.closed_at END AS at,
              (s.kind <> 'OPEN') AS closed, s.position
         FROM pending p JOIN stage s ON s.pipeline_id = p.pipeline_id
        WHERE (s.kind = 'OPEN' AND (p.cur_kind = 'WON' OR (p.cur_kind = 'OPEN' AND s.position <= p.cur_position)
                 OR (p.cur_kind = 'LOST' AND s.position = (SELECT min(f.position) FROM stage f WHERE f.pipeline_id = p.pipeline_id AND f.kind = 'OPEN'))))
           OR s.id = p.cur_id AND p.cur_kind <> 'OPEN'
     ), inserted AS (
       INSERT INTO deal_stage_change (deal_id, from_stage_id, to_stage_id, at, synthesized)
       SELECT deal_id, lag(stage_id) OVER (PARTITION BY deal_id ORDER BY closed, position), stage_id, at, true FROM steps
       RETURNING deal_id
     )
     SELECT count(DISTINCT deal_id) AS deals FROM inserted`,
    [dealIds],
  );
  return Number(result.rows[0]?.deals ?? 0);
}
