import { Prisma } from "@/lib/db/generated/client";
import type { Tx } from "../in-transaction";

export type StageSetting = "buyerStage" | "buyerQuestion" | "probability" | "isFirstMeeting";
type SettingValue = string | number | boolean | null;

/** One change of a pipeline's rules, newest first in the editor: a stage's settings, or an exit criterion. */
export type PipelineChange =
  | {
      kind: "settings";
      at: Date;
      /** Who made it; null for the command line or a user since removed. */
      by: string | null;
      stageId: number;
      stage: string;
      fields: Array<{ field: StageSetting; from: SettingValue; to: SettingValue }>;
    }
  | { kind: "criterionAdded" | "criterionRetired" | "criterionRestored"; at: Date; by: string | null; stageId: number; stage: string; question: string };

/** The most changes the editor lists. */
export const MAX_CHANGES = 100;

const KIND_ORDER: Record<PipelineChange["kind"], number> = { criterionRetired: 0, criterionRestored: 1, criterionAdded: 2, settings: 3 };

const SETTINGS: readonly StageSetting[] = ["buyerStage", "buyerQuestion", "probability", "isFirstMeeting"];

interface RevisionRow {
  stageId: number;
  stage: string;
  validFrom: Date;
  by: string | null;
  buyerStage: string | null;
  buyerQuestion: string | null;
  probability: number;
  isFirstMeeting: boolean;
  previous: Record<StageSetting, SettingValue> | null;
}

interface CriterionEventRow {
  kind: "criterionAdded" | "criterionRetired" | "criterionRestored";
  at: Date;
  by: string | null;
  stageId: number;
  stage: string;
  question: string;
}

/**
 * The pipeline's rule changes, newest first (at most MAX_CHANGES): each stage revision against the one before it (the
 * first one of a stage is where its history starts, not a change), and each criterion added after the pipeline was
 * set up, retired, or asked again. Who changed a criterion comes from its audit row.
 */
export async function pipelineChanges(client: Pick<Tx, "$queryRaw">, orgId: number, pipelineId: number): Promise<PipelineChange[]> {
  const [revisions, criteria] = await Promise.all([
    client.$queryRaw<RevisionRow[]>(Prisma.sql`
      SELECT r.stage_id AS "stageId", s.name AS stage, r.valid_from AS "validFrom", u.name AS by,
             r.buyer_stage::text AS "buyerStage", r.buyer_question AS "buyerQuestion", r.probability, r.is_first_meeting AS "isFirstMeeting",
             lag(json_build_object('buyerStage', r.buyer_stage, 'buyerQuestion', r.buyer_question, 'probability', r.probability,
                                   'isFirstMeeting', r.is_first_meeting)) OVER (PARTITION BY r.stage_id ORDER BY r.valid_from, r.id) AS previous
      FROM stage_revision r
      JOIN stage s ON s.id = r.stage_id
      LEFT JOIN app_user u ON u.id = r.changed_by_id
      WHERE s.pipeline_id = ${pipelineId}
      ORDER BY r.valid_from DESC, r.id DESC`),
    client.$queryRaw<CriterionEventRow[]>(Prisma.sql`
      WITH events AS (
        SELECT 'criterionAdded' AS kind, 'criterion.create' AS action, sc.id, sc.introduced_at AS at FROM stage_criterion sc
          JOIN stage s ON s.id = sc.stage_id WHERE s.pipeline_id = ${pipelineId} AND sc.introduced_at > to_timestamp(0)
        UNION ALL
        SELECT 'criterionRetired', 'criterion.retire', sc.id, sc.retired_at FROM stage_criterion sc
          JOIN stage s ON s.id = sc.stage_id WHERE s.pipeline_id = ${pipelineId} AND sc.retired_at IS NOT NULL
        UNION ALL
        SELECT x.kind, x.action, p.criterion_id, x.at FROM stage_criterion_pause p
          JOIN stage_criterion sc ON sc.id = p.criterion_id JOIN stage s ON s.id = sc.stage_id
          CROSS JOIN LATERAL (VALUES ('criterionRetired', 'criterion.retire', p.retired_at), ('criterionRestored', 'criterion.restore', p.restored_at)) x(kind, action, at)
          WHERE s.pipeline_id = ${pipelineId}
      )
      SELECT e.kind, e.at, who.name AS by, sc.stage_id AS "stageId", s.name AS stage, sc.question
      FROM (SELECT * FROM events ORDER BY at DESC LIMIT ${MAX_CHANGES}) e
      JOIN stage_criterion sc ON sc.id = e.id
      JOIN stage s ON s.id = sc.stage_id
      LEFT JOIN LATERAL (
        SELECT u.name FROM audit_log a JOIN app_user u ON u.id = a.actor_id
        WHERE a.entity = 'stage_criterion' AND a.entity_id = e.id::text AND a.action = e.action AND a.org_id = ${orgId}
        ORDER BY abs(extract(epoch FROM a.at - e.at)) LIMIT 1
      ) who ON TRUE`),
  ]);
  const changes: PipelineChange[] = [...criteria];
  for (const row of revisions) {
    if (row.previous === null) continue;
    const fields = SETTINGS.filter((field) => row.previous![field] !== row[field]).map((field) => ({ field, from: row.previous![field], to: row[field] }));
    if (fields.length > 0) changes.push({ kind: "settings", at: row.validFrom, by: row.by, stageId: row.stageId, stage: row.stage, fields });
  }
  // Newest first; changes made at once in stage order, a retirement before what replaced it.
  return changes.sort((a, b) => b.at.getTime() - a.at.getTime() || a.stageId - b.stageId || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]).slice(0, MAX_CHANGES);
}
