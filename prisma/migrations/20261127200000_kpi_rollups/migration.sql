-- Pre-aggregated data for the KPI engine, derived from deal_stage_change and activity and kept current by triggers
-- in this file (never written by the app). Bulk loads (seed, import) set app.defer_derived = 'on' in their
-- transaction: the stage-change triggers then only note the deals they touched, and flush_deal_stage_facts()
-- recomputes those once at the end (lib/db/derived-data.ts).

-- CreateTable
CREATE TABLE "deal_stage_fact" (
    "change_id" INTEGER NOT NULL,
    "deal_id" INTEGER NOT NULL,
    "stage_id" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "prev_stage_id" INTEGER,
    "prev_same_at" TIMESTAMPTZ(3),
    "next_at" TIMESTAMPTZ(3),
    "stay_days" INTEGER,
    "rank" INTEGER NOT NULL,
    "later_rank" INTEGER,
    "max_rank" INTEGER NOT NULL,
    "final_kind" "StageKind" NOT NULL,
    "is_last" BOOLEAN NOT NULL,

    CONSTRAINT "deal_stage_fact_pkey" PRIMARY KEY ("change_id")
);

-- CreateTable
CREATE TABLE "activity_day" (
    "org_id" INTEGER NOT NULL,
    "rep_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "type" "ActivityType" NOT NULL,
    "count" INTEGER NOT NULL,
    "responded" INTEGER NOT NULL,

    CONSTRAINT "activity_day_pkey" PRIMARY KEY ("rep_id","day","type")
);

-- CreateIndex
CREATE INDEX "deal_stage_fact_deal_id_idx" ON "deal_stage_fact"("deal_id");

-- CreateIndex
CREATE INDEX "deal_stage_fact_at_idx" ON "deal_stage_fact"("at");

-- CreateIndex
CREATE INDEX "deal_stage_fact_next_at_idx" ON "deal_stage_fact"("next_at");

-- CreateIndex
CREATE INDEX "activity_day_org_id_day_idx" ON "activity_day"("org_id", "day");

-- AddForeignKey
ALTER TABLE "deal_stage_fact" ADD CONSTRAINT "deal_stage_fact_change_id_fkey" FOREIGN KEY ("change_id") REFERENCES "deal_stage_change"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activity_day" ADD CONSTRAINT "activity_day_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activity_day" ADD CONSTRAINT "activity_day_rep_id_fkey" FOREIGN KEY ("rep_id") REFERENCES "rep"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Stage facts ------------------------------------------------------------------------------------------------------

