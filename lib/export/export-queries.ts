// One SELECT per kind whose columns are the import's field names, so an exported file imports back unchanged.
// References use the referenced row's id (its file id, or app-<id> for rows that came without one). A quota's
// periodEnd is the day after its period, as the import reads it (quota.period_end holds the last day).
import type { ImportKind } from "@/lib/import/kinds/import-kinds";

const ts = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const day = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;
const key = (alias: string) => `COALESCE(${alias}.external_id, 'app-' || ${alias}.id)`;

/** $1 is the organisation's id. */
export const EXPORT_QUERIES: Record<ImportKind, string> = {
  reps: `SELECT ${key("r")} AS id, r.name, r.email, t.name AS team, u.email AS manager, r.region, r.kind, CASE WHEN r.active THEN 'yes' ELSE 'no' END AS active
           FROM rep r LEFT JOIN team t ON t.id = r.team_id LEFT JOIN app_user u ON u.id = t.manager_id WHERE r.org_id = $1 ORDER BY r.id`,
  accounts: `SELECT ${key("a")} AS id, a.name, a.industry, a.employees, a.region FROM account a WHERE a.org_id = $1 ORDER BY a.id`,
  leads: `SELECT ${key("l")} AS id, l.name, l.source, l.status, ${ts("l.created_at")} AS created, ${key("a")} AS account, ${key("s")} AS sdr,
                 ${ts("l.handed_over_at")} AS "handedOver", ${key("e")} AS ae
            FROM lead l LEFT JOIN account a ON a.id = l.account_id LEFT JOIN rep s ON s.id = l.sdr_id LEFT JOIN rep e ON e.id = l.ae_id
           WHERE l.org_id = $1 ORDER BY l.id`,
  deals: `SELECT ${key("d")} AS id, d.name, ${key("o")} AS owner, ${key("a")} AS account, ${key("l")} AS lead, d.type, d.amount,
                 ${ts("d.created_at")} AS created, ${day("d.expected_close_at")} AS "expectedClose", ${ts("d.closed_at")} AS closed,
                 p.name AS pipeline, s.name AS stage, d.status, d.lost_reason AS "lostReason", d.next_step AS "nextStep", d.forecast_category AS "forecastCategory"
            FROM deal d JOIN rep o ON o.id = d.owner_id JOIN pipeline p ON p.id = d.pipeline_id JOIN stage s ON s.id = d.stage_id
            LEFT JOIN account a ON a.id = d.account_id LEFT JOIN lead l ON l.id = d.lead_id
           WHERE d.org_id = $1 ORDER BY d.id`,
  "stage-history": `SELECT ${key("d")} AS deal, s.name AS stage, ${ts("c.at")} AS at
            FROM deal_stage_change c JOIN deal d ON d.id = c.deal_id JOIN stage s ON s.id = c.to_stage_id
           WHERE d.org_id = $1 AND NOT c.synthesized ORDER BY c.deal_id, c.at, c.id`,
  activities: `SELECT ${key("r")} AS rep, a.type, ${ts("a.at")} AS at, ${key("d")} AS deal, ${key("l")} AS lead, CASE WHEN a.responded THEN 'yes' ELSE 'no' END AS responded
            FROM activity a JOIN rep r ON r.id = a.rep_id LEFT JOIN deal d ON d.id = a.deal_id LEFT JOIN lead l ON l.id = a.lead_id
           WHERE a.org_id = $1 ORDER BY a.id`,
  quotas: `SELECT ${key("r")} AS rep, ${day("q.period_start")} AS "periodStart", ${day("q.period_end + 1")} AS "periodEnd", q.amount
            FROM quota q JOIN rep r ON r.id = q.rep_id WHERE r.org_id = $1 ORDER BY q.id`,
  "coaching-sessions": `SELECT ${key("r")} AS rep, ${ts("c.at")} AS at, c.minutes, c.topic, u.email AS manager, c.notes
            FROM coaching_session c JOIN rep r ON r.id = c.rep_id LEFT JOIN app_user u ON u.id = c.manager_id WHERE r.org_id = $1 ORDER BY c.id`,
};
