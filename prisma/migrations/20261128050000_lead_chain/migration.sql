-- The hand-over chain (KPI.md "Leads and hand-over") per handed-over lead, so lib/kpi/query-lead-metrics.ts reads one
-- row per lead instead of joining every handed-over lead with its deals and their last stage fact: whom the lead
-- counts for (its SDR, else its AE; null: no rep), when it was handed over, how many deals were created from it (any
-- pipeline, its organisation's), how many of those reached their pipeline's first-meeting stage (the highest rank of
-- the deal's history, deal_stage_fact.max_rank of its last fact, at least the position of the open stage marked
-- is_first_meeting, else of the first open stage; with no open stage only a won history reaches 2147483647), and how
-- many are won. Derived from lead, deal, deal_stage_fact and stage and kept current by the triggers in this file
-- (never written by the app); bulk loads defer them like the stage facts (app.defer_derived, flush_lead_chains(),
-- lib/db/derived-data.ts), and flush them after the facts they read. A deleted lead takes its row with it (the
-- foreign key).

-- CreateTable
CREATE TABLE "lead_chain" (
    "lead_id" INTEGER NOT NULL,
    "org_id" INTEGER NOT NULL,
    "rep_id" INTEGER,
    "handed_over_at" TIMESTAMPTZ(3) NOT NULL,
    "deals" INTEGER NOT NULL,
    "first_meetings" INTEGER NOT NULL,
    "won_deals" INTEGER NOT NULL,

    CONSTRAINT "lead_chain_pkey" PRIMARY KEY ("lead_id")
);

-- CreateIndex
CREATE INDEX "lead_chain_org_id_handed_over_at_idx" ON "lead_chain"("org_id", "handed_over_at");

-- CreateIndex
CREATE INDEX "lead_chain_rep_id_handed_over_at_idx" ON "lead_chain"("rep_id", "handed_over_at");

-- AddForeignKey
ALTER TABLE "lead_chain" ADD CONSTRAINT "lead_chain_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Recomputes the rows of the given leads, and of the leads the given deals belong to, from lead, deal, the deals' last
-- stage facts and their pipelines' stages. The deals are locked first (a writer that moves a deal to another lead
-- holds its row, so we read the lead it has after that writer commits), then the leads: every recomputation of one
-- lead takes its turn, and the next one (READ COMMITTED: a new snapshot per statement) sees what the previous one's
-- transaction wrote.
CREATE FUNCTION "refresh_lead_chains"(lead_ids INTEGER[], deal_ids INTEGER[]) RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
  leads INTEGER[];
BEGIN
  leads := ARRAY(
    SELECT DISTINCT x FROM unnest(lead_ids || ARRAY(
      SELECT d."lead_id" FROM (SELECT "lead_id" FROM "deal" WHERE "id" = ANY (deal_ids) ORDER BY "id" FOR NO KEY UPDATE) d
    )) x
    WHERE x IS NOT NULL);
  IF cardinality(leads) = 0 THEN
    RETURN;
  END IF;
  PERFORM 1 FROM "lead" WHERE "id" = ANY (leads) ORDER BY "id" FOR NO KEY UPDATE;
  DELETE FROM "lead_chain" WHERE "lead_id" = ANY (leads);
  INSERT INTO "lead_chain" ("lead_id", "org_id", "rep_id", "handed_over_at", "deals", "first_meetings", "won_deals")
  SELECT l."id", l."org_id", coalesce(l."sdr_id", l."ae_id"), l."handed_over_at",
         count(d."id"),
         count(d."id") FILTER (WHERE f."max_rank" >= coalesce(fm."position", 2147483647)),
         count(d."id") FILTER (WHERE d."status" = 'WON')
  FROM "lead" l
  LEFT JOIN "deal" d ON d."lead_id" = l."id" AND d."org_id" = l."org_id"
  LEFT JOIN LATERAL (
    SELECT st."position" FROM "stage" st
    WHERE st."pipeline_id" = d."pipeline_id" AND st."kind" = 'OPEN'
    ORDER BY st."is_first_meeting" DESC, st."position"
    LIMIT 1
  ) fm ON TRUE
  LEFT JOIN "deal_stage_fact" f ON f."deal_id" = d."id" AND f."is_last"
  WHERE l."id" = ANY (leads) AND l."handed_over_at" IS NOT NULL
  GROUP BY l."id";
