-- Deals counted per organisation, rep (coalesce(closed_owner_id, owner_id): KPI.md attributes a closed deal to its
-- owner when it closed), pipeline, local month in the organisation's time zone (`month` is its first day), event and
-- deal type, kept current by statement triggers on deal. Each deal has a CREATED event in the month of created_at and,
-- once WON or LOST with a closed_at, a WON or LOST event in the month of closed_at; a WON event carries the deal's
-- sales cycle in calendar days, so medians come from the histogram of cycle_days. Whole months of a period are read
-- from here and only its edge days from deal itself (lib/kpi/deal-events-sql.ts). rep_id and pipeline_id have no
-- foreign key: deleting a rep sets closed_owner_id to NULL, and the update trigger moves the deals' counts (a cascade
-- would race with it); a pipeline cannot be deleted while it has deals.

-- CreateEnum
CREATE TYPE "DealMonthEvent" AS ENUM ('CREATED', 'WON', 'LOST');

-- CreateTable
CREATE TABLE "deal_month" (
    "id" BIGSERIAL NOT NULL,
    "org_id" INTEGER NOT NULL,
    "rep_id" INTEGER NOT NULL,
    "pipeline_id" INTEGER NOT NULL,
    "month" DATE NOT NULL,
    "event" "DealMonthEvent" NOT NULL,
    "type" "DealType" NOT NULL,
    "cycle_days" INTEGER,
    "n" INTEGER NOT NULL,
    "amount" DECIMAL(20,2) NOT NULL,

    CONSTRAINT "deal_month_pkey" PRIMARY KEY ("id")
);

