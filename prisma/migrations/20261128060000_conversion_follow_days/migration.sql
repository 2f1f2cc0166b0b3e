-- Follow-up after conversion counts calendar days, in the organisation's time zone, from a deal's creation to its first
-- activity. Computing them for every deal at query time cost the organisation's dashboard about 130 ms; conversion_touch
-- now keeps them beside first_activity_at, computed by the same refresh (and so rebuilt on a time-zone change).

-- AlterTable
ALTER TABLE "conversion_touch" ADD COLUMN "follow_days" INTEGER;

CREATE OR REPLACE FUNCTION "refresh_conversion_touches"(lead_ids INTEGER[], deal_ids INTEGER[]) RETURNS VOID LANGUAGE plpgsql AS $$
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
                                  "calls", "emails", "socials", "meetings", "first_activity_at", "follow_days")
  SELECT d."id", d."org_id", d."lead_id", coalesce(l."sdr_id", l."ae_id"), coalesce(d."closed_owner_id", d."owner_id"),
         d."created_at", d.is_conversion,
         coalesce(t.calls, 0), coalesce(t.emails, 0), coalesce(t.socials, 0), coalesce(t.meetings, 0),
         fa."at", (fa."at" AT TIME ZONE o."time_zone")::date - (d."created_at" AT TIME ZONE o."time_zone")::date
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
  ) t
  CROSS JOIN LATERAL (SELECT min(a."at") AS "at" FROM "activity" a WHERE a."deal_id" = d."id" AND a."at" >= d."created_at") fa;
END
$$;

-- Existing rows.
UPDATE "conversion_touch" ct
SET "follow_days" = (ct."first_activity_at" AT TIME ZONE o."time_zone")::date - (ct."created_at" AT TIME ZONE o."time_zone")::date
FROM "organization" o
WHERE o."id" = ct."org_id" AND ct."first_activity_at" IS NOT NULL;
