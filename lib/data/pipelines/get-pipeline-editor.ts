import "server-only";
import { db } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { Prisma } from "@/lib/db/generated/client";
import { assertStageRulesEditor, stageFields, type StageRow } from "./pipeline-access";
import { pipelineChanges, type PipelineChange } from "./pipeline-changes";
import { pipelineStageHistories, type StageHistory } from "./stage-history";

export interface EditorCriterion {
  id: number;
  question: string;
  active: boolean;
  /** Deals that answered it: a criterion with answers is retired, not deleted. */
  answers: number;
}

export interface EditorStage extends StageRow {
  criteria: EditorCriterion[];
  history: StageHistory;
}

export interface PipelineEditor {
  id: number;
  name: string;
  /** Open stages in order, then the won and lost ends. */
  open: EditorStage[];
  ends: EditorStage[];
  /** Open deals in the pipeline now (closed_at empty), as the dashboard counts them at the end of the year. */
  openDeals: number;
  /** Its rule changes, newest first: stage settings and exit criteria, with when and who. */
  changes: PipelineChange[];
}

/** One pipeline of the viewer's organisation as the editor shows it; null when there is none with this id. */
export async function getPipelineEditor(viewer: Viewer, pipelineId: number): Promise<PipelineEditor | null> {
  await assertStageRulesEditor(db, viewer);
  const pipeline = await db.pipeline.findFirst({
    where: { id: pipelineId, orgId: viewer.orgId },
    select: {
      id: true,
      name: true,
      stages: {
        orderBy: [{ position: "asc" }, { id: "asc" }],
        select: {
          ...stageFields,
          criteria: { orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true, question: true, retiredAt: true, _count: { select: { answers: true } } } },
        },
      },
    },
  });
  if (!pipeline) return null;
  const [histories, [open], changes] = await Promise.all([
    pipelineStageHistories(db, pipeline.id),
    db.$queryRaw<Array<{ n: number }>>(Prisma.sql`SELECT count(*)::int AS n FROM deal WHERE pipeline_id = ${pipeline.id} AND closed_at IS NULL`),
    pipelineChanges(db, viewer.orgId, pipeline.id),
  ]);
  const stages: EditorStage[] = pipeline.stages.map(({ criteria, ...stage }) => ({
    ...stage,
    criteria: criteria.map(({ _count, retiredAt, ...criterion }) => ({ ...criterion, active: retiredAt === null, answers: _count.answers })),
    history: histories.get(stage.id) ?? { inStage: 0, passedThrough: 0, answered: 0 },
  }));
  return {
    id: pipeline.id,
    name: pipeline.name,
    open: stages.filter((s) => s.kind === "OPEN"),
    ends: stages.filter((s) => s.kind !== "OPEN"),
    openDeals: open?.n ?? 0,
    changes,
  };
}