-- One row per key, a NULL cycle (every event but WON) included (the upserts' conflict target).
CREATE UNIQUE INDEX "deal_month_key_idx" ON "deal_month"("org_id", "rep_id", "pipeline_id", "month", "event", "type", "cycle_days") NULLS NOT DISTINCT;

-- CreateIndex
CREATE INDEX "deal_month_org_id_month_idx" ON "deal_month"("org_id", "month");

-- CreateIndex
CREATE INDEX "deal_month_rep_id_month_idx" ON "deal_month"("rep_id", "month");

-- AddForeignKey
ALTER TABLE "deal_month" ADD CONSTRAINT "deal_month_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The events of one deal in a time zone: the one place that says which months a deal counts in and what its cycle is.
-- The KPI queries use it for a period's edge days too. A plain SQL function, inlined where it is called.
CREATE FUNCTION "deal_month_events"(created_at TIMESTAMPTZ, closed_at TIMESTAMPTZ, status "DealStatus", tz TEXT)
RETURNS TABLE ("event" "DealMonthEvent", "at" TIMESTAMPTZ, "month" DATE, "cycle_days" INTEGER)
LANGUAGE sql STABLE AS $$
  SELECT 'CREATED'::"DealMonthEvent", created_at, date_trunc('month', created_at AT TIME ZONE tz)::date, NULL::integer
  UNION ALL
  SELECT CASE status WHEN 'WON' THEN 'WON'::"DealMonthEvent" ELSE 'LOST'::"DealMonthEvent" END, closed_at,
         date_trunc('month', closed_at AT TIME ZONE tz)::date,
         CASE WHEN status = 'WON' THEN (closed_at AT TIME ZONE tz)::date - (created_at AT TIME ZONE tz)::date END
  WHERE status IN ('WON', 'LOST') AND closed_at IS NOT NULL
$$;

-- Each trigger adds the signed counts and amounts of the deal rows it sees per key. Additions commute, so concurrent
-- writers need no lock beyond the upserted rows' (taken in key order); rows that reach zero go.
CREATE FUNCTION "deal_after_insert_months"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "deal_month" AS dm ("org_id", "rep_id", "pipeline_id", "month", "event", "type", "cycle_days", "n", "amount")
  SELECT d."org_id", coalesce(d."closed_owner_id", d."owner_id"), d."pipeline_id", e."month", e."event", d."type", e."cycle_days",
         count(*), coalesce(sum(d."amount"), 0)
  FROM new_rows d
  JOIN "organization" o ON o."id" = d."org_id"
  CROSS JOIN LATERAL "deal_month_events"(d."created_at", d."closed_at", d."status", o."time_zone") e
  GROUP BY 1, 2, 3, 4, 5, 6, 7
  ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT ("org_id", "rep_id", "pipeline_id", "month", "event", "type", "cycle_days")
  DO UPDATE SET "n" = dm."n" + excluded."n", "amount" = dm."amount" + excluded."amount";
  RETURN NULL;
END
$$;

-- Old rows subtracted, new rows added; keys whose net change is zero (an update that moves no deal between keys and
-- changes no amount, e.g. a stage or next step) are not written. Rows that reach zero are deleted by id after the upsert.
CREATE FUNCTION "deal_after_update_months"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  emptied BIGINT[];
BEGIN
  WITH delta AS (
    SELECT d."org_id", d."rep_id", d."pipeline_id", e."month", e."event", d."type", e."cycle_days",
           sum(d.sign) AS n, sum(d.sign * coalesce(d."amount", 0)) AS "amount"
    FROM (
      SELECT "org_id", coalesce("closed_owner_id", "owner_id") AS "rep_id", "pipeline_id", "type", "amount", "created_at", "closed_at", "status", -1 AS sign
      FROM old_rows
      UNION ALL
      SELECT "org_id", coalesce("closed_owner_id", "owner_id"), "pipeline_id", "type", "amount", "created_at", "closed_at", "status", 1
      FROM new_rows
    ) d
    JOIN "organization" o ON o."id" = d."org_id"
    CROSS JOIN LATERAL "deal_month_events"(d."created_at", d."closed_at", d."status", o."time_zone") e
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    HAVING sum(d.sign) <> 0 OR sum(d.sign * coalesce(d."amount", 0)) <> 0
  ),
  upserted AS (
    INSERT INTO "deal_month" AS dm ("org_id", "rep_id", "pipeline_id", "month", "event", "type", "cycle_days", "n", "amount")
    SELECT "org_id", "rep_id", "pipeline_id", "month", "event", "type", "cycle_days", n, "amount" FROM delta
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT ("org_id", "rep_id", "pipeline_id", "month", "event", "type", "cycle_days")
    DO UPDATE SET "n" = dm."n" + excluded."n", "amount" = dm."amount" + excluded."amount"
    RETURNING dm."id", dm."n"
  )
  SELECT array_agg("id") FILTER (WHERE "n" <= 0) INTO emptied FROM upserted;
  IF emptied IS NOT NULL THEN
    DELETE FROM "deal_month" WHERE "id" = ANY (emptied);
  END IF;
  RETURN NULL;
END
$$;

-- Subtracts without inserting: a delete cascading from an organisation must not recreate its months. The months are
-- locked in key order first, as the upserts do.
CREATE FUNCTION "deal_after_delete_months"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  emptied BIGINT[];
BEGIN
  WITH gone AS (
    SELECT d."org_id", coalesce(d."closed_owner_id", d."owner_id") AS "rep_id", d."pipeline_id", e."month", e."event", d."type",
           e."cycle_days", count(*) AS n, coalesce(sum(d."amount"), 0) AS "amount"
    FROM old_rows d
    JOIN "organization" o ON o."id" = d."org_id"
    CROSS JOIN LATERAL "deal_month_events"(d."created_at", d."closed_at", d."status", o."time_zone") e
    GROUP BY 1, 2, 3, 4, 5, 6, 7
  ),
  locked AS (
    SELECT dm."id", g.n, g."amount"
    FROM "deal_month" dm
    JOIN gone g ON dm."org_id" = g."org_id" AND dm."rep_id" = g."rep_id" AND dm."pipeline_id" = g."pipeline_id" AND dm."month" = g."month"
               AND dm."event" = g."event" AND dm."type" = g."type" AND dm."cycle_days" IS NOT DISTINCT FROM g."cycle_days"
    ORDER BY dm."org_id", dm."rep_id", dm."pipeline_id", dm."month", dm."event", dm."type", dm."cycle_days"
    FOR NO KEY UPDATE OF dm
  ),
  subtracted AS (
    UPDATE "deal_month" dm SET "n" = dm."n" - l.n, "amount" = dm."amount" - l."amount"
    FROM locked l
    WHERE dm."id" = l."id"
    RETURNING dm."id", dm."n"
  )
  SELECT array_agg("id") FILTER (WHERE "n" <= 0) INTO emptied FROM subtracted;
  IF emptied IS NOT NULL THEN
    DELETE FROM "deal_month" WHERE "id" = ANY (emptied);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "deal_months_insert" AFTER INSERT ON "deal"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "deal_after_insert_months"();
CREATE TRIGGER "deal_months_update" AFTER UPDATE ON "deal"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "deal_after_update_months"();
CREATE TRIGGER "deal_months_delete" AFTER DELETE ON "deal"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "deal_after_delete_months"();

CREATE FUNCTION "rebuild_deal_months"(org INTEGER) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "deal_month" WHERE "org_id" = org;
  INSERT INTO "deal_month" ("org_id", "rep_id", "pipeline_id", "month", "event", "type", "cycle_days", "n", "amount")
  SELECT d."org_id", coalesce(d."closed_owner_id", d."owner_id"), d."pipeline_id", e."month", e."event", d."type", e."cycle_days",
         count(*), coalesce(sum(d."amount"), 0)
  FROM "deal" d
  JOIN "organization" o ON o."id" = d."org_id"
  CROSS JOIN LATERAL "deal_month_events"(d."created_at", d."closed_at", d."status", o."time_zone") e
  WHERE d."org_id" = org
  GROUP BY 1, 2, 3, 4, 5, 6, 7
  ORDER BY 1, 2, 3, 4, 5, 6, 7;
END
$$;

-- The local months and cycles move with the zone: rebuild the organisation's rows from its deals.
CREATE FUNCTION "organization_after_time_zone_update_deal_months"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."time_zone" IS DISTINCT FROM OLD."time_zone" THEN
    PERFORM "rebuild_deal_months"(NEW."id");
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "organization_time_zone_update_deal_months" AFTER UPDATE OF "time_zone" ON "organization"
  FOR EACH ROW EXECUTE FUNCTION "organization_after_time_zone_update_deal_months"();

CREATE TRIGGER "deal_month_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "deal_month"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();

-- Existing data, and statistics for the planner before autovacuum gets to the new table.
SELECT "rebuild_deal_months"("id") FROM "organization";
ANALYZE "deal_month";
