-- The pipeline plan of issue 16: a team's revenue target for a year with the assumptions it was worked back through
-- (each editable before saving) and the plan as saved (quarters, reps, required pipeline per month), so that next
-- year the page can show actual against what was required. One plan per team and year; saving again replaces it.

-- CreateTable
CREATE TABLE "pipeline_plan" (
    "id" SERIAL NOT NULL,
    "org_id" INTEGER NOT NULL,
    "team_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "target" DECIMAL(15,2) NOT NULL,
    "avg_deal_size" DECIMAL(15,2) NOT NULL,
    "win_rate_from_first_meeting" DOUBLE PRECISION NOT NULL,
    "hand_over_to_first_meeting" DOUBLE PRECISION,
    "cycle_days" DOUBLE PRECISION NOT NULL,
    "plan" JSONB NOT NULL,
    "saved_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pipeline_plan_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "pipeline_plan_team_id_year_key" ON "pipeline_plan"("team_id", "year");

-- CreateIndex
CREATE INDEX "pipeline_plan_org_id_year_idx" ON "pipeline_plan"("org_id", "year");

-- AddForeignKey
ALTER TABLE "pipeline_plan" ADD CONSTRAINT "pipeline_plan_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pipeline_plan" ADD CONSTRAINT "pipeline_plan_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pipeline_plan" ADD CONSTRAINT "pipeline_plan_saved_by_id_fkey" FOREIGN KEY ("saved_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
