-- A stage belongs to one pipeline for good. The derived tables recompute a pipeline's facts, jumps and lead chains when
-- its stages are inserted, deleted, reordered or re-kinded, but a stage moved to another pipeline would leave the old
-- pipeline's rows stale; nothing in the app moves one, so the move is refused instead (create a stage in the other
-- pipeline and move the deals).
CREATE FUNCTION "refuse_stage_pipeline_change"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'stage % cannot move to another pipeline: create a stage there and move the deals instead', OLD."id"
    USING ERRCODE = 'feature_not_supported';
END
$$;

CREATE TRIGGER "stage_refuse_pipeline_change" BEFORE UPDATE OF "pipeline_id" ON "stage"
  FOR EACH ROW WHEN (NEW."pipeline_id" IS DISTINCT FROM OLD."pipeline_id") EXECUTE FUNCTION "refuse_stage_pipeline_change"();
