-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'MANAGER', 'REP');

-- CreateEnum
CREATE TYPE "RepKind" AS ENUM ('SDR', 'AE');

-- CreateEnum
CREATE TYPE "LeadSource" AS ENUM ('INBOUND', 'OUTBOUND', 'REFERRAL', 'EVENT', 'PARTNER', 'OTHER');

-- CreateEnum
CREATE TYPE "LeadStatus" AS ENUM ('NEW', 'WORKING', 'HANDED_OVER', 'CONVERTED', 'DISQUALIFIED');

-- CreateEnum
CREATE TYPE "StageKind" AS ENUM ('OPEN', 'WON', 'LOST');

-- CreateEnum
CREATE TYPE "BuyerStage" AS ENUM ('AWARENESS', 'CONSIDERATION', 'EVALUATION', 'DECISION', 'PURCHASE');

-- CreateEnum
CREATE TYPE "DealType" AS ENUM ('NEW', 'EXPANSION', 'RENEWAL');

-- CreateEnum
CREATE TYPE "DealStatus" AS ENUM ('OPEN', 'WON', 'LOST');

-- CreateEnum
CREATE TYPE "ForecastCategory" AS ENUM ('PIPELINE', 'BEST_CASE', 'COMMIT', 'OMITTED');

-- CreateEnum
CREATE TYPE "ActivityType" AS ENUM ('CALL', 'EMAIL', 'SOCIAL', 'MEETING');

-- CreateEnum
CREATE TYPE "CommitmentStatus" AS ENUM ('OPEN', 'KEPT', 'MISSED');

-- CreateEnum
CREATE TYPE "MeetingStatus" AS ENUM ('PLANNED', 'IN_PROGRESS', 'DONE');

-- CreateEnum
CREATE TYPE "DecisionKind" AS ENUM ('ADVANCE', 'HOLD', 'MOVE_BACK', 'CLOSE_LOST', 'UPDATE_NEXT_STEP', 'UPDATE_CLOSE_DATE', 'ESCALATE');

-- CreateEnum
CREATE TYPE "ReviewSection" AS ENUM ('SALES_PROCESS', 'SALES_KPIS', 'PIPELINE_REVIEW', 'COACHING');

-- CreateEnum
CREATE TYPE "ReviewStatus" AS ENUM ('DRAFT', 'COMPLETED');

