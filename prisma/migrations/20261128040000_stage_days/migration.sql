-- The whole organisation's stage metrics (lib/kpi/query-stage-metrics.ts) from small per-day rollups of
-- deal_stage_fact instead of a scan of every fact. Periods are whole local days, so "at in P" is "the local day of at
-- in P", and "entered Si before P" is "the local day of that earlier entry before P's first day":
-- - stage_entry_day: facts into an open stage per (stage, local day, local day of the previous entry into the same
--   stage, or 0001-01-01 for none), with how many advanced later and how many were lost (flow);
-- - stage_stay_day: ended stays in open stages per (stage, local day they ended, days) (time in stage);
-- - stage_jump: the few changes from an open stage past the open stage after it (skips), one row per change.
-- Kept equal to deal_stage_fact by statement triggers on it (never written by the app): every write of the facts
-- (refresh_deal_stage_facts deletes and inserts them) moves these by the same amounts. Whether a change skips a stage
-- depends on its pipeline's stages, so a stage inserted or deleted recomputes its pipeline's jumps (a stage update
-- recomputes its pipeline's facts, and so the jumps). A time-zone change recomputes the facts after the zone is
-- already new, so the organisation's rows are rebuilt after that (organization_time_zone_update_stage_days fires
-- after organization_time_zone_update: triggers on one event fire in name order).

-- CreateTable
CREATE TABLE "stage_entry_day" (
    "org_id" INTEGER NOT NULL,
    "stage_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "prev_same_day" DATE NOT NULL,
    "entered" INTEGER NOT NULL,
    "advanced" INTEGER NOT NULL,
    "lost" INTEGER NOT NULL,

    CONSTRAINT "stage_entry_day_pkey" PRIMARY KEY ("stage_id","day","prev_same_day")
);

-- CreateTable
CREATE TABLE "stage_stay_day" (
    "org_id" INTEGER NOT NULL,
    "stage_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "stay_days" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "stage_stay_day_pkey" PRIMARY KEY ("stage_id","day","stay_days")
);

-- CreateTable
CREATE TABLE "stage_jump" (
    "change_id" INTEGER NOT NULL,
    "org_id" INTEGER NOT NULL,
    "deal_id" INTEGER NOT NULL,
    "pipeline_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "from_position" INTEGER NOT NULL,
    "rank" INTEGER NOT NULL,

    CONSTRAINT "stage_jump_pkey" PRIMARY KEY ("change_id")
);

-- CreateIndex
CREATE INDEX "stage_entry_day_org_id_day_idx" ON "stage_entry_day"("org_id", "day");

-- CreateIndex
CREATE INDEX "stage_stay_day_org_id_day_idx" ON "stage_stay_day"("org_id", "day");

-- CreateIndex
CREATE INDEX "stage_jump_org_id_day_idx" ON "stage_jump"("org_id", "day");

-- CreateIndex
CREATE INDEX "stage_jump_deal_id_idx" ON "stage_jump"("deal_id");

-- AddForeignKey
ALTER TABLE "stage_entry_day" ADD CONSTRAINT "stage_entry_day_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stage_entry_day" ADD CONSTRAINT "stage_entry_day_stage_id_fkey" FOREIGN KEY ("stage_id") REFERENCES "stage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stage_stay_day" ADD CONSTRAINT "stage_stay_day_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stage_stay_day" ADD CONSTRAINT "stage_stay_day_stage_id_fkey" FOREIGN KEY ("stage_id") REFERENCES "stage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stage_jump" ADD CONSTRAINT "stage_jump_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stage_jump" ADD CONSTRAINT "stage_jump_deal_id_fkey" FOREIGN KEY ("deal_id") REFERENCES "deal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stage_jump" ADD CONSTRAINT "stage_jump_pipeline_id_fkey" FOREIGN KEY ("pipeline_id") REFERENCES "pipeline"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Each trigger below reads its transition table once per rollup. A fact's organisation and time zone come from its
-- stage's pipeline. Ranks: an open stage's position; WON 2147483647, LOST -1 (refresh_deal_stage_facts).