END
$$;

-- In a bulk load, the touched leads and deals wait here until flush_lead_chains().
CREATE FUNCTION "note_stale_lead_chains"(lead_ids INTEGER[], deal_ids INTEGER[]) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  CREATE TEMP TABLE IF NOT EXISTS "stale_chain_lead" ("lead_id" INTEGER PRIMARY KEY) ON COMMIT DROP;
  CREATE TEMP TABLE IF NOT EXISTS "stale_chain_deal" ("deal_id" INTEGER PRIMARY KEY) ON COMMIT DROP;
  INSERT INTO "stale_chain_lead" SELECT DISTINCT x FROM unnest(lead_ids) x WHERE x IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO "stale_chain_deal" SELECT DISTINCT x FROM unnest(deal_ids) x WHERE x IS NOT NULL ON CONFLICT DO NOTHING;
END
$$;

CREATE FUNCTION "flush_lead_chains"() RETURNS INTEGER LANGUAGE plpgsql AS $$
DECLARE
  lead_ids INTEGER[];
  deal_ids INTEGER[];
BEGIN
  IF to_regclass('pg_temp.stale_chain_lead') IS NULL THEN
    RETURN 0;
  END IF;
  SELECT coalesce(array_agg("lead_id"), '{}') INTO lead_ids FROM pg_temp."stale_chain_lead";
  SELECT coalesce(array_agg("deal_id"), '{}') INTO deal_ids FROM pg_temp."stale_chain_deal";
  PERFORM "refresh_lead_chains"(lead_ids, deal_ids);
  TRUNCATE pg_temp."stale_chain_lead", pg_temp."stale_chain_deal";
  RETURN cardinality(lead_ids) + cardinality(deal_ids);
END
$$;

CREATE FUNCTION "lead_chains_touched"(lead_ids INTEGER[], deal_ids INTEGER[]) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(lead_ids) = 0 AND cardinality(deal_ids) = 0 THEN
    RETURN;
  END IF;
  IF current_setting('app.defer_derived', TRUE) = 'on' THEN
    PERFORM "note_stale_lead_chains"(lead_ids, deal_ids);
  ELSE
    PERFORM "refresh_lead_chains"(lead_ids, deal_ids);
  END IF;
END
$$;

-- Leads: a new handed-over lead has a row; a hand-over time, SDR, AE or organisation changed moves it (a deleted lead
-- takes its row through the foreign key).
CREATE FUNCTION "lead_chain_after_lead_insert"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "lead_chains_touched"(ARRAY(SELECT "id" FROM new_rows WHERE "handed_over_at" IS NOT NULL), '{}');
  RETURN NULL;
END
$$;

CREATE FUNCTION "lead_chain_after_lead_update"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "lead_chains_touched"(ARRAY(
    SELECT n."id" FROM old_rows o JOIN new_rows n ON n."id" = o."id"
    WHERE (o."handed_over_at", o."sdr_id", o."ae_id", o."org_id") IS DISTINCT FROM (n."handed_over_at", n."sdr_id", n."ae_id", n."org_id")), '{}');
  RETURN NULL;
END
$$;

CREATE TRIGGER "lead_chains_insert" AFTER INSERT ON "lead"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "lead_chain_after_lead_insert"();
CREATE TRIGGER "lead_chains_update" AFTER UPDATE ON "lead"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "lead_chain_after_lead_update"();

-- Deals: a deal created from a lead, deleted, moved to another lead, organisation or pipeline (whose first-meeting stage
-- it is measured against), or won or no longer won. Other updates (owner, amount, stage: its history reaches us through
-- the facts) do not matter.
CREATE FUNCTION "lead_chain_after_deal_insert"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "lead_chains_touched"(ARRAY(SELECT DISTINCT "lead_id" FROM new_rows WHERE "lead_id" IS NOT NULL), '{}');
  RETURN NULL;
END
$$;

CREATE FUNCTION "lead_chain_after_deal_update"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "lead_chains_touched"(ARRAY(
    SELECT x FROM old_rows o JOIN new_rows n ON n."id" = o."id"
    CROSS JOIN LATERAL (VALUES (o."lead_id"), (n."lead_id")) v(x)
    WHERE (o."lead_id", o."status", o."pipeline_id", o."org_id") IS DISTINCT FROM (n."lead_id", n."status", n."pipeline_id", n."org_id")
      AND x IS NOT NULL), '{}');
  RETURN NULL;
