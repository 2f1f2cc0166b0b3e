import { median } from "@/lib/kpi/median";
import type { PipelineStageMetrics } from "@/lib/kpi/query-stage-metrics";
import type { InsightFinding } from "./insight";

/** KPI.md STALLED_STAGE: at least 20 stays in the stage (and in each stage it is compared with). */
export const MIN_STAYS = 20;

export type StalledStage = Extract<InsightFinding, { code: "STALLED_STAGE" }>;

/**
 * Each open stage whose median days in stage (stays that ended in P) is at least `factor` times the median of the
 * other open stages' medians in its pipeline. KPI.md says 2×; the organisation's stuck factor is that same setting.
 * Stages with fewer than 20 stays neither fire nor set the yardstick.
 */
export function stalledStages(pipelines: readonly PipelineStageMetrics[], factor: number): StalledStage[] {
  const stalled: StalledStage[] = [];
  for (const pipeline of pipelines) {
    const measured = pipeline.current.stages.flatMap((stage) =>
      stage.timeInStage.stays >= MIN_STAYS && stage.timeInStage.medianDays !== null ? [{ stage, medianDays: stage.timeInStage.medianDays }] : [],
    );
    for (const { stage, medianDays } of measured) {
      const othersMedianDays = median(measured.filter((other) => other.stage.stageId !== stage.stageId).map((other) => other.medianDays));
      // A stage deals leave the day they enter never stalls, whatever the others do.
      if (othersMedianDays === null || medianDays <= 0) continue;
      // Medians are whole or half days; the tolerance keeps 29 against 2 × 14.5 at the threshold.
      if (medianDays < factor * othersMedianDays - 1e-9) continue;
      stalled.push({
        code: "STALLED_STAGE",
        rep: null,
        stage: { id: stage.stageId, name: stage.name },
        figures: {
          pipeline: { id: pipeline.pipelineId, name: pipeline.name },
          stays: stage.timeInStage.stays,
          medianDays,
          othersMedianDays,
          factor,
        },
      });
    }
  }
  return stalled;
}