CREATE FUNCTION "deal_stage_fact_days_after_insert"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "stage_entry_day" AS e ("org_id", "stage_id", "day", "prev_same_day", "entered", "advanced", "lost")
  SELECT pl."org_id", f."stage_id", (f."at" AT TIME ZONE o."time_zone")::date,
         coalesce((f."prev_same_at" AT TIME ZONE o."time_zone")::date, DATE '0001-01-01'),
         count(*), count(*) FILTER (WHERE f."later_rank" > f."rank"),
         count(*) FILTER (WHERE NOT coalesce(f."later_rank" > f."rank", FALSE) AND f."final_kind" = 'LOST')
  FROM new_rows f
  JOIN "stage" st ON st."id" = f."stage_id"
  JOIN "pipeline" pl ON pl."id" = st."pipeline_id"
  JOIN "organization" o ON o."id" = pl."org_id"
  WHERE f."rank" <> -1 AND f."rank" <> 2147483647
  GROUP BY 1, 2, 3, 4
  ORDER BY 2, 3, 4
  ON CONFLICT ("stage_id", "day", "prev_same_day") DO UPDATE
    SET "entered" = e."entered" + excluded."entered", "advanced" = e."advanced" + excluded."advanced", "lost" = e."lost" + excluded."lost";

  INSERT INTO "stage_stay_day" AS s ("org_id", "stage_id", "day", "stay_days", "n")
  SELECT pl."org_id", f."stage_id", (f."next_at" AT TIME ZONE o."time_zone")::date, f."stay_days", count(*)
  FROM new_rows f
  JOIN "stage" st ON st."id" = f."stage_id"
  JOIN "pipeline" pl ON pl."id" = st."pipeline_id"
  JOIN "organization" o ON o."id" = pl."org_id"
  WHERE f."rank" <> -1 AND f."rank" <> 2147483647 AND f."next_at" IS NOT NULL
  GROUP BY 1, 2, 3, 4
  ORDER BY 2, 3, 4
  ON CONFLICT ("stage_id", "day", "stay_days") DO UPDATE SET "n" = s."n" + excluded."n";

  INSERT INTO "stage_jump" AS j ("change_id", "org_id", "deal_id", "pipeline_id", "day", "from_position", "rank")
  SELECT f."change_id", pl."org_id", f."deal_id", st."pipeline_id", (f."at" AT TIME ZONE o."time_zone")::date, ps."position", f."rank"
  FROM new_rows f
  JOIN "stage" ps ON ps."id" = f."prev_stage_id" AND ps."kind" = 'OPEN'
  JOIN "stage" st ON st."id" = f."stage_id"
  JOIN "pipeline" pl ON pl."id" = st."pipeline_id"
  JOIN "organization" o ON o."id" = pl."org_id"
  WHERE f."rank" > (SELECT min(n."position") FROM "stage" n
                    WHERE n."pipeline_id" = ps."pipeline_id" AND n."kind" = 'OPEN' AND n."position" > ps."position")
  ORDER BY 1
  ON CONFLICT ("change_id") DO UPDATE
    SET "org_id" = excluded."org_id", "deal_id" = excluded."deal_id", "pipeline_id" = excluded."pipeline_id", "day" = excluded."day",
        "from_position" = excluded."from_position", "rank" = excluded."rank";
  RETURN NULL;
END
$$;

