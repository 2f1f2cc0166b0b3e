-- TRUNCATE fires no row or statement triggers of the kinds that keep the KPI engine's derived tables current
-- (deal_stage_fact, stage_entry_day, stage_stay_day, stage_jump, activity_day, activity_month, conversion_touch,
-- lead_chain, lead_month, deal_month), so truncating a table they are computed from would leave them stale. Nothing in
-- the app truncates these tables; a hand-run TRUNCATE is refused with a message saying to delete the rows instead
-- (DELETE goes through the triggers). A TRUNCATE … CASCADE that reaches one of them (from organization, rep, pipeline…)
-- is refused too, as PostgreSQL fires the triggers of every table it truncates. The one exception is a transaction
-- that truncates every table at once, derived ones included, and says so with SET LOCAL
-- app.truncating_every_table = 'on' (the demo seed's reset, prisma/seed/seed-demo.ts).
CREATE FUNCTION "refuse_truncate_of_kpi_source"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('app.truncating_every_table', true) = 'on' THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION 'TRUNCATE of % would leave the KPI engine''s derived tables stale: DELETE its rows instead', TG_TABLE_NAME
    USING ERRCODE = 'feature_not_supported';
END
$$;

CREATE TRIGGER "deal_refuse_truncate" BEFORE TRUNCATE ON "deal"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_truncate_of_kpi_source"();
CREATE TRIGGER "deal_stage_change_refuse_truncate" BEFORE TRUNCATE ON "deal_stage_change"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_truncate_of_kpi_source"();
CREATE TRIGGER "deal_stage_fact_refuse_truncate" BEFORE TRUNCATE ON "deal_stage_fact"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_truncate_of_kpi_source"();
CREATE TRIGGER "stage_refuse_truncate" BEFORE TRUNCATE ON "stage"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_truncate_of_kpi_source"();
CREATE TRIGGER "activity_refuse_truncate" BEFORE TRUNCATE ON "activity"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_truncate_of_kpi_source"();
CREATE TRIGGER "activity_day_refuse_truncate" BEFORE TRUNCATE ON "activity_day"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_truncate_of_kpi_source"();
CREATE TRIGGER "lead_refuse_truncate" BEFORE TRUNCATE ON "lead"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_truncate_of_kpi_source"();
