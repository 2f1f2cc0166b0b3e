/**
 * Indexes created by migrations that schema.prisma cannot describe (partial, with included columns, NULLS NOT DISTINCT). The schema
 * drift test expects exactly these beside what schema.prisma says, rendered as it reads them from the database.
 */
export const HAND_WRITTEN_INDEXES: ReadonlyArray<{ table: string; name: string; definition: string }> = [
  {
    table: "deal_stage_fact",
    name: "deal_stage_fact_last_idx",
    definition: "UNIQUE btree (deal_id) INCLUDE (prev_stage_id, final_kind, max_rank) WHERE is_last",
  },
  {
    table: "deal_stage_fact",
    name: "deal_stage_fact_stay_idx",
    definition: "btree (deal_id) INCLUDE (stage_id, stay_days) WHERE (next_at IS NOT NULL)",
  },
  {
    table: "deal",
    name: "deal_won_closed_at_idx",
    definition: `btree (org_id, closed_at) INCLUDE (pipeline_id) WHERE (status = 'WON'::"DealStatus")`,
  },
  {
    table: "lead_month",
    name: "lead_month_key_idx",
    definition: "UNIQUE btree (org_id, rep_id, month, source) NULLS NOT DISTINCT",
  },
  {
    table: "deal_month",
    name: "deal_month_key_idx",
    definition: "UNIQUE btree (org_id, rep_id, pipeline_id, month, event, type, cycle_days) NULLS NOT DISTINCT",
  },
  {
    table: "pipeline_meeting",
    name: "pipeline_meeting_in_progress_idx",
    definition: `UNIQUE btree (team_id) WHERE (status = 'IN_PROGRESS'::"MeetingStatus")`,
  },
];