-- Subtracts without inserting: a delete cascading from an organisation or stage must not recreate their rows. The
-- rows are locked in key order first, as the upserts do; rows that reach zero go (one statement updates the others:
-- a row is modified once per statement).
CREATE FUNCTION "deal_stage_fact_days_after_delete"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  WITH gone AS (
    SELECT f."stage_id", (f."at" AT TIME ZONE o."time_zone")::date AS "day",
           coalesce((f."prev_same_at" AT TIME ZONE o."time_zone")::date, DATE '0001-01-01') AS "prev_same_day",
           count(*) AS entered, count(*) FILTER (WHERE f."later_rank" > f."rank") AS advanced,
           count(*) FILTER (WHERE NOT coalesce(f."later_rank" > f."rank", FALSE) AND f."final_kind" = 'LOST') AS lost
    FROM old_rows f
    JOIN "stage" st ON st."id" = f."stage_id"
    JOIN "pipeline" pl ON pl."id" = st."pipeline_id"
    JOIN "organization" o ON o."id" = pl."org_id"
    WHERE f."rank" <> -1 AND f."rank" <> 2147483647
    GROUP BY 1, 2, 3
  ),
  locked AS (
    SELECT e."stage_id", e."day", e."prev_same_day"
    FROM "stage_entry_day" e JOIN gone g USING ("stage_id", "day", "prev_same_day")
    ORDER BY 1, 2, 3
    FOR NO KEY UPDATE OF e
  ),
  kept AS (
    UPDATE "stage_entry_day" e
    SET "entered" = e."entered" - g.entered, "advanced" = e."advanced" - g.advanced, "lost" = e."lost" - g.lost
    FROM gone g JOIN locked l USING ("stage_id", "day", "prev_same_day")
    WHERE e."stage_id" = g."stage_id" AND e."day" = g."day" AND e."prev_same_day" = g."prev_same_day" AND e."entered" > g.entered
  )
  DELETE FROM "stage_entry_day" e USING gone g JOIN locked l USING ("stage_id", "day", "prev_same_day")
  WHERE e."stage_id" = g."stage_id" AND e."day" = g."day" AND e."prev_same_day" = g."prev_same_day" AND e."entered" <= g.entered;

  WITH gone AS (
    SELECT f."stage_id", (f."next_at" AT TIME ZONE o."time_zone")::date AS "day", f."stay_days", count(*) AS n
    FROM old_rows f
    JOIN "stage" st ON st."id" = f."stage_id"
    JOIN "pipeline" pl ON pl."id" = st."pipeline_id"
    JOIN "organization" o ON o."id" = pl."org_id"
    WHERE f."rank" <> -1 AND f."rank" <> 2147483647 AND f."next_at" IS NOT NULL
    GROUP BY 1, 2, 3
  ),
  locked AS (
    SELECT s."stage_id", s."day", s."stay_days"
    FROM "stage_stay_day" s JOIN gone g USING ("stage_id", "day", "stay_days")
    ORDER BY 1, 2, 3
    FOR NO KEY UPDATE OF s
  ),
  kept AS (
    UPDATE "stage_stay_day" s SET "n" = s."n" - g.n
    FROM gone g JOIN locked l USING ("stage_id", "day", "stay_days")
    WHERE s."stage_id" = g."stage_id" AND s."day" = g."day" AND s."stay_days" = g."stay_days" AND s."n" > g.n
  )
  DELETE FROM "stage_stay_day" s USING gone g JOIN locked l USING ("stage_id", "day", "stay_days")
  WHERE s."stage_id" = g."stage_id" AND s."day" = g."day" AND s."stay_days" = g."stay_days" AND s."n" <= g.n;

  DELETE FROM "stage_jump" WHERE "change_id" IN (SELECT "change_id" FROM old_rows);
  RETURN NULL;
END
$$;

-- refresh_deal_stage_facts never updates facts; this keeps the rollups right if anything does.
CREATE FUNCTION "deal_stage_fact_days_after_update"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  WITH delta AS (
    SELECT f.*, -1 AS sign FROM old_rows f
    UNION ALL
    SELECT f.*, 1 FROM new_rows f
  ),
  keyed AS (
    SELECT pl."org_id", f."stage_id", (f."at" AT TIME ZONE o."time_zone")::date AS "day",
           coalesce((f."prev_same_at" AT TIME ZONE o."time_zone")::date, DATE '0001-01-01') AS "prev_same_day",
           f.sign, (f."later_rank" > f."rank") AS advanced,
           (NOT coalesce(f."later_rank" > f."rank", FALSE) AND f."final_kind" = 'LOST') AS lost
    FROM delta f
    JOIN "stage" st ON st."id" = f."stage_id"
    JOIN "pipeline" pl ON pl."id" = st."pipeline_id"
    JOIN "organization" o ON o."id" = pl."org_id"
    WHERE f."rank" <> -1 AND f."rank" <> 2147483647
  )
  INSERT INTO "stage_entry_day" AS e ("org_id", "stage_id", "day", "prev_same_day", "entered", "advanced", "lost")
    SELECT "org_id", "stage_id", "day", "prev_same_day", sum(sign), coalesce(sum(sign) FILTER (WHERE advanced), 0),
           coalesce(sum(sign) FILTER (WHERE lost), 0)
    FROM keyed
    GROUP BY 1, 2, 3, 4
    ORDER BY 2, 3, 4
    ON CONFLICT ("stage_id", "day", "prev_same_day") DO UPDATE
      SET "entered" = e."entered" + excluded."entered", "advanced" = e."advanced" + excluded."advanced", "lost" = e."lost" + excluded."lost";
  DELETE FROM "stage_entry_day"
  WHERE "entered" <= 0 AND "stage_id" IN (SELECT "stage_id" FROM old_rows UNION SELECT "stage_id" FROM new_rows);

  WITH delta AS (
    SELECT f.*, -1 AS sign FROM old_rows f
    UNION ALL
    SELECT f.*, 1 FROM new_rows f
  )
  INSERT INTO "stage_stay_day" AS s ("org_id", "stage_id", "day", "stay_days", "n")
    SELECT pl."org_id", f."stage_id", (f."next_at" AT TIME ZONE o."time_zone")::date, f."stay_days", sum(f.sign)
    FROM delta f
    JOIN "stage" st ON st."id" = f."stage_id"
    JOIN "pipeline" pl ON pl."id" = st."pipeline_id"
    JOIN "organization" o ON o."id" = pl."org_id"
    WHERE f."rank" <> -1 AND f."rank" <> 2147483647 AND f."next_at" IS NOT NULL
    GROUP BY 1, 2, 3, 4
    ORDER BY 2, 3, 4
    ON CONFLICT ("stage_id", "day", "stay_days") DO UPDATE SET "n" = s."n" + excluded."n";
  DELETE FROM "stage_stay_day"
  WHERE "n" <= 0 AND "stage_id" IN (SELECT "stage_id" FROM old_rows UNION SELECT "stage_id" FROM new_rows);

  DELETE FROM "stage_jump" WHERE "change_id" IN (SELECT "change_id" FROM old_rows);
  INSERT INTO "stage_jump" AS j ("change_id", "org_id", "deal_id", "pipeline_id", "day", "from_position", "rank")
  SELECT f."change_id", pl."org_id", f."deal_id", st."pipeline_id", (f."at" AT TIME ZONE o."time_zone")::date, ps."position", f."rank"
  FROM new_rows f
  JOIN "stage" ps ON ps."id" = f."prev_stage_id" AND ps."kind" = 'OPEN'
  JOIN "stage" st ON st."id" = f."stage_id"
  JOIN "pipeline" pl ON pl."id" = st."pipeline_id"
  JOIN "organization" o ON o."id" = pl."org_id"
  WHERE f."rank" > (SELECT min(n."position") FROM "stage" n
                    WHERE n."pipeline_id" = ps."pipeline_id" AND n."kind" = 'OPEN' AND n."position" > ps."position")
  ORDER BY 1
  ON CONFLICT ("change_id") DO UPDATE
    SET "org_id" = excluded."org_id", "deal_id" = excluded."deal_id", "pipeline_id" = excluded."pipeline_id", "day" = excluded."day",
        "from_position" = excluded."from_position", "rank" = excluded."rank";
  RETURN NULL;
