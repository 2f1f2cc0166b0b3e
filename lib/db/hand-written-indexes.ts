/**
 * Indexes created by migrations that schema.prisma cannot describe (partial, with included columns). The schema
 * drift test expects exactly these beside what schema.prisma says, rendered as it reads them from the database.
 */
export const HAND_WRITTEN_INDEXES: ReadonlyArray<{ table: string; name: string; definition: string }> = [
  {
    table: "deal_stage_fact",
    name: "deal_stage_fact_last_idx",
    definition: "UNIQUE btree (deal_id) INCLUDE (prev_stage_id, final_kind, max_rank) WHERE is_last",
  },
];
