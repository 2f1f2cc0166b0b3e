-- Only a stage's rank (its position while open, else its kind) enters deal_stage_fact; its name, probability, buyer
-- stage and question and first-meeting mark do not (lead_chain follows the mark with its own trigger). An edit of
-- those on the pipelines admin page no longer recomputes every history of the pipeline, and moving the won or lost
-- end to another position (its rank stays the same) does not either.
CREATE OR REPLACE FUNCTION "stage_after_update"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "deal_stage_change_touched"(ARRAY(
    SELECT DISTINCT c."deal_id" FROM "deal_stage_change" c JOIN "stage" s ON s."id" = c."to_stage_id"
    WHERE s."pipeline_id" IN (
      SELECT n."pipeline_id" FROM old_rows o JOIN new_rows n ON n."id" = o."id"
      WHERE CASE o."kind" WHEN 'WON' THEN 2147483647 WHEN 'LOST' THEN -1 ELSE o."position" END
            IS DISTINCT FROM CASE n."kind" WHEN 'WON' THEN 2147483647 WHEN 'LOST' THEN -1 ELSE n."position" END)));
  RETURN NULL;
END
$$;