END
$$;

CREATE TRIGGER "deal_stage_fact_days_insert" AFTER INSERT ON "deal_stage_fact"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "deal_stage_fact_days_after_insert"();
CREATE TRIGGER "deal_stage_fact_days_update" AFTER UPDATE ON "deal_stage_fact"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "deal_stage_fact_days_after_update"();
CREATE TRIGGER "deal_stage_fact_days_delete" AFTER DELETE ON "deal_stage_fact"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "deal_stage_fact_days_after_delete"();

-- Recomputes the jumps of the deals that have a change into a stage of the given pipelines: a stage inserted or
-- deleted there changes which open stage follows which, so which changes skip one.
CREATE FUNCTION "refresh_stage_jumps"(pipeline_ids INTEGER[]) RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
  deal_ids INTEGER[];
BEGIN
  deal_ids := ARRAY(
    SELECT DISTINCT c."deal_id" FROM "deal_stage_change" c JOIN "stage" s ON s."id" = c."to_stage_id"
    WHERE s."pipeline_id" = ANY (pipeline_ids));
  IF cardinality(deal_ids) = 0 THEN
    RETURN;
  END IF;
  DELETE FROM "stage_jump" WHERE "deal_id" = ANY (deal_ids);
  INSERT INTO "stage_jump" ("change_id", "org_id", "deal_id", "pipeline_id", "day", "from_position", "rank")
  SELECT f."change_id", pl."org_id", f."deal_id", st."pipeline_id", (f."at" AT TIME ZONE o."time_zone")::date, ps."position", f."rank"
  FROM "deal_stage_fact" f
  JOIN "stage" ps ON ps."id" = f."prev_stage_id" AND ps."kind" = 'OPEN'
  JOIN "stage" st ON st."id" = f."stage_id"
  JOIN "pipeline" pl ON pl."id" = st."pipeline_id"
  JOIN "organization" o ON o."id" = pl."org_id"
  WHERE f."deal_id" = ANY (deal_ids)
    AND f."rank" > (SELECT min(n."position") FROM "stage" n
                    WHERE n."pipeline_id" = ps."pipeline_id" AND n."kind" = 'OPEN' AND n."position" > ps."position")
  ORDER BY 1;
END
$$;

CREATE FUNCTION "stage_jumps_after_insert"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "refresh_stage_jumps"(ARRAY(SELECT DISTINCT "pipeline_id" FROM new_rows));
  RETURN NULL;
END
$$;

-- A stage deleted with its pipeline (or organisation) leaves no stage of that pipeline to find deals by: nothing to do.
CREATE FUNCTION "stage_jumps_after_delete"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "refresh_stage_jumps"(ARRAY(SELECT DISTINCT "pipeline_id" FROM old_rows));
  RETURN NULL;
