-- Activities per rep, local month and type: the monthly sum of activity_day, kept equal to it by statement triggers
-- on activity_day itself (never written by the app). Whatever writes activity_day (the activity triggers, a rebuild
-- after a time-zone change) moves this table by the same amounts, so those functions need no change. Whole months
-- of a period are read from here and only its edge days from activity_day (lib/kpi/query-activity-metrics.ts).

-- CreateTable
CREATE TABLE "activity_month" (
    "org_id" INTEGER NOT NULL,
    "rep_id" INTEGER NOT NULL,
    "month" DATE NOT NULL,
    "type" "ActivityType" NOT NULL,
    "count" INTEGER NOT NULL,
    "responded" INTEGER NOT NULL,

    CONSTRAINT "activity_month_pkey" PRIMARY KEY ("rep_id","month","type")
);

-- CreateIndex
CREATE INDEX "activity_month_org_id_month_idx" ON "activity_month"("org_id", "month");

-- AddForeignKey
ALTER TABLE "activity_month" ADD CONSTRAINT "activity_month_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activity_month" ADD CONSTRAINT "activity_month_rep_id_fkey" FOREIGN KEY ("rep_id") REFERENCES "rep"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Each trigger adds the signed amounts of the day rows it sees per (rep, month, type). Additions commute, so
-- concurrent writers need no lock beyond the upserted rows' (taken in key order); rows that reach zero go.
-- INSERT … ON CONFLICT DO UPDATE on activity_day fires this for the rows it inserted and the update trigger for the
-- rows it updated, each with only those rows in its transition table.
CREATE FUNCTION "activity_day_after_insert"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "activity_month" AS am ("org_id", "rep_id", "month", "type", "count", "responded")
  SELECT d."org_id", d."rep_id", date_trunc('month', d."day")::date, d."type", sum(d."count"), sum(d."responded")
  FROM new_rows d
  GROUP BY 1, 2, 3, 4
  ORDER BY 2, 3, 4
  ON CONFLICT ("rep_id", "month", "type") DO UPDATE
    SET "count" = am."count" + excluded."count", "responded" = am."responded" + excluded."responded";
  -- Only a day row inserted with a negative count (a transient of activity_after_update) can bring a month to zero.
  IF EXISTS (SELECT 1 FROM new_rows WHERE "count" <= 0) THEN
    DELETE FROM "activity_month" am USING new_rows d
    WHERE am."rep_id" = d."rep_id" AND am."month" = date_trunc('month', d."day")::date AND am."type" = d."type" AND am."count" <= 0;
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION "activity_day_after_update"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  WITH delta AS (
    SELECT "org_id", "rep_id", "day", "type", -"count" AS n, -"responded" AS r FROM old_rows
    UNION ALL
    SELECT "org_id", "rep_id", "day", "type", "count", "responded" FROM new_rows
  )
  INSERT INTO "activity_month" AS am ("org_id", "rep_id", "month", "type", "count", "responded")
  SELECT "org_id", "rep_id", date_trunc('month', "day")::date, "type", sum(n), sum(r) FROM delta
  GROUP BY 1, 2, 3, 4
  ORDER BY 2, 3, 4
  ON CONFLICT ("rep_id", "month", "type") DO UPDATE
    SET "count" = am."count" + excluded."count", "responded" = am."responded" + excluded."responded";
  DELETE FROM "activity_month" am
  USING (SELECT "rep_id", "day", "type" FROM old_rows UNION ALL SELECT "rep_id", "day", "type" FROM new_rows) d
  WHERE am."rep_id" = d."rep_id" AND am."month" = date_trunc('month', d."day")::date AND am."type" = d."type" AND am."count" <= 0;
  RETURN NULL;
END
$$;

-- Subtracts without inserting: a delete cascading from an organisation or rep must not recreate their months. The
-- months are locked in key order first, as the upserts do.
CREATE FUNCTION "activity_day_after_delete"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  WITH gone AS (
    SELECT "rep_id", date_trunc('month', "day")::date AS "month", "type", sum("count") AS n, sum("responded") AS r
    FROM old_rows
    GROUP BY 1, 2, 3
  ),
  locked AS (
    SELECT am."rep_id", am."month", am."type"
    FROM "activity_month" am JOIN gone g USING ("rep_id", "month", "type")
    ORDER BY 1, 2, 3
    FOR NO KEY UPDATE OF am
  )
  UPDATE "activity_month" am SET "count" = am."count" - g.n, "responded" = am."responded" - g.r
  FROM gone g JOIN locked l USING ("rep_id", "month", "type")
  WHERE am."rep_id" = g."rep_id" AND am."month" = g."month" AND am."type" = g."type";
  DELETE FROM "activity_month" am
  USING (SELECT DISTINCT "rep_id", date_trunc('month', "day")::date AS "month", "type" FROM old_rows) g
  WHERE am."rep_id" = g."rep_id" AND am."month" = g."month" AND am."type" = g."type" AND am."count" <= 0;
  RETURN NULL;
END
$$;

CREATE TRIGGER "activity_day_months_insert" AFTER INSERT ON "activity_day"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "activity_day_after_insert"();
CREATE TRIGGER "activity_day_months_update" AFTER UPDATE ON "activity_day"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "activity_day_after_update"();
CREATE TRIGGER "activity_day_months_delete" AFTER DELETE ON "activity_day"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "activity_day_after_delete"();

CREATE TRIGGER "activity_month_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "activity_month"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();

-- Existing data.
INSERT INTO "activity_month" ("org_id", "rep_id", "month", "type", "count", "responded")
SELECT "org_id", "rep_id", date_trunc('month', "day")::date, "type", sum("count"), sum("responded")
FROM "activity_day"
GROUP BY 1, 2, 3, 4;