END
$$;

CREATE FUNCTION "lead_chain_after_deal_delete"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "lead_chains_touched"(ARRAY(SELECT DISTINCT "lead_id" FROM old_rows WHERE "lead_id" IS NOT NULL), '{}');
  RETURN NULL;
END
$$;

CREATE TRIGGER "deal_lead_chains_insert" AFTER INSERT ON "deal"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "lead_chain_after_deal_insert"();
CREATE TRIGGER "deal_lead_chains_update" AFTER UPDATE ON "deal"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "lead_chain_after_deal_update"();
CREATE TRIGGER "deal_lead_chains_delete" AFTER DELETE ON "deal"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "lead_chain_after_deal_delete"();

-- Stage facts: a deal's highest rank is its last fact's, and refresh_deal_stage_facts deletes and inserts a deal's
-- facts whenever its history (or a stage's position or kind) changes: the deals whose last fact went or came.
CREATE FUNCTION "lead_chain_after_fact_insert"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "lead_chains_touched"('{}', ARRAY(SELECT DISTINCT "deal_id" FROM new_rows WHERE "is_last"));
  RETURN NULL;
END
$$;

CREATE FUNCTION "lead_chain_after_fact_delete"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "lead_chains_touched"('{}', ARRAY(SELECT DISTINCT "deal_id" FROM old_rows WHERE "is_last"));
  RETURN NULL;
END
$$;

CREATE TRIGGER "deal_stage_fact_lead_chains_insert" AFTER INSERT ON "deal_stage_fact"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "lead_chain_after_fact_insert"();
CREATE TRIGGER "deal_stage_fact_lead_chains_delete" AFTER DELETE ON "deal_stage_fact"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "lead_chain_after_fact_delete"();

-- Stages: which stage is a pipeline's first-meeting stage, and its position, depend on every stage of the pipeline:
-- the leads of the deals in a pipeline that gained, lost or changed a stage.
CREATE FUNCTION "lead_chains_of_pipelines"(pipeline_ids INTEGER[]) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "lead_chains_touched"(ARRAY(
    SELECT DISTINCT "lead_id" FROM "deal" WHERE "pipeline_id" = ANY (pipeline_ids) AND "lead_id" IS NOT NULL), '{}');
END
$$;

CREATE FUNCTION "lead_chain_after_stage_insert"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "lead_chains_of_pipelines"(ARRAY(SELECT DISTINCT "pipeline_id" FROM new_rows));
  RETURN NULL;
END
$$;

CREATE FUNCTION "lead_chain_after_stage_update"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "lead_chains_of_pipelines"(ARRAY(
    SELECT x FROM old_rows o JOIN new_rows n ON n."id" = o."id"
    CROSS JOIN LATERAL (VALUES (o."pipeline_id"), (n."pipeline_id")) v(x)
    WHERE (o."is_first_meeting", o."position", o."kind", o."pipeline_id")
            IS DISTINCT FROM (n."is_first_meeting", n."position", n."kind", n."pipeline_id")));
  RETURN NULL;
END
$$;

CREATE FUNCTION "lead_chain_after_stage_delete"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "lead_chains_of_pipelines"(ARRAY(SELECT DISTINCT "pipeline_id" FROM old_rows));
  RETURN NULL;
END
$$;

CREATE TRIGGER "stage_lead_chains_insert" AFTER INSERT ON "stage"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "lead_chain_after_stage_insert"();
CREATE TRIGGER "stage_lead_chains_update" AFTER UPDATE ON "stage"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "lead_chain_after_stage_update"();
CREATE TRIGGER "stage_lead_chains_delete" AFTER DELETE ON "stage"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "lead_chain_after_stage_delete"();

CREATE TRIGGER "lead_chain_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "lead_chain"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();

-- Rebuilds an organisation's rows from its leads.
CREATE FUNCTION "rebuild_lead_chains"(org INTEGER) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "lead_chain" WHERE "org_id" = org;
  PERFORM "refresh_lead_chains"(ARRAY(SELECT "id" FROM "lead" WHERE "org_id" = org AND "handed_over_at" IS NOT NULL), '{}');
END
$$;

-- Existing data, and statistics for the planner before autovacuum gets to the new table.
SELECT "rebuild_lead_chains"("id") FROM "organization";
ANALYZE "lead_chain";