END
$$;

CREATE TRIGGER "stage_jumps_insert" AFTER INSERT ON "stage"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "stage_jumps_after_insert"();
CREATE TRIGGER "stage_jumps_delete" AFTER DELETE ON "stage"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "stage_jumps_after_delete"();

-- Rebuilds an organisation's three rollups from its facts.
CREATE FUNCTION "rebuild_stage_days"(org INTEGER) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "stage_entry_day" WHERE "org_id" = org;
  DELETE FROM "stage_stay_day" WHERE "org_id" = org;
  DELETE FROM "stage_jump" WHERE "org_id" = org;
  INSERT INTO "stage_entry_day" ("org_id", "stage_id", "day", "prev_same_day", "entered", "advanced", "lost")
  SELECT pl."org_id", f."stage_id", (f."at" AT TIME ZONE o."time_zone")::date,
         coalesce((f."prev_same_at" AT TIME ZONE o."time_zone")::date, DATE '0001-01-01'),
         count(*), count(*) FILTER (WHERE f."later_rank" > f."rank"),
         count(*) FILTER (WHERE NOT coalesce(f."later_rank" > f."rank", FALSE) AND f."final_kind" = 'LOST')
  FROM "deal_stage_fact" f
  JOIN "stage" st ON st."id" = f."stage_id"
  JOIN "pipeline" pl ON pl."id" = st."pipeline_id"
  JOIN "organization" o ON o."id" = pl."org_id"
  WHERE pl."org_id" = org AND f."rank" <> -1 AND f."rank" <> 2147483647
  GROUP BY 1, 2, 3, 4;
  INSERT INTO "stage_stay_day" ("org_id", "stage_id", "day", "stay_days", "n")
  SELECT pl."org_id", f."stage_id", (f."next_at" AT TIME ZONE o."time_zone")::date, f."stay_days", count(*)
  FROM "deal_stage_fact" f
  JOIN "stage" st ON st."id" = f."stage_id"
  JOIN "pipeline" pl ON pl."id" = st."pipeline_id"
  JOIN "organization" o ON o."id" = pl."org_id"
  WHERE pl."org_id" = org AND f."rank" <> -1 AND f."rank" <> 2147483647 AND f."next_at" IS NOT NULL
  GROUP BY 1, 2, 3, 4;
  INSERT INTO "stage_jump" ("change_id", "org_id", "deal_id", "pipeline_id", "day", "from_position", "rank")
  SELECT f."change_id", pl."org_id", f."deal_id", st."pipeline_id", (f."at" AT TIME ZONE o."time_zone")::date, ps."position", f."rank"
  FROM "deal_stage_fact" f
  JOIN "stage" ps ON ps."id" = f."prev_stage_id" AND ps."kind" = 'OPEN'
  JOIN "stage" st ON st."id" = f."stage_id"
  JOIN "pipeline" pl ON pl."id" = st."pipeline_id"
  JOIN "organization" o ON o."id" = pl."org_id"
  WHERE pl."org_id" = org
    AND f."rank" > (SELECT min(n."position") FROM "stage" n
                    WHERE n."pipeline_id" = ps."pipeline_id" AND n."kind" = 'OPEN' AND n."position" > ps."position");
END
$$;

-- organization_time_zone_update (before this one by name) recomputed the facts with the new zone already in place,
-- so the delete trigger above subtracted the old facts from new-zone days: rebuild from the facts as they are now.
-- In a bulk load the facts are only recomputed at the flush; this rebuild then reads the old facts in the new zone,
-- which is what the flush's delete trigger subtracts.
CREATE FUNCTION "organization_after_time_zone_update_stage_days"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."time_zone" IS DISTINCT FROM OLD."time_zone" THEN
    PERFORM "rebuild_stage_days"(NEW."id");
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "organization_time_zone_update_stage_days" AFTER UPDATE OF "time_zone" ON "organization"
  FOR EACH ROW EXECUTE FUNCTION "organization_after_time_zone_update_stage_days"();

CREATE TRIGGER "stage_entry_day_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "stage_entry_day"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();
CREATE TRIGGER "stage_stay_day_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "stage_stay_day"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();
CREATE TRIGGER "stage_jump_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "stage_jump"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();

-- Existing data, and statistics for the planner before autovacuum gets to the new tables.
SELECT "rebuild_stage_days"("id") FROM "organization";
ANALYZE "stage_entry_day";
ANALYZE "stage_stay_day";
ANALYZE "stage_jump";
