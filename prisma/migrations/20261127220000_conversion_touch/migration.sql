-- Pre-aggregated "converting touches" and "follow-up after conversion" (KPI.md) for the KPI engine: one row per deal
-- created from a lead, saying whether it is the lead's conversion (its first deal by created_at, id), the lead's
-- touches by type in the 30 local days before that deal, the deal's first activity at or after its creation, and who
-- each counts for (the lead's SDR, else its AE; the deal's owner when it closed, else its owner). Derived from deal,
-- lead and activity and kept current by the triggers in this file (never written by the app); bulk loads defer them
-- like the stage facts (app.defer_derived, flush_conversion_touches(), lib/db/derived-data.ts).

-- CreateTable
CREATE TABLE "conversion_touch" (
    "deal_id" INTEGER NOT NULL,
    "org_id" INTEGER NOT NULL,
    "lead_id" INTEGER NOT NULL,
    "lead_rep_id" INTEGER,
    "deal_rep_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "is_conversion" BOOLEAN NOT NULL,
    "calls" INTEGER NOT NULL,
    "emails" INTEGER NOT NULL,
    "socials" INTEGER NOT NULL,
    "meetings" INTEGER NOT NULL,
    "first_activity_at" TIMESTAMPTZ(3),

    CONSTRAINT "conversion_touch_pkey" PRIMARY KEY ("deal_id")
);

-- CreateIndex
CREATE INDEX "conversion_touch_org_id_created_at_idx" ON "conversion_touch"("org_id", "created_at");

-- CreateIndex
CREATE INDEX "conversion_touch_lead_id_idx" ON "conversion_touch"("lead_id");

-- CreateIndex
CREATE INDEX "conversion_touch_lead_rep_id_created_at_idx" ON "conversion_touch"("lead_rep_id", "created_at");

-- CreateIndex
CREATE INDEX "conversion_touch_deal_rep_id_created_at_idx" ON "conversion_touch"("deal_rep_id", "created_at");

-- AddForeignKey
ALTER TABLE "conversion_touch" ADD CONSTRAINT "conversion_touch_deal_id_fkey" FOREIGN KEY ("deal_id") REFERENCES "deal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Recomputes the rows of the given leads' deals, and of the leads the given deals belong to, from deal and activity.
-- The deals are locked first (a writer that moves a deal to another lead holds its row, so we read the lead it has
-- after that writer commits), then the leads: every recomputation of one lead takes its turn, and the next one
-- (READ COMMITTED: a new snapshot per statement) sees what the previous one's transaction wrote.
CREATE FUNCTION "refresh_conversion_touches"(lead_ids INTEGER[], deal_ids INTEGER[]) RETURNS VOID LANGUAGE plpgsql AS $$
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
  DELETE FROM "conversion_touch" WHERE "lead_id" = ANY (leads);
  INSERT INTO "conversion_touch" ("deal_id", "org_id", "lead_id", "lead_rep_id", "deal_rep_id", "created_at", "is_conversion",
                                  "calls", "emails", "socials", "meetings", "first_activity_at")
  SELECT d."id", d."org_id", d."lead_id", coalesce(l."sdr_id", l."ae_id"), coalesce(d."closed_owner_id", d."owner_id"),
         d."created_at", d.is_conversion,
         coalesce(t.calls, 0), coalesce(t.emails, 0), coalesce(t.socials, 0), coalesce(t.meetings, 0),
         (SELECT min(a."at") FROM "activity" a WHERE a."deal_id" = d."id" AND a."at" >= d."created_at")
  FROM (
    SELECT dl."id", dl."org_id", dl."lead_id", dl."created_at", dl."owner_id", dl."closed_owner_id",
           row_number() OVER (PARTITION BY dl."lead_id", dl."org_id" ORDER BY dl."created_at", dl."id") = 1 AS is_conversion
    FROM "deal" dl
    WHERE dl."lead_id" = ANY (leads)
  ) d
  JOIN "organization" o ON o."id" = d."org_id"
  LEFT JOIN "lead" l ON l."id" = d."lead_id"
  CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE a."type" = 'CALL') AS calls, count(*) FILTER (WHERE a."type" = 'EMAIL') AS emails,
           count(*) FILTER (WHERE a."type" = 'SOCIAL') AS socials, count(*) FILTER (WHERE a."type" = 'MEETING') AS meetings
    FROM "activity" a
    WHERE d.is_conversion AND a."lead_id" = d."lead_id" AND a."at" < d."created_at"
      AND a."at" >= ((d."created_at" AT TIME ZONE o."time_zone") - make_interval(days => 30)) AT TIME ZONE o."time_zone"
  ) t;
