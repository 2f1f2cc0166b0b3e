-- The STUCK yardstick (median stay per stage over the deals won in the 12 months before D, lib/kpi/qualification-sql.ts)
-- from indexes alone: the organisation's won deals by close time with their pipeline, and each deal's ended stays.
-- One team's qualification went from about 150 ms to 80 ms on the bench data set, the organisation's from 560 ms to
-- 400 ms. schema.prisma cannot describe partial indexes with included columns; the schema drift test takes them from
-- lib/db/hand-written-indexes.ts.
CREATE INDEX "deal_won_closed_at_idx" ON "deal" ("org_id", "closed_at") INCLUDE ("pipeline_id") WHERE "status" = 'WON';
CREATE INDEX "deal_stage_fact_stay_idx" ON "deal_stage_fact" ("deal_id") INCLUDE ("stage_id", "stay_days") WHERE "next_at" IS NOT NULL;
