-- Leads created per organisation, rep (coalesce(sdr_id, ae_id); NULL for a lead with neither, which counts only for
-- the whole organisation), local month of created_at in the organisation's time zone (`month` is its first day) and
-- source, kept current by statement triggers on lead. Whole months of a period are read from here and only its edge
-- days from lead itself (lib/kpi/query-lead-metrics.ts). rep_id has no foreign key: deleting a rep sets the leads'
-- sdr_id/ae_id to NULL, and the update trigger moves their counts (a cascade on rep_id would race with it).

-- CreateTable
CREATE TABLE "lead_month" (
    "id" BIGSERIAL NOT NULL,
    "org_id" INTEGER NOT NULL,
    "rep_id" INTEGER,
    "month" DATE NOT NULL,
    "source" "LeadSource" NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "lead_month_pkey" PRIMARY KEY ("id")
);

-- One row per key, an ownerless lead's NULL rep included (the upserts' conflict target).
CREATE UNIQUE INDEX "lead_month_key_idx" ON "lead_month"("org_id", "rep_id", "month", "source") NULLS NOT DISTINCT;

-- CreateIndex
CREATE INDEX "lead_month_org_id_month_idx" ON "lead_month"("org_id", "month");

-- CreateIndex
CREATE INDEX "lead_month_rep_id_month_idx" ON "lead_month"("rep_id", "month");

-- AddForeignKey
ALTER TABLE "lead_month" ADD CONSTRAINT "lead_month_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Each trigger adds the signed counts of the lead rows it sees per key. Additions commute, so concurrent writers need
-- no lock beyond the upserted rows' (taken in key order); rows that reach zero go.
CREATE FUNCTION "lead_after_insert_months"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "lead_month" AS lm ("org_id", "rep_id", "month", "source", "n")
  SELECT l."org_id", coalesce(l."sdr_id", l."ae_id"), date_trunc('month', l."created_at" AT TIME ZONE o."time_zone")::date, l."source", count(*)
  FROM new_rows l
  JOIN "organization" o ON o."id" = l."org_id"
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4
  ON CONFLICT ("org_id", "rep_id", "month", "source") DO UPDATE SET "n" = lm."n" + excluded."n";
  RETURN NULL;
END
$$;

-- Old rows subtracted, new rows added; keys whose net change is zero (an update that moves no lead between keys,
-- e.g. a status or hand-over) are not written. Rows that reach zero are deleted by id after the upsert.
CREATE FUNCTION "lead_after_update_months"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  emptied BIGINT[];
BEGIN
  WITH delta AS (
    SELECT d."org_id", d."rep_id", date_trunc('month', d."created_at" AT TIME ZONE o."time_zone")::date AS "month", d."source", sum(d.n) AS n
    FROM (
      SELECT "org_id", coalesce("sdr_id", "ae_id") AS "rep_id", "created_at", "source", -1 AS n FROM old_rows
      UNION ALL
      SELECT "org_id", coalesce("sdr_id", "ae_id"), "created_at", "source", 1 FROM new_rows
    ) d
    JOIN "organization" o ON o."id" = d."org_id"
    GROUP BY 1, 2, 3, 4
    HAVING sum(d.n) <> 0
  ),
  upserted AS (
    INSERT INTO "lead_month" AS lm ("org_id", "rep_id", "month", "source", "n")
    SELECT "org_id", "rep_id", "month", "source", n FROM delta
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ("org_id", "rep_id", "month", "source") DO UPDATE SET "n" = lm."n" + excluded."n"
    RETURNING lm."id", lm."n"
  )
  SELECT array_agg("id") FILTER (WHERE "n" <= 0) INTO emptied FROM upserted;
  IF emptied IS NOT NULL THEN
    DELETE FROM "lead_month" WHERE "id" = ANY (emptied);
  END IF;
  RETURN NULL;
END
$$;

-- Subtracts without inserting: a delete cascading from an organisation must not recreate its months. The months are
-- locked in key order first, as the upserts do.
CREATE FUNCTION "lead_after_delete_months"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  emptied BIGINT[];
BEGIN
  WITH gone AS (
    SELECT l."org_id", coalesce(l."sdr_id", l."ae_id") AS "rep_id",
           date_trunc('month', l."created_at" AT TIME ZONE o."time_zone")::date AS "month", l."source", count(*) AS n
    FROM old_rows l
    JOIN "organization" o ON o."id" = l."org_id"
    GROUP BY 1, 2, 3, 4
  ),
  locked AS (
    SELECT lm."id", g.n
    FROM "lead_month" lm
    JOIN gone g ON lm."org_id" = g."org_id" AND lm."rep_id" IS NOT DISTINCT FROM g."rep_id" AND lm."month" = g."month" AND lm."source" = g."source"
    ORDER BY lm."org_id", lm."rep_id", lm."month", lm."source"
    FOR NO KEY UPDATE OF lm
  ),
  subtracted AS (
    UPDATE "lead_month" lm SET "n" = lm."n" - l.n
    FROM locked l
    WHERE lm."id" = l."id"
    RETURNING lm."id", lm."n"
  )
  SELECT array_agg("id") FILTER (WHERE "n" <= 0) INTO emptied FROM subtracted;
  IF emptied IS NOT NULL THEN
    DELETE FROM "lead_month" WHERE "id" = ANY (emptied);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "lead_months_insert" AFTER INSERT ON "lead"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "lead_after_insert_months"();
CREATE TRIGGER "lead_months_update" AFTER UPDATE ON "lead"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "lead_after_update_months"();
CREATE TRIGGER "lead_months_delete" AFTER DELETE ON "lead"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "lead_after_delete_months"();

CREATE FUNCTION "rebuild_lead_months"(org INTEGER) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "lead_month" WHERE "org_id" = org;
  INSERT INTO "lead_month" ("org_id", "rep_id", "month", "source", "n")
  SELECT l."org_id", coalesce(l."sdr_id", l."ae_id"), date_trunc('month', l."created_at" AT TIME ZONE o."time_zone")::date, l."source", count(*)
  FROM "lead" l
  JOIN "organization" o ON o."id" = l."org_id"
  WHERE l."org_id" = org
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4;
END
$$;

-- The local months move with the zone: rebuild the organisation's rows from its leads.
CREATE FUNCTION "organization_after_time_zone_update_lead_months"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."time_zone" IS DISTINCT FROM OLD."time_zone" THEN
    PERFORM "rebuild_lead_months"(NEW."id");
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "organization_time_zone_update_lead_months" AFTER UPDATE OF "time_zone" ON "organization"
  FOR EACH ROW EXECUTE FUNCTION "organization_after_time_zone_update_lead_months"();

CREATE TRIGGER "lead_month_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "lead_month"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();

-- Existing data, and statistics for the planner before autovacuum gets to the new table.
INSERT INTO "lead_month" ("org_id", "rep_id", "month", "source", "n")
SELECT l."org_id", coalesce(l."sdr_id", l."ae_id"), date_trunc('month', l."created_at" AT TIME ZONE o."time_zone")::date, l."source", count(*)
FROM "lead" l
JOIN "organization" o ON o."id" = l."org_id"
GROUP BY 1, 2, 3, 4
ORDER BY 1, 2, 3, 4;
ANALYZE "lead_month";
