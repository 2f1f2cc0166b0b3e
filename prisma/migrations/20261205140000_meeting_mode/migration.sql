-- The weekly pipeline meeting (issue 14, points 4–6): a meeting walks a fixed list of the team's open deals with a
-- pointer to the current one and a version its followers poll; one decision per deal per meeting, with a next step and
-- its owner; the compliance the meeting started and ended with; the forecast snapshot it took at the end.

-- AlterEnum (the new value is not used in this transaction)
ALTER TYPE "DecisionKind" ADD VALUE 'NEEDS_WORK';

-- CreateEnum
CREATE TYPE "MeetingWalkOrder" AS ENUM ('FLAGGED', 'BY_REP');

-- AlterTable
ALTER TABLE "pipeline_meeting"
  ADD COLUMN "walk_order" "MeetingWalkOrder" NOT NULL DEFAULT 'FLAGGED',
  ADD COLUMN "deal_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
  ADD COLUMN "current_deal_id" INTEGER,
  ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1,
  ADD COLUMN "started_at" TIMESTAMPTZ(3),
  ADD COLUMN "finished_at" TIMESTAMPTZ(3),
  ADD COLUMN "open_deals_before" INTEGER,
  ADD COLUMN "qualified_before" INTEGER,
  ADD COLUMN "open_deals_after" INTEGER,
  ADD COLUMN "qualified_after" INTEGER,
  ADD COLUMN "snapshot_id" INTEGER;

-- AlterTable
ALTER TABLE "meeting_decision"
  ADD COLUMN "next_step" TEXT,
  ADD COLUMN "owner_id" INTEGER,
  ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1,
  ADD COLUMN "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  ADD COLUMN "stage_change_id" INTEGER;

-- One decision per deal per meeting. Nothing wrote two before (the demo picks distinct deals); should a database hold
-- some, the latest of each pair is kept.
DELETE FROM "meeting_decision" d
USING "meeting_decision" later
WHERE later."meeting_id" = d."meeting_id" AND later."deal_id" = d."deal_id"
  AND (later."created_at", later."id") > (d."created_at", d."id");

-- DropIndex (the unique index below starts with meeting_id)
DROP INDEX "meeting_decision_meeting_id_idx";

-- CreateIndex
CREATE UNIQUE INDEX "meeting_decision_meeting_id_deal_id_key" ON "meeting_decision"("meeting_id", "deal_id");

-- CreateIndex (a stage change deleted by an import finds its decision without a scan)
CREATE INDEX "meeting_decision_stage_change_id_idx" ON "meeting_decision"("stage_change_id");

-- Forecast accuracy reads, per rep and month, the COMMIT line of the last snapshot before the month that has one (a
-- meeting's snapshot covers its own team only): the index takes the category too.
DROP INDEX "forecast_line_rep_id_month_idx";
CREATE INDEX "forecast_line_rep_id_month_category_idx" ON "forecast_line"("rep_id", "month", "category");

-- CreateIndex
CREATE INDEX "pipeline_meeting_current_deal_id_idx" ON "pipeline_meeting"("current_deal_id");

-- At most one meeting of a team in progress: starting another resumes it (schema.prisma cannot say "partial").
CREATE UNIQUE INDEX "pipeline_meeting_in_progress_idx" ON "pipeline_meeting"("team_id") WHERE "status" = 'IN_PROGRESS';

-- AddForeignKey
ALTER TABLE "pipeline_meeting" ADD CONSTRAINT "pipeline_meeting_current_deal_id_fkey" FOREIGN KEY ("current_deal_id") REFERENCES "deal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pipeline_meeting" ADD CONSTRAINT "pipeline_meeting_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "forecast_snapshot"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_decision" ADD CONSTRAINT "meeting_decision_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_decision" ADD CONSTRAINT "meeting_decision_stage_change_id_fkey" FOREIGN KEY ("stage_change_id") REFERENCES "deal_stage_change"("id") ON DELETE SET NULL ON UPDATE CASCADE;