-- Recomputes the facts of the given deals from their whole history. The deals' rows are locked first so that two
-- transactions writing the same deal's history take turns, and the second one (READ COMMITTED: a new snapshot per
-- statement) recomputes from a history that includes the first one's changes.
CREATE FUNCTION "refresh_deal_stage_facts"(deal_ids INTEGER[]) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "deal" WHERE "id" = ANY (deal_ids) ORDER BY "id" FOR NO KEY UPDATE;
  DELETE FROM "deal_stage_fact" WHERE "deal_id" = ANY (deal_ids);
  INSERT INTO "deal_stage_fact" ("change_id", "deal_id", "stage_id", "at", "prev_stage_id", "prev_same_at", "next_at",
                                 "stay_days", "rank", "later_rank", "max_rank", "final_kind", "is_last")
  SELECT h."id", h."deal_id", h."to_stage_id", h."at", h.prev_stage_id, h.prev_same_at, h.next_at,
         (h.next_at AT TIME ZONE h.tz)::date - (h."at" AT TIME ZONE h.tz)::date,
         h.rank, h.later_rank, max(h.rank) OVER (PARTITION BY h."deal_id"), h.final_kind, h.next_at IS NULL AND h.later_rank IS NULL
  FROM (
    SELECT c."id", c."deal_id", c."to_stage_id", c."at", o."time_zone" AS tz, r.rank,
           lag(c."to_stage_id") OVER w AS prev_stage_id,
           lag(c."at") OVER (PARTITION BY c."deal_id", c."to_stage_id" ORDER BY c."at", c."id") AS prev_same_at,
           lead(c."at") OVER w AS next_at,
           max(r.rank) OVER (w ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS later_rank,
           last_value(st."kind") OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS final_kind
    FROM "deal_stage_change" c
    JOIN "deal" d ON d."id" = c."deal_id"
    JOIN "organization" o ON o."id" = d."org_id"
    JOIN "stage" st ON st."id" = c."to_stage_id"
    CROSS JOIN LATERAL (SELECT CASE st."kind" WHEN 'WON' THEN 2147483647 WHEN 'LOST' THEN -1 ELSE st."position" END AS rank) r
    WHERE c."deal_id" = ANY (deal_ids)
    WINDOW w AS (PARTITION BY c."deal_id" ORDER BY c."at", c."id")
  ) h;
END
$$;

-- In a bulk load, the touched deals wait here until flush_deal_stage_facts().
CREATE FUNCTION "note_stale_deal_facts"(deal_ids INTEGER[]) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  CREATE TEMP TABLE IF NOT EXISTS "stale_deal_fact" ("deal_id" INTEGER PRIMARY KEY) ON COMMIT DROP;
  INSERT INTO "stale_deal_fact" SELECT DISTINCT unnest(deal_ids) ON CONFLICT DO NOTHING;
END
$$;

CREATE FUNCTION "flush_deal_stage_facts"() RETURNS INTEGER LANGUAGE plpgsql AS $$
DECLARE
  deal_ids INTEGER[];
BEGIN
  IF to_regclass('pg_temp.stale_deal_fact') IS NULL THEN
    RETURN 0;
  END IF;
  SELECT coalesce(array_agg("deal_id"), '{}') INTO deal_ids FROM pg_temp."stale_deal_fact";
  PERFORM "refresh_deal_stage_facts"(deal_ids);
  TRUNCATE pg_temp."stale_deal_fact";
  RETURN cardinality(deal_ids);
END
$$;

CREATE FUNCTION "deal_stage_change_touched"(deal_ids INTEGER[]) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('app.defer_derived', TRUE) = 'on' THEN
    PERFORM "note_stale_deal_facts"(deal_ids);
  ELSE
    PERFORM "refresh_deal_stage_facts"(deal_ids);
  END IF;
END
$$;

CREATE FUNCTION "deal_stage_change_after_insert"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "deal_stage_change_touched"(ARRAY(SELECT DISTINCT "deal_id" FROM new_rows));
  RETURN NULL;
END
$$;

CREATE FUNCTION "deal_stage_change_after_update"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "deal_stage_change_touched"(ARRAY(SELECT "deal_id" FROM old_rows UNION SELECT "deal_id" FROM new_rows));
  RETURN NULL;
END
$$;

CREATE FUNCTION "deal_stage_change_after_delete"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "deal_stage_change_touched"(ARRAY(SELECT DISTINCT "deal_id" FROM old_rows));
  RETURN NULL;
END
$$;

CREATE TRIGGER "deal_stage_change_facts_insert" AFTER INSERT ON "deal_stage_change"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "deal_stage_change_after_insert"();
CREATE TRIGGER "deal_stage_change_facts_update" AFTER UPDATE ON "deal_stage_change"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "deal_stage_change_after_update"();
CREATE TRIGGER "deal_stage_change_facts_delete" AFTER DELETE ON "deal_stage_change"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "deal_stage_change_after_delete"();

-- A stage's position or kind is part of every rank computed over its pipeline's histories.
CREATE FUNCTION "stage_after_update"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "deal_stage_change_touched"(ARRAY(
    SELECT DISTINCT c."deal_id" FROM "deal_stage_change" c JOIN "stage" s ON s."id" = c."to_stage_id"
    WHERE s."pipeline_id" IN (SELECT "pipeline_id" FROM new_rows)));
  RETURN NULL;
END
$$;

CREATE TRIGGER "stage_facts_update" AFTER UPDATE ON "stage"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "stage_after_update"();

-- Activity rollup --------------------------------------------------------------------------------------------------

-- Activities added, removed or changed, grouped per rep, local day and type. Additions commute, so concurrent
-- writers need no lock beyond the upserted rows' (taken in key order); rows that reach zero go.
CREATE FUNCTION "activity_after_insert"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "activity_day" AS ad ("org_id", "rep_id", "day", "type", "count", "responded")
  SELECT a."org_id", a."rep_id", (a."at" AT TIME ZONE o."time_zone")::date, a."type", count(*), count(*) FILTER (WHERE a."responded")
  FROM new_rows a
  JOIN "organization" o ON o."id" = a."org_id"
  GROUP BY 1, 2, 3, 4
  ORDER BY 2, 3, 4
  ON CONFLICT ("rep_id", "day", "type") DO UPDATE
    SET "count" = ad."count" + excluded."count", "responded" = ad."responded" + excluded."responded";
  RETURN NULL;
END
$$;

CREATE FUNCTION "activity_after_delete"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  WITH gone AS (
    SELECT a."rep_id", (a."at" AT TIME ZONE o."time_zone")::date AS "day", a."type",
           count(*) AS n, count(*) FILTER (WHERE a."responded") AS r
    FROM old_rows a
    JOIN "organization" o ON o."id" = a."org_id"
    GROUP BY 1, 2, 3
  )
  UPDATE "activity_day" ad SET "count" = ad."count" - gone.n, "responded" = ad."responded" - gone.r
  FROM gone WHERE ad."rep_id" = gone."rep_id" AND ad."day" = gone."day" AND ad."type" = gone."type";
  DELETE FROM "activity_day" WHERE "count" <= 0;
  RETURN NULL;
END
$$;

CREATE FUNCTION "activity_after_update"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  WITH delta AS (
    SELECT a."org_id", a."rep_id", (a."at" AT TIME ZONE o."time_zone")::date AS "day", a."type",
           -1 AS n, CASE WHEN a."responded" THEN -1 ELSE 0 END AS r
    FROM old_rows a JOIN "organization" o ON o."id" = a."org_id"
    UNION ALL
    SELECT a."org_id", a."rep_id", (a."at" AT TIME ZONE o."time_zone")::date, a."type",
           1, CASE WHEN a."responded" THEN 1 ELSE 0 END
    FROM new_rows a JOIN "organization" o ON o."id" = a."org_id"
  )
  INSERT INTO "activity_day" AS ad ("org_id", "rep_id", "day", "type", "count", "responded")
  SELECT "org_id", "rep_id", "day", "type", sum(n), sum(r) FROM delta
  GROUP BY 1, 2, 3, 4
  ORDER BY 2, 3, 4
  ON CONFLICT ("rep_id", "day", "type") DO UPDATE
    SET "count" = ad."count" + excluded."count", "responded" = ad."responded" + excluded."responded";
  DELETE FROM "activity_day" WHERE "count" <= 0;
  RETURN NULL;
END
$$;

CREATE TRIGGER "activity_days_insert" AFTER INSERT ON "activity"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "activity_after_insert"();
CREATE TRIGGER "activity_days_update" AFTER UPDATE ON "activity"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "activity_after_update"();
CREATE TRIGGER "activity_days_delete" AFTER DELETE ON "activity"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "activity_after_delete"();

-- Rebuilds an organisation's activity days from its activities.
CREATE FUNCTION "rebuild_activity_days"(org INTEGER) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "activity_day" WHERE "org_id" = org;
  INSERT INTO "activity_day" ("org_id", "rep_id", "day", "type", "count", "responded")
  SELECT a."org_id", a."rep_id", (a."at" AT TIME ZONE o."time_zone")::date, a."type", count(*), count(*) FILTER (WHERE a."responded")
  FROM "activity" a
  JOIN "organization" o ON o."id" = a."org_id"
  WHERE a."org_id" = org
  GROUP BY 1, 2, 3, 4;
END
$$;

-- Local days (activity days, stay_days) depend on the organisation's time zone.
CREATE FUNCTION "organization_after_time_zone_update"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."time_zone" IS DISTINCT FROM OLD."time_zone" THEN
    PERFORM "rebuild_activity_days"(NEW."id");
    PERFORM "deal_stage_change_touched"(ARRAY(
      SELECT DISTINCT c."deal_id" FROM "deal_stage_change" c JOIN "deal" d ON d."id" = c."deal_id" WHERE d."org_id" = NEW."id"));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "organization_time_zone_update" AFTER UPDATE OF "time_zone" ON "organization"
  FOR EACH ROW EXECUTE FUNCTION "organization_after_time_zone_update"();

-- Existing data.
SELECT "refresh_deal_stage_facts"(ARRAY(SELECT "id" FROM "deal"));
SELECT "rebuild_activity_days"("id") FROM "organization";