-- CreateEnum
CREATE TYPE "GoalHorizon" AS ENUM ('SHORT_TERM', 'LONG_TERM');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "organization" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'USD',
    "time_zone" TEXT NOT NULL DEFAULT 'UTC',
    "stale_after_days" INTEGER NOT NULL DEFAULT 14,
    "stuck_factor" DECIMAL(4,2) NOT NULL DEFAULT 2,
    "coaching_target_minutes" INTEGER NOT NULL DEFAULT 180,
    "managers_edit_stage_rules" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "team" (
    "id" SERIAL NOT NULL,
    "org_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "RepKind" NOT NULL DEFAULT 'AE',
    "manager_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" SERIAL NOT NULL,
    "org_id" INTEGER NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT,
    "role" "Role" NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "token_version" INTEGER NOT NULL DEFAULT 0,
    "locale" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rep" (
    "id" SERIAL NOT NULL,
    "org_id" INTEGER NOT NULL,
    "user_id" INTEGER,
    "team_id" INTEGER,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "kind" "RepKind" NOT NULL,
    "region" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "external_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account" (
    "id" SERIAL NOT NULL,
    "org_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "industry" TEXT,
    "employees" INTEGER,
    "region" TEXT,
    "external_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead" (
    "id" SERIAL NOT NULL,
    "org_id" INTEGER NOT NULL,
    "account_id" INTEGER,
    "name" TEXT NOT NULL,
    "source" "LeadSource" NOT NULL,
    "status" "LeadStatus" NOT NULL DEFAULT 'NEW',
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "sdr_id" INTEGER,
    "handed_over_at" TIMESTAMPTZ(3),
    "ae_id" INTEGER,
    "external_id" TEXT,

    CONSTRAINT "lead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pipeline" (
    "id" SERIAL NOT NULL,
    "org_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "pipeline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stage" (
    "id" SERIAL NOT NULL,
    "pipeline_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "StageKind" NOT NULL DEFAULT 'OPEN',
    "buyer_stage" "BuyerStage",
    "buyer_question" TEXT,
    "probability" INTEGER NOT NULL DEFAULT 0,
    "is_first_meeting" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "stage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stage_criterion" (
    "id" SERIAL NOT NULL,
    "stage_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "question" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "stage_criterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deal" (
    "id" SERIAL NOT NULL,
    "org_id" INTEGER NOT NULL,
    "pipeline_id" INTEGER NOT NULL,
    "stage_id" INTEGER NOT NULL,
    "owner_id" INTEGER NOT NULL,
    "closed_owner_id" INTEGER,
    "account_id" INTEGER,
    "lead_id" INTEGER,
    "name" TEXT NOT NULL,
    "type" "DealType" NOT NULL DEFAULT 'NEW',
    "amount" DECIMAL(14,2),
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "expected_close_at" DATE,
    "closed_at" TIMESTAMPTZ(3),
    "status" "DealStatus" NOT NULL DEFAULT 'OPEN',
    "lost_reason" TEXT,
    "next_step" TEXT,
    "forecast_category" "ForecastCategory" NOT NULL DEFAULT 'PIPELINE',
    "external_id" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deal_stage_change" (
    "id" SERIAL NOT NULL,
    "deal_id" INTEGER NOT NULL,
    "from_stage_id" INTEGER,
    "to_stage_id" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "by_user_id" INTEGER,
    "synthesized" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "deal_stage_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deal_criterion_answer" (
    "deal_id" INTEGER NOT NULL,
    "criterion_id" INTEGER NOT NULL,
    "answer" BOOLEAN NOT NULL,
    "answered_by_id" INTEGER,
    "answered_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "deal_criterion_answer_pkey" PRIMARY KEY ("deal_id","criterion_id")
);

-- CreateTable
CREATE TABLE "activity" (
    "id" SERIAL NOT NULL,
    "org_id" INTEGER NOT NULL,
    "rep_id" INTEGER NOT NULL,
    "type" "ActivityType" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "lead_id" INTEGER,
    "deal_id" INTEGER,
    "responded" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "activity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "quota" (
    "id" SERIAL NOT NULL,
    "rep_id" INTEGER NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,

    CONSTRAINT "quota_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "coaching_session" (
    "id" SERIAL NOT NULL,
    "rep_id" INTEGER NOT NULL,
    "manager_id" INTEGER,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "minutes" INTEGER NOT NULL,
    "topic" TEXT NOT NULL,
    "notes" TEXT,

    CONSTRAINT "coaching_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "commitment" (
    "id" SERIAL NOT NULL,
    "rep_id" INTEGER NOT NULL,
    "session_id" INTEGER,
    "text" TEXT NOT NULL,
    "metric" TEXT,
    "target" DECIMAL(14,2),
    "due_at" DATE NOT NULL,
    "status" "CommitmentStatus" NOT NULL DEFAULT 'OPEN',
    "status_note" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "commitment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "forecast_snapshot" (
    "id" SERIAL NOT NULL,
    "org_id" INTEGER NOT NULL,
    "taken_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "forecast_snapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "forecast_line" (
    "snapshot_id" INTEGER NOT NULL,
    "rep_id" INTEGER NOT NULL,
    "month" DATE NOT NULL,
    "category" "ForecastCategory" NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "deal_count" INTEGER NOT NULL,

    CONSTRAINT "forecast_line_pkey" PRIMARY KEY ("snapshot_id","rep_id","month","category")
);

-- CreateTable
CREATE TABLE "pipeline_meeting" (
    "id" SERIAL NOT NULL,
    "team_id" INTEGER NOT NULL,
    "held_at" TIMESTAMPTZ(3) NOT NULL,
    "facilitator_id" INTEGER,
    "status" "MeetingStatus" NOT NULL DEFAULT 'PLANNED',
    "notes" TEXT,

    CONSTRAINT "pipeline_meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meeting_decision" (
    "id" SERIAL NOT NULL,
    "meeting_id" INTEGER NOT NULL,
    "deal_id" INTEGER NOT NULL,
    "decided_by_id" INTEGER,
    "kind" "DecisionKind" NOT NULL,
    "note" TEXT,
    "flags" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "meeting_decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review" (
    "id" SERIAL NOT NULL,
    "org_id" INTEGER NOT NULL,
    "team_id" INTEGER,
    "year" INTEGER NOT NULL,
    "author_id" INTEGER,
    "status" "ReviewStatus" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_answer" (
    "id" SERIAL NOT NULL,
    "review_id" INTEGER NOT NULL,
    "section" "ReviewSection" NOT NULL,
    "question_key" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_by_id" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "review_answer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_goal" (
    "id" SERIAL NOT NULL,
    "review_id" INTEGER NOT NULL,
    "horizon" "GoalHorizon" NOT NULL,
    "section" "ReviewSection",
    "title" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "baseline" DECIMAL(16,4),
    "target" DECIMAL(16,4) NOT NULL,
    "owner_id" INTEGER,
    "due_at" DATE NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "review_goal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "org_id" INTEGER NOT NULL,
    "actor_id" INTEGER,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_attempt" (
    "id" BIGSERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "success" BOOLEAN NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_run" (
    "id" SERIAL NOT NULL,
    "org_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'RUNNING',
    "created_by_id" INTEGER,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "synthesized_histories" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "import_run_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "team_manager_id_idx" ON "team"("manager_id");

-- CreateIndex
CREATE UNIQUE INDEX "team_org_id_name_key" ON "team"("org_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

-- CreateIndex
CREATE INDEX "app_user_org_id_idx" ON "app_user"("org_id");

-- CreateIndex
CREATE UNIQUE INDEX "rep_user_id_key" ON "rep"("user_id");

-- CreateIndex
CREATE INDEX "rep_team_id_idx" ON "rep"("team_id");

-- CreateIndex
CREATE UNIQUE INDEX "rep_org_id_external_id_key" ON "rep"("org_id", "external_id");

-- CreateIndex
CREATE INDEX "account_org_id_name_idx" ON "account"("org_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "account_org_id_external_id_key" ON "account"("org_id", "external_id");

-- CreateIndex
CREATE INDEX "lead_org_id_created_at_idx" ON "lead"("org_id", "created_at");

-- CreateIndex
CREATE INDEX "lead_org_id_handed_over_at_idx" ON "lead"("org_id", "handed_over_at");

-- CreateIndex
CREATE INDEX "lead_sdr_id_handed_over_at_idx" ON "lead"("sdr_id", "handed_over_at");

-- CreateIndex
CREATE INDEX "lead_ae_id_handed_over_at_idx" ON "lead"("ae_id", "handed_over_at");

-- CreateIndex
CREATE UNIQUE INDEX "lead_org_id_external_id_key" ON "lead"("org_id", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "pipeline_org_id_name_key" ON "pipeline"("org_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "stage_pipeline_id_position_key" ON "stage"("pipeline_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "stage_pipeline_id_name_key" ON "stage"("pipeline_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "stage_criterion_stage_id_position_key" ON "stage_criterion"("stage_id", "position");

-- CreateIndex
CREATE INDEX "deal_owner_id_created_at_idx" ON "deal"("owner_id", "created_at");

-- CreateIndex
CREATE INDEX "deal_closed_owner_id_closed_at_idx" ON "deal"("closed_owner_id", "closed_at");

-- CreateIndex
CREATE INDEX "deal_org_id_closed_at_idx" ON "deal"("org_id", "closed_at");

-- CreateIndex
CREATE INDEX "deal_org_id_created_at_idx" ON "deal"("org_id", "created_at");

-- CreateIndex
CREATE INDEX "deal_pipeline_id_stage_id_idx" ON "deal"("pipeline_id", "stage_id");

-- CreateIndex
CREATE INDEX "deal_lead_id_idx" ON "deal"("lead_id");

-- CreateIndex
CREATE INDEX "deal_account_id_idx" ON "deal"("account_id");

-- CreateIndex
CREATE UNIQUE INDEX "deal_org_id_external_id_key" ON "deal"("org_id", "external_id");

-- CreateIndex
CREATE INDEX "deal_stage_change_deal_id_at_idx" ON "deal_stage_change"("deal_id", "at");

-- CreateIndex
CREATE INDEX "deal_stage_change_to_stage_id_at_idx" ON "deal_stage_change"("to_stage_id", "at");

-- CreateIndex
CREATE INDEX "deal_criterion_answer_criterion_id_idx" ON "deal_criterion_answer"("criterion_id");

-- CreateIndex
CREATE INDEX "activity_rep_id_at_idx" ON "activity"("rep_id", "at");

-- CreateIndex
CREATE INDEX "activity_deal_id_at_idx" ON "activity"("deal_id", "at");

-- CreateIndex
CREATE INDEX "activity_lead_id_at_idx" ON "activity"("lead_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "quota_rep_id_period_start_key" ON "quota"("rep_id", "period_start");

-- CreateIndex
CREATE INDEX "coaching_session_rep_id_at_idx" ON "coaching_session"("rep_id", "at");

-- CreateIndex
CREATE INDEX "commitment_rep_id_due_at_idx" ON "commitment"("rep_id", "due_at");

-- CreateIndex
CREATE INDEX "forecast_snapshot_org_id_taken_at_idx" ON "forecast_snapshot"("org_id", "taken_at");

-- CreateIndex
CREATE INDEX "forecast_line_rep_id_month_idx" ON "forecast_line"("rep_id", "month");

-- CreateIndex
CREATE INDEX "pipeline_meeting_team_id_held_at_idx" ON "pipeline_meeting"("team_id", "held_at");

-- CreateIndex
CREATE INDEX "meeting_decision_meeting_id_idx" ON "meeting_decision"("meeting_id");

-- CreateIndex
CREATE INDEX "meeting_decision_deal_id_idx" ON "meeting_decision"("deal_id");

-- CreateIndex
CREATE INDEX "review_org_id_year_idx" ON "review"("org_id", "year");

-- CreateIndex
CREATE UNIQUE INDEX "review_team_id_year_key" ON "review"("team_id", "year");

-- CreateIndex
CREATE UNIQUE INDEX "review_answer_review_id_question_key_key" ON "review_answer"("review_id", "question_key");

-- CreateIndex
CREATE INDEX "review_goal_review_id_idx" ON "review_goal"("review_id");

-- CreateIndex
CREATE INDEX "audit_log_org_id_at_idx" ON "audit_log"("org_id", "at");

-- CreateIndex
CREATE INDEX "audit_log_entity_entity_id_idx" ON "audit_log"("entity", "entity_id");

-- CreateIndex
CREATE INDEX "login_attempt_email_at_idx" ON "login_attempt"("email", "at");

-- CreateIndex
CREATE INDEX "login_attempt_ip_at_idx" ON "login_attempt"("ip", "at");

-- CreateIndex
CREATE INDEX "import_run_org_id_started_at_idx" ON "import_run"("org_id", "started_at");

-- AddForeignKey
ALTER TABLE "team" ADD CONSTRAINT "team_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team" ADD CONSTRAINT "team_manager_id_fkey" FOREIGN KEY ("manager_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rep" ADD CONSTRAINT "rep_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rep" ADD CONSTRAINT "rep_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rep" ADD CONSTRAINT "rep_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account" ADD CONSTRAINT "account_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead" ADD CONSTRAINT "lead_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead" ADD CONSTRAINT "lead_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead" ADD CONSTRAINT "lead_sdr_id_fkey" FOREIGN KEY ("sdr_id") REFERENCES "rep"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead" ADD CONSTRAINT "lead_ae_id_fkey" FOREIGN KEY ("ae_id") REFERENCES "rep"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pipeline" ADD CONSTRAINT "pipeline_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stage" ADD CONSTRAINT "stage_pipeline_id_fkey" FOREIGN KEY ("pipeline_id") REFERENCES "pipeline"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stage_criterion" ADD CONSTRAINT "stage_criterion_stage_id_fkey" FOREIGN KEY ("stage_id") REFERENCES "stage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deal" ADD CONSTRAINT "deal_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deal" ADD CONSTRAINT "deal_pipeline_id_fkey" FOREIGN KEY ("pipeline_id") REFERENCES "pipeline"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deal" ADD CONSTRAINT "deal_stage_id_fkey" FOREIGN KEY ("stage_id") REFERENCES "stage"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deal" ADD CONSTRAINT "deal_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "rep"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deal" ADD CONSTRAINT "deal_closed_owner_id_fkey" FOREIGN KEY ("closed_owner_id") REFERENCES "rep"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deal" ADD CONSTRAINT "deal_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deal" ADD CONSTRAINT "deal_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "lead"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deal_stage_change" ADD CONSTRAINT "deal_stage_change_deal_id_fkey" FOREIGN KEY ("deal_id") REFERENCES "deal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deal_stage_change" ADD CONSTRAINT "deal_stage_change_from_stage_id_fkey" FOREIGN KEY ("from_stage_id") REFERENCES "stage"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deal_stage_change" ADD CONSTRAINT "deal_stage_change_to_stage_id_fkey" FOREIGN KEY ("to_stage_id") REFERENCES "stage"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deal_stage_change" ADD CONSTRAINT "deal_stage_change_by_user_id_fkey" FOREIGN KEY ("by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deal_criterion_answer" ADD CONSTRAINT "deal_criterion_answer_deal_id_fkey" FOREIGN KEY ("deal_id") REFERENCES "deal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deal_criterion_answer" ADD CONSTRAINT "deal_criterion_answer_criterion_id_fkey" FOREIGN KEY ("criterion_id") REFERENCES "stage_criterion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deal_criterion_answer" ADD CONSTRAINT "deal_criterion_answer_answered_by_id_fkey" FOREIGN KEY ("answered_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activity" ADD CONSTRAINT "activity_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activity" ADD CONSTRAINT "activity_rep_id_fkey" FOREIGN KEY ("rep_id") REFERENCES "rep"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activity" ADD CONSTRAINT "activity_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "lead"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activity" ADD CONSTRAINT "activity_deal_id_fkey" FOREIGN KEY ("deal_id") REFERENCES "deal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quota" ADD CONSTRAINT "quota_rep_id_fkey" FOREIGN KEY ("rep_id") REFERENCES "rep"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "coaching_session" ADD CONSTRAINT "coaching_session_rep_id_fkey" FOREIGN KEY ("rep_id") REFERENCES "rep"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "coaching_session" ADD CONSTRAINT "coaching_session_manager_id_fkey" FOREIGN KEY ("manager_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_rep_id_fkey" FOREIGN KEY ("rep_id") REFERENCES "rep"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "coaching_session"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "forecast_snapshot" ADD CONSTRAINT "forecast_snapshot_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "forecast_line" ADD CONSTRAINT "forecast_line_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "forecast_snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "forecast_line" ADD CONSTRAINT "forecast_line_rep_id_fkey" FOREIGN KEY ("rep_id") REFERENCES "rep"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pipeline_meeting" ADD CONSTRAINT "pipeline_meeting_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pipeline_meeting" ADD CONSTRAINT "pipeline_meeting_facilitator_id_fkey" FOREIGN KEY ("facilitator_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_decision" ADD CONSTRAINT "meeting_decision_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "pipeline_meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_decision" ADD CONSTRAINT "meeting_decision_deal_id_fkey" FOREIGN KEY ("deal_id") REFERENCES "deal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_decision" ADD CONSTRAINT "meeting_decision_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review" ADD CONSTRAINT "review_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review" ADD CONSTRAINT "review_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review" ADD CONSTRAINT "review_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_answer" ADD CONSTRAINT "review_answer_review_id_fkey" FOREIGN KEY ("review_id") REFERENCES "review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_answer" ADD CONSTRAINT "review_answer_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_goal" ADD CONSTRAINT "review_goal_review_id_fkey" FOREIGN KEY ("review_id") REFERENCES "review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_goal" ADD CONSTRAINT "review_goal_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_run" ADD CONSTRAINT "import_run_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_run" ADD CONSTRAINT "import_run_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
