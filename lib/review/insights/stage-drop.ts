import type { PipelineStageMetrics } from "@/lib/kpi/query-stage-metrics";
import type { InsightFinding } from "./insight";

/** KPI.md STAGE_DROP: the stage's conversion fell by at least 5 points on P′. */
export const STAGE_DROP_POINTS = 5;
/** KPI.md: at least 30 entries into the stage in each period. */
export const MIN_STAGE_ENTRIES = 30;

export type StageDrop = Extract<InsightFinding, { code: "STAGE_DROP" }>;

/**
 * Per pipeline (every stage metric is per pipeline), the open stage whose next-step conversion fell most on P′, when it
 * fell by 5 points or more and the stage had 30 entries in both periods. Ties go to the earlier stage.
 */
export function stageDrops(pipelines: readonly PipelineStageMetrics[]): StageDrop[] {
  const drops: StageDrop[] = [];
  for (const pipeline of pipelines) {
    let worst: { drop: number; finding: StageDrop } | null = null;
    for (const stage of pipeline.current.stages) {
      const before = pipeline.previous.stages.find((s) => s.stageId === stage.stageId);
      if (!before || stage.entered < MIN_STAGE_ENTRIES || before.entered < MIN_STAGE_ENTRIES) continue;
      // previous − current ≥ 5 points, in integers: (a′·e − a·e′) · 100 ≥ 5 · e′ · e, so 5.0 points is exactly 5.
      const dropScaled = (before.advanced * stage.entered - stage.advanced * before.entered) * 100;
      const threshold = STAGE_DROP_POINTS * before.entered * stage.entered;
      if (dropScaled < threshold) continue;
      const drop = dropScaled / (before.entered * stage.entered);
      if (worst && drop <= worst.drop) continue;
      worst = {
        drop,
        finding: {
          code: "STAGE_DROP",
          rep: null,
          stage: { id: stage.stageId, name: stage.name },
          figures: {
            pipeline: { id: pipeline.pipelineId, name: pipeline.name },
            entered: { current: stage.entered, previous: before.entered },
            advanced: { current: stage.advanced, previous: before.advanced },
            conversion: { current: stage.advanced / stage.entered, previous: before.advanced / before.entered },
          },
        },
      };
    }
    if (worst) drops.push(worst.finding);
  }
  return drops;
}
