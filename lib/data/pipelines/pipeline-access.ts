import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import type { Tx } from "../in-transaction";

// Who may change pipelines, stages and their exit criteria, and the rows they name. An id from another organisation
// answers NOT_FOUND, exactly like an id that does not exist.

/** Admins always; managers when the organisation lets them (Organization.managersEditStageRules); reps never. */
export async function mayEditStageRules(client: Pick<Tx, "organization">, viewer: Viewer): Promise<boolean> {
  assertViewer(viewer);
  if (viewer.role === "ADMIN") return true;
  if (viewer.role !== "MANAGER") return false;
  const org = await client.organization.findUnique({ where: { id: viewer.orgId }, select: { managersEditStageRules: true } });
  return org?.managersEditStageRules === true;
}

export async function assertStageRulesEditor(client: Pick<Tx, "organization">, viewer: Viewer): Promise<void> {
  if (!(await mayEditStageRules(client, viewer))) throw new AppError("FORBIDDEN", { detail: `user ${viewer.userId} may not edit stage rules` });
}

export interface LockedPipeline {
  id: number;
  name: string;
  position: number;
}

/** The pipeline, locked for the rest of the transaction: two edits of one pipeline take turns and see each other's result. */
export async function lockOrgPipeline(tx: Tx, viewer: Viewer, pipelineId: number): Promise<LockedPipeline> {
  const [pipeline] = await tx.$queryRaw<LockedPipeline[]>(Prisma.sql`
    SELECT id, name, position FROM pipeline WHERE id = ${pipelineId} AND org_id = ${viewer.orgId} FOR UPDATE`);
  if (!pipeline) throw new AppError("NOT_FOUND", { detail: `pipeline ${pipelineId} not in org ${viewer.orgId}` });
  return pipeline;
}

export const stageFields = {
  id: true,
  pipelineId: true,
  name: true,
  position: true,
  kind: true,
  buyerStage: true,
  buyerQuestion: true,
  probability: true,
  isFirstMeeting: true,
} as const satisfies Prisma.StageSelect;

export type StageRow = Prisma.StageGetPayload<{ select: typeof stageFields }>;

/** A stage of the viewer's organisation, with its pipeline locked. */
export async function findOrgStage(tx: Tx, viewer: Viewer, stageId: number): Promise<{ stage: StageRow; pipeline: LockedPipeline }> {
  const found = await tx.stage.findFirst({ where: { id: stageId, pipeline: { orgId: viewer.orgId } }, select: { pipelineId: true } });
  if (!found) throw new AppError("NOT_FOUND", { detail: `stage ${stageId} not in org ${viewer.orgId}` });
  const pipeline = await lockOrgPipeline(tx, viewer, found.pipelineId);
  // Read after the lock: what another edit of the pipeline committed meanwhile.
  const stage = await tx.stage.findUnique({ where: { id: stageId }, select: stageFields });
  if (!stage) throw new AppError("NOT_FOUND", { detail: `stage ${stageId} was removed meanwhile` });
  return { stage, pipeline };
}

/** The pipeline's stages in order. */
export function pipelineStages(tx: Tx, pipelineId: number): Promise<StageRow[]> {
  return tx.stage.findMany({ where: { pipelineId }, orderBy: [{ position: "asc" }, { id: "asc" }], select: stageFields });
}

/** Stage names are unique in a pipeline regardless of case, so "Proposal" and "proposal" cannot both exist. */
export async function assertStageNameFree(tx: Tx, pipelineId: number, name: string, exceptStageId: number | null): Promise<void> {
  const clash = await tx.stage.findFirst({
    where: { pipelineId, name: { equals: name, mode: "insensitive" }, ...(exceptStageId === null ? {} : { id: { not: exceptStageId } }) },
    select: { id: true },
  });
  if (clash) throw new AppError("CONFLICT", { messageKey: "pipelinesAdmin.errors.stageNameTaken", field: "name", detail: `stage "${name}" exists in pipeline ${pipelineId}` });
}

/** Pipeline names are unique in an organisation regardless of case. */
export async function assertPipelineNameFree(tx: Tx, orgId: number, name: string, exceptPipelineId: number | null): Promise<void> {
  const clash = await tx.pipeline.findFirst({
    where: { orgId, name: { equals: name, mode: "insensitive" }, ...(exceptPipelineId === null ? {} : { id: { not: exceptPipelineId } }) },
    select: { id: true },
  });
  if (clash) throw new AppError("CONFLICT", { messageKey: "pipelinesAdmin.errors.pipelineNameTaken", field: "name", detail: `a pipeline named "${name}" exists` });
}

export const criterionFields = { id: true, stageId: true, position: true, question: true, introducedAt: true, retiredAt: true } as const satisfies Prisma.StageCriterionSelect;
export type CriterionRow = Prisma.StageCriterionGetPayload<{ select: typeof criterionFields }>;

/** An exit criterion of the viewer's organisation, with its stage, and the stage's pipeline locked. */
export async function findOrgCriterion(tx: Tx, viewer: Viewer, criterionId: number): Promise<{ criterion: CriterionRow; stage: StageRow }> {
  const found = await tx.stageCriterion.findFirst({ where: { id: criterionId, stage: { pipeline: { orgId: viewer.orgId } } }, select: { stageId: true } });
  if (!found) throw new AppError("NOT_FOUND", { detail: `criterion ${criterionId} not in org ${viewer.orgId}` });
  const { stage } = await findOrgStage(tx, viewer, found.stageId);
  const criterion = await tx.stageCriterion.findUnique({ where: { id: criterionId }, select: criterionFields });
  if (!criterion) throw new AppError("NOT_FOUND", { detail: `criterion ${criterionId} was removed meanwhile` });
  return { criterion, stage };
}

/** Only an open stage has exit criteria (they must be true to leave it). */
export function assertOpenStage(stage: StageRow): void {
  if (stage.kind !== "OPEN") throw new AppError("CONFLICT", { messageKey: "pipelinesAdmin.errors.endsHaveOnlyAName", detail: `stage ${stage.id} is ${stage.kind}` });
}
