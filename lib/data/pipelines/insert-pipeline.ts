// Writes a new pipeline: its open stages in order, then the won and lost ends. Shared by the admin page and
// `npm run pipeline -- create`, so it imports nothing server-only; the caller authorizes and audits.
import { AppError } from "@/lib/errors";
import type { PipelineSpec } from "@/lib/pipelines/templates";
import { MAX_CRITERIA, MAX_OPEN_STAGES, MAX_PIPELINES } from "@/lib/validation/pipelines";
import type { Tx } from "../in-transaction";
import { assertPipelineNameFree } from "./pipeline-access";
import { SINCE_ALWAYS, recordStageRevisions } from "./stage-revision";

export interface InsertedPipeline {
  id: number;
  name: string;
  stages: Array<{ id: number; name: string; kind: "OPEN" | "WON" | "LOST"; criteria: number }>;
}

/** Refuses what the pipeline rules forbid, naming the field ("stages" or "name") a form shows it on. */
function checkSpec(spec: PipelineSpec): void {
  if (spec.open.length === 0) throw new AppError("INVALID", { messageKey: "pipelinesAdmin.errors.needsOpenStage", field: "stages", detail: "a pipeline needs at least one open stage" });
  if (spec.open.length > MAX_OPEN_STAGES) {
    throw new AppError("INVALID", { messageKey: "pipelinesAdmin.errors.tooManyStages", values: { max: MAX_OPEN_STAGES }, field: "stages", detail: `at most ${MAX_OPEN_STAGES} open stages` });
  }
  const seen = new Set<string>();
  for (const name of [...spec.open.map((stage) => stage.name), spec.won, spec.lost]) {
    const key = name.toLocaleLowerCase();
    if (seen.has(key)) throw new AppError("INVALID", { messageKey: "pipelinesAdmin.errors.stageNamesRepeat", values: { name }, field: "stages", detail: `the stage name "${name}" appears twice` });
    seen.add(key);
  }
  if (spec.open.filter((stage) => stage.isFirstMeeting).length > 1) throw new AppError("INVALID", { detail: "at most one first-meeting stage" });
  if (spec.open.some((stage) => stage.criteria.length > MAX_CRITERIA)) throw new AppError("INVALID", { detail: `at most ${MAX_CRITERIA} criteria a stage` });
}

/**
 * The stages' settings and criteria a pipeline starts with apply to all its history (deals imported into it later
 * included): their revisions and criteria are in force since always. changedById: who created it (null: the command line).
 */
export async function insertPipeline(tx: Tx, orgId: number, spec: PipelineSpec, changedById: number | null): Promise<InsertedPipeline> {
  checkSpec(spec);
  const existing = await tx.pipeline.aggregate({ where: { orgId }, _count: { _all: true }, _max: { position: true } });
  if (existing._count._all >= MAX_PIPELINES) {
    throw new AppError("CONFLICT", { messageKey: "pipelinesAdmin.errors.tooManyPipelines", values: { max: MAX_PIPELINES }, detail: `at most ${MAX_PIPELINES} pipelines` });
  }
  await assertPipelineNameFree(tx, orgId, spec.name, null);
  const pipeline = await tx.pipeline.create({
    data: { orgId, name: spec.name, position: existing._count._all === 0 ? 0 : (existing._max.position ?? 0) + 1 },
    select: { id: true, name: true },
  });
  const stages: InsertedPipeline["stages"] = [];
  for (const [index, stage] of spec.open.entries()) {
    const row = await tx.stage.create({
      data: {
        pipelineId: pipeline.id,
        name: stage.name,
        position: index + 1,
        kind: "OPEN",
        buyerStage: stage.buyerStage,
        buyerQuestion: stage.buyerQuestion,
        probability: stage.probability,
        isFirstMeeting: stage.isFirstMeeting,
        criteria: { create: stage.criteria.map((question, position) => ({ question, position: position + 1 })) },
      },
      select: { id: true },
    });
    stages.push({ id: row.id, name: stage.name, kind: "OPEN", criteria: stage.criteria.length });
  }
  for (const [offset, kind, name, probability] of [
    [1, "WON", spec.won, 100],
    [2, "LOST", spec.lost, 0],
  ] as const) {
    const row = await tx.stage.create({ data: { pipelineId: pipeline.id, name, position: spec.open.length + offset, kind, probability }, select: { id: true } });
    stages.push({ id: row.id, name, kind, criteria: 0 });
  }
  await recordStageRevisions(tx, stages.map((stage) => stage.id), changedById, SINCE_ALWAYS);
  return { ...pipeline, stages };
}