END
$$;

-- In a bulk load, the touched leads and deals wait here until flush_conversion_touches().
CREATE FUNCTION "note_stale_conversion_touches"(lead_ids INTEGER[], deal_ids INTEGER[]) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  CREATE TEMP TABLE IF NOT EXISTS "stale_conversion_lead" ("lead_id" INTEGER PRIMARY KEY) ON COMMIT DROP;
  CREATE TEMP TABLE IF NOT EXISTS "stale_conversion_deal" ("deal_id" INTEGER PRIMARY KEY) ON COMMIT DROP;
  INSERT INTO "stale_conversion_lead" SELECT DISTINCT x FROM unnest(lead_ids) x WHERE x IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO "stale_conversion_deal" SELECT DISTINCT x FROM unnest(deal_ids) x WHERE x IS NOT NULL ON CONFLICT DO NOTHING;
END
$$;

CREATE FUNCTION "flush_conversion_touches"() RETURNS INTEGER LANGUAGE plpgsql AS $$
DECLARE
  lead_ids INTEGER[];
  deal_ids INTEGER[];
BEGIN
  IF to_regclass('pg_temp.stale_conversion_lead') IS NULL THEN
    RETURN 0;
  END IF;
  SELECT coalesce(array_agg("lead_id"), '{}') INTO lead_ids FROM pg_temp."stale_conversion_lead";
  SELECT coalesce(array_agg("deal_id"), '{}') INTO deal_ids FROM pg_temp."stale_conversion_deal";
  PERFORM "refresh_conversion_touches"(lead_ids, deal_ids);
  TRUNCATE pg_temp."stale_conversion_lead", pg_temp."stale_conversion_deal";
  RETURN cardinality(lead_ids) + cardinality(deal_ids);
END
$$;

CREATE FUNCTION "conversion_touches_touched"(lead_ids INTEGER[], deal_ids INTEGER[]) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(lead_ids) = 0 AND cardinality(deal_ids) = 0 THEN
    RETURN;
  END IF;
  IF current_setting('app.defer_derived', TRUE) = 'on' THEN
    PERFORM "note_stale_conversion_touches"(lead_ids, deal_ids);
  ELSE
    PERFORM "refresh_conversion_touches"(lead_ids, deal_ids);
  END IF;
END
$$;

-- Deals: a new or deleted deal from a lead changes which deal is the lead's conversion; so does a move to another
-- lead or a new creation time (which also moves the touch window); a new owner or closing owner changes whom the
-- deal counts for. Other updates (stage, amount, …) do not matter.
CREATE FUNCTION "deal_conversion_after_insert"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "conversion_touches_touched"(ARRAY(SELECT DISTINCT "lead_id" FROM new_rows WHERE "lead_id" IS NOT NULL), '{}');
  RETURN NULL;
END
$$;

CREATE FUNCTION "deal_conversion_after_update"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "conversion_touches_touched"(ARRAY(
    SELECT x FROM old_rows o JOIN new_rows n ON n."id" = o."id"
    CROSS JOIN LATERAL (VALUES (o."lead_id"), (n."lead_id")) v(x)
    WHERE (o."lead_id", o."created_at", o."org_id", o."owner_id", o."closed_owner_id")
            IS DISTINCT FROM (n."lead_id", n."created_at", n."org_id", n."owner_id", n."closed_owner_id")
      AND x IS NOT NULL), '{}');
  RETURN NULL;
END
$$;

CREATE FUNCTION "deal_conversion_after_delete"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "conversion_touches_touched"(ARRAY(SELECT DISTINCT "lead_id" FROM old_rows WHERE "lead_id" IS NOT NULL), '{}');
  RETURN NULL;
END
$$;

