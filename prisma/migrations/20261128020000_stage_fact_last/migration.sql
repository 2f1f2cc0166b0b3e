-- Each deal's last stage fact, with what the lost reasons, the hand-over chain and the stage funnel read from it (the
-- stage a lost deal was lost from, the highest rank its history reached), answerable from the index alone: one entry
-- per deal instead of a scan of every fact. schema.prisma cannot describe a partial index with included columns, so
-- the schema drift test takes it from lib/db/hand-written-indexes.ts.
CREATE UNIQUE INDEX "deal_stage_fact_last_idx" ON "deal_stage_fact" ("deal_id") INCLUDE ("prev_stage_id", "final_kind", "max_rank") WHERE "is_last";
