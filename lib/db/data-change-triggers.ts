/**
 * The tables whose writes change the data version (prisma/migrations/20261128000000_data_change): every table the
 * KPI engine, the drills and the report read, the derived ones included, and the review, meeting and coaching
 * tables they will read. A statement trigger on each notes the writing transaction in `data_change`; the KPI
 * cache (lib/kpi/kpi-cache.ts) serves a result only while that version is the one it was computed at.
 */
export const DATA_CHANGE_TABLES = [
  "organization",
  "team",
  "app_user",
  "rep",
  "account",
  "lead",
  "pipeline",
  "stage",
  "stage_criterion",
  "stage_criterion_pause",
  "deal",
  "deal_stage_change",
  "deal_stage_fact",
  "stage_entry_day",
  "stage_stay_day",
  "stage_jump",
  "conversion_touch",
  "lead_chain",
  "lead_month",
  "deal_month",
  "deal_criterion_answer",
  "activity",
  "activity_day",
  "activity_month",
  "quota",
  "coaching_session",
  "commitment",
  "forecast_snapshot",
  "forecast_line",
  "pipeline_meeting",
  "meeting_decision",
  "review",
  "review_goal",
] as const;

/**
 * Tables no figure is computed from: sign-in and audit bookkeeping, the import wizard's state, and the version
 * itself. A new table must be put in one list or the other (tests/integration/data-change.test.ts fails otherwise).
 */
export const TABLES_WITHOUT_DATA_CHANGE = [
  "_prisma_migrations",
  "audit_log",
  "user_invite",
  "setup_token",
  "login_attempt",
  "auth_session",
  "import_run",
  "import_upload",
  "import_upload_chunk",
  "import_preset",
  "data_change",
  // A review's answers and insight decisions feed no figure; autosave must not end every cached result.
  "review_answer",
  "review_insight",
  // A stage's settings history: only the pipeline editor lists it (the stage row holds the settings figures read).
  "stage_revision",
  // A team's saved pipeline plan: its page reads it beside lib/kpi's actuals; no figure reads it.
  "pipeline_plan",
] as const;

export const dataChangeTriggerName = (table: string) => `${table}_data_change`;