CREATE TRIGGER "deal_conversion_touches_insert" AFTER INSERT ON "deal"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "deal_conversion_after_insert"();
CREATE TRIGGER "deal_conversion_touches_update" AFTER UPDATE ON "deal"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "deal_conversion_after_update"();
CREATE TRIGGER "deal_conversion_touches_delete" AFTER DELETE ON "deal"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "deal_conversion_after_delete"();

-- Leads: a new SDR or AE changes whom the lead's conversion counts for (a deleted lead reaches us through its deals,
-- whose lead_id its foreign key sets to null).
CREATE FUNCTION "lead_conversion_after_update"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "conversion_touches_touched"(ARRAY(
    SELECT n."id" FROM old_rows o JOIN new_rows n ON n."id" = o."id"
    WHERE (o."sdr_id", o."ae_id") IS DISTINCT FROM (n."sdr_id", n."ae_id")), '{}');
  RETURN NULL;
END
$$;

CREATE TRIGGER "lead_conversion_touches_update" AFTER UPDATE ON "lead"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "lead_conversion_after_update"();

-- Activities: one on a lead may be a touch of the lead's conversion; one on a deal may be its first activity.
CREATE FUNCTION "activity_conversion_after_insert"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "conversion_touches_touched"(
    ARRAY(SELECT DISTINCT "lead_id" FROM new_rows WHERE "lead_id" IS NOT NULL),
    ARRAY(SELECT DISTINCT "deal_id" FROM new_rows WHERE "deal_id" IS NOT NULL));
  RETURN NULL;
END
$$;

CREATE FUNCTION "activity_conversion_after_update"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "conversion_touches_touched"(
    ARRAY(SELECT x FROM old_rows o JOIN new_rows n ON n."id" = o."id"
          CROSS JOIN LATERAL (VALUES (o."lead_id"), (n."lead_id")) v(x)
          WHERE (o."lead_id", o."at", o."type") IS DISTINCT FROM (n."lead_id", n."at", n."type") AND x IS NOT NULL),
    ARRAY(SELECT x FROM old_rows o JOIN new_rows n ON n."id" = o."id"
          CROSS JOIN LATERAL (VALUES (o."deal_id"), (n."deal_id")) v(x)
          WHERE (o."deal_id", o."at") IS DISTINCT FROM (n."deal_id", n."at") AND x IS NOT NULL));
  RETURN NULL;
END
$$;

CREATE FUNCTION "activity_conversion_after_delete"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "conversion_touches_touched"(
    ARRAY(SELECT DISTINCT "lead_id" FROM old_rows WHERE "lead_id" IS NOT NULL),
    ARRAY(SELECT DISTINCT "deal_id" FROM old_rows WHERE "deal_id" IS NOT NULL));
  RETURN NULL;
END
$$;

CREATE TRIGGER "activity_conversion_touches_insert" AFTER INSERT ON "activity"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "activity_conversion_after_insert"();
CREATE TRIGGER "activity_conversion_touches_update" AFTER UPDATE ON "activity"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "activity_conversion_after_update"();
CREATE TRIGGER "activity_conversion_touches_delete" AFTER DELETE ON "activity"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "activity_conversion_after_delete"();

-- Rebuilds an organisation's rows from its deals and activities.
CREATE FUNCTION "rebuild_conversion_touches"(org INTEGER) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "conversion_touch" WHERE "org_id" = org;
  PERFORM "refresh_conversion_touches"(ARRAY(SELECT DISTINCT "lead_id" FROM "deal" WHERE "org_id" = org AND "lead_id" IS NOT NULL), '{}');
END
$$;

-- The touch window is 30 local days: it moves with the organisation's time zone.
CREATE FUNCTION "organization_conversion_after_time_zone_update"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."time_zone" IS DISTINCT FROM OLD."time_zone" THEN
    PERFORM "conversion_touches_touched"(
      ARRAY(SELECT DISTINCT "lead_id" FROM "deal" WHERE "org_id" = NEW."id" AND "lead_id" IS NOT NULL), '{}');
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "organization_conversion_time_zone_update" AFTER UPDATE OF "time_zone" ON "organization"
  FOR EACH ROW EXECUTE FUNCTION "organization_conversion_after_time_zone_update"();

-- Existing data, and statistics for the planner before autovacuum gets to the new table.
SELECT "rebuild_conversion_touches"("id") FROM "organization";
ANALYZE "conversion_touch";
