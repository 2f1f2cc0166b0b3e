-- A data version for the KPI cache (lib/kpi/kpi-cache.ts). Every transaction that writes a table the figures are
-- computed from leaves one row here (a statement trigger, ON CONFLICT on its own transaction id: concurrent writers
-- never wait for each other). Rows become visible when their transaction commits, so sum(weight) over what a
-- reader sees grows with every committed write and never otherwise; compaction folds old rows into one row carrying
-- their summed weight, in one statement, which leaves the sum unchanged.

-- CreateTable
CREATE TABLE "data_change" (
    "id" BIGSERIAL NOT NULL,
    "tx" BIGINT,
    "weight" BIGINT NOT NULL DEFAULT 1,

    CONSTRAINT "data_change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "data_change_tx_key" ON "data_change"("tx");

CREATE FUNCTION "note_data_change"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "data_change" ("tx") VALUES (pg_current_xact_id()::text::bigint) ON CONFLICT ("tx") DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER "organization_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "organization"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();
CREATE TRIGGER "team_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "team"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();
CREATE TRIGGER "app_user_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "app_user"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();
CREATE TRIGGER "rep_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "rep"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();
CREATE TRIGGER "account_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "account"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();
CREATE TRIGGER "lead_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "lead"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();
CREATE TRIGGER "pipeline_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "pipeline"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();
CREATE TRIGGER "stage_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "stage"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();
CREATE TRIGGER "stage_criterion_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "stage_criterion"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();
CREATE TRIGGER "deal_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "deal"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();
CREATE TRIGGER "deal_stage_change_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "deal_stage_change"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();
CREATE TRIGGER "deal_stage_fact_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "deal_stage_fact"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();
CREATE TRIGGER "conversion_touch_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "conversion_touch"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();
CREATE TRIGGER "deal_criterion_answer_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "deal_criterion_answer"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();
CREATE TRIGGER "activity_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "activity"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();
CREATE TRIGGER "activity_day_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "activity_day"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();
CREATE TRIGGER "quota_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "quota"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();
CREATE TRIGGER "coaching_session_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "coaching_session"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();
CREATE TRIGGER "commitment_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "commitment"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();
CREATE TRIGGER "forecast_snapshot_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "forecast_snapshot"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();
CREATE TRIGGER "forecast_line_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "forecast_line"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();
CREATE TRIGGER "pipeline_meeting_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "pipeline_meeting"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();
CREATE TRIGGER "meeting_decision_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "meeting_decision"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();
CREATE TRIGGER "review_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "review"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();
CREATE TRIGGER "review_answer_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "review_answer"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();
CREATE TRIGGER "review_goal_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "review_goal"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();
