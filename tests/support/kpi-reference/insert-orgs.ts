// Bulk-inserts reference organisations (with their own ids) into a migrated database: one statement per table.
import pg from "pg";
import { formatCents, type RefOrg } from "./org";

type Row = Record<string, unknown>;

async function insert(client: pg.Client, table: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).map((c) => `"${c}"`).join(", ");
  await client.query(`INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::"${table}", $1::json)`, [
    JSON.stringify(rows),
  ]);
}

export async function insertOrgs(url: string, orgs: RefOrg[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await insert(client, "organization", orgs.map((o) => ({ id: o.id, name: o.name, time_zone: o.timeZone, stale_after_days: o.staleAfterDays ?? 14, stuck_factor: o.stuckFactor ?? 2 })));
    await insert(client, "team", orgs.flatMap((o) => o.teams.map((t) => ({ id: t.id, org_id: o.id, name: t.name }))));
    await insert(
      client,
      "rep",
      orgs.flatMap((o) => o.reps.map((r) => ({ id: r.id, org_id: o.id, team_id: r.teamId, name: r.name, kind: "AE", active: r.active }))),
    );
    await insert(client, "pipeline", orgs.flatMap((o) => o.pipelines.map((p) => ({ id: p.id, org_id: o.id, name: p.name, position: p.position }))));
    await insert(
      client,
      "stage",
      orgs.flatMap((o) => o.pipelines.flatMap((p) => p.stages.map((s) => ({ id: s.id, pipeline_id: p.id, name: s.name, position: s.position, kind: s.kind, is_first_meeting: s.isFirstMeeting ?? false })))),
    );
    await insert(
      client,
      "lead",
      orgs.flatMap((o) =>
        o.leads.map((l) => ({
          id: l.id,
          org_id: o.id,
          name: `Lead ${l.id}`,
          source: l.source,
          created_at: l.createdAt.toISOString(),
          handed_over_at: l.handedOverAt?.toISOString() ?? null,
          sdr_id: l.sdrId,
          ae_id: l.aeId,
        })),
      ),
    );
    await insert(
      client,
      "deal",
      orgs.flatMap((o) =>
        o.deals.map((d) => ({
          id: d.id,
          org_id: o.id,
          pipeline_id: d.pipelineId,
          stage_id: d.stageId,
          owner_id: d.ownerId,
          closed_owner_id: d.closedOwnerId,
          name: `Deal ${d.id}`,
          type: d.type,
          amount: d.amountCents === null ? null : formatCents(d.amountCents),
          created_at: d.createdAt.toISOString(),
          closed_at: d.closedAt?.toISOString() ?? null,
          status: d.status,
          lost_reason: d.lostReason,
          lead_id: d.leadId ?? null,
          expected_close_at: d.expectedCloseAt ?? null,
          next_step: d.nextStep ?? null,
        })),
      ),
    );
    await insert(
      client,
      "deal_stage_change",
      orgs.flatMap((o) =>
        o.deals.flatMap((d) =>
          d.history.map((c, i) => ({ id: c.id, deal_id: d.id, from_stage_id: d.history[i - 1]?.stageId ?? null, to_stage_id: c.stageId, at: c.at.toISOString() })),
        ),
      ),
    );
    await insert(
      client,
      "quota",
      orgs.flatMap((o) => o.quotas.map((q) => ({ id: q.id, rep_id: q.repId, period_start: q.periodStart, period_end: q.periodEnd, amount: formatCents(q.amountCents) }))),
    );
    await insert(
      client,
      "activity",
      orgs.flatMap((o) =>
        (o.activities ?? []).map((a) => ({ id: a.id, org_id: o.id, rep_id: a.repId, type: a.type, at: a.at.toISOString(), responded: a.responded, deal_id: a.dealId ?? null, lead_id: a.leadId ?? null })),
      ),
    );
    await insert(
      client,
      "coaching_session",
      orgs.flatMap((o) => (o.coaching ?? []).map((c) => ({ id: c.id, rep_id: c.repId, at: c.at.toISOString(), minutes: c.minutes, topic: "Coaching" }))),
    );
    await insert(
      client,
      "commitment",
      orgs.flatMap((o) => (o.commitments ?? []).map((c) => ({ id: c.id, rep_id: c.repId, text: "Commitment", due_at: c.dueAt, status: c.status }))),
    );
    await insert(
      client,
      "stage_criterion",
      orgs.flatMap((o) =>
        o.pipelines.flatMap((p) =>
          p.stages.flatMap((s) =>
            (s.criteria ?? []).map((c, i) => ({ id: c.id, stage_id: s.id, position: i + 1, question: `Q${c.id}`, introduced_at: c.introducedAt ?? new Date(0), retired_at: c.retiredAt })),
          ),
        ),
      ),
    );
    await insert(
      client,
      "stage_criterion_pause",
      orgs.flatMap((o) =>
        o.pipelines.flatMap((p) =>
          p.stages.flatMap((s) => (s.criteria ?? []).flatMap((c) => (c.pauses ?? []).map((pause) => ({ criterion_id: c.id, retired_at: pause.retiredAt, restored_at: pause.restoredAt })))),
        ),
      ),
    );
    await insert(
      client,
      "deal_criterion_answer",
      orgs.flatMap((o) => o.deals.flatMap((d) => (d.answers ?? []).map((a) => ({ deal_id: d.id, criterion_id: a.criterionId, answer: a.answer, answered_at: a.at.toISOString() })))),
    );
    await insert(client, "forecast_snapshot", orgs.flatMap((o) => (o.snapshots ?? []).map((s) => ({ id: s.id, org_id: o.id, taken_at: s.takenAt.toISOString() }))));
    await insert(
      client,
      "forecast_line",
      orgs.flatMap((o) =>
        (o.snapshots ?? []).flatMap((s) =>
          s.lines.map((l) => ({ snapshot_id: s.id, rep_id: l.repId, month: l.month, category: l.category, amount: formatCents(l.amountCents), deal_count: 1 })),
        ),
      ),
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    await client.end();
  }
}
