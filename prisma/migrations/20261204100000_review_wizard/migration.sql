-- The review wizard: who completed a review, which sections are marked done, goal drafts that arrive from
-- ticked KPIs and accepted insights, and the manager's decision on each insight.

-- CreateEnum
CREATE TYPE "InsightStatus" AS ENUM ('OPEN', 'ACCEPTED', 'DISMISSED');

-- AlterTable
ALTER TABLE "review"
  ADD COLUMN "completed_by_id" INTEGER,
  ADD COLUMN "done_sections" "ReviewSection"[] DEFAULT ARRAY[]::"ReviewSection"[];

-- A draft goal has no target yet; `source` says where it came from ("kpi:<metric>", "insight:<key>").
ALTER TABLE "review_goal"
  ALTER COLUMN "target" DROP NOT NULL,
  ADD COLUMN "draft" BOOLEAN NOT NULL DEFAULT true,
  ADD COLUMN "source" TEXT;

-- CreateTable
CREATE TABLE "review_insight" (
    "id" SERIAL NOT NULL,
    "review_id" INTEGER NOT NULL,
    "insight_key" TEXT NOT NULL,
    "status" "InsightStatus" NOT NULL DEFAULT 'OPEN',
    "reason" TEXT,
    "comment" TEXT,
    "updated_by_id" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "review_insight_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "review_insight_review_id_insight_key_key" ON "review_insight"("review_id", "insight_key");

-- CreateIndex
CREATE UNIQUE INDEX "review_goal_review_id_source_key" ON "review_goal"("review_id", "source");

-- AddForeignKey
ALTER TABLE "review" ADD CONSTRAINT "review_completed_by_id_fkey" FOREIGN KEY ("completed_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_insight" ADD CONSTRAINT "review_insight_review_id_fkey" FOREIGN KEY ("review_id") REFERENCES "review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_insight" ADD CONSTRAINT "review_insight_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- No figure is computed from a review's answers: an autosave must not end every cached KPI result.
DROP TRIGGER "review_answer_data_change" ON "review_answer";
