/**
 * The triggers that keep the KPI engine's derived tables (deal_stage_fact, activity_day, activity_month,
 * conversion_touch, stage_entry_day, stage_stay_day, stage_jump) current, created by
 * prisma/migrations/20261127200000_kpi_rollups, 20261127220000_conversion_touch, 20261128010000_activity_month and
 * 20261128040000_stage_days. schema.prisma cannot describe triggers, so the schema drift test
 * expects exactly these beside what schema.prisma says: any other trigger, or one of these missing, is drift.
 */
export const DERIVED_DATA_TRIGGERS: ReadonlyArray<{ table: string; name: string }> = [
  { table: "deal_stage_change", name: "deal_stage_change_facts_insert" },
  { table: "deal_stage_change", name: "deal_stage_change_facts_update" },
  { table: "deal_stage_change", name: "deal_stage_change_facts_delete" },
  { table: "stage", name: "stage_facts_update" },
  { table: "activity", name: "activity_days_insert" },
  { table: "activity", name: "activity_days_update" },
  { table: "activity", name: "activity_days_delete" },
  { table: "organization", name: "organization_time_zone_update" },
  { table: "activity_day", name: "activity_day_months_insert" },
  { table: "activity_day", name: "activity_day_months_update" },
  { table: "activity_day", name: "activity_day_months_delete" },
  { table: "deal", name: "deal_conversion_touches_insert" },
  { table: "deal", name: "deal_conversion_touches_update" },
  { table: "deal", name: "deal_conversion_touches_delete" },
  { table: "lead", name: "lead_conversion_touches_update" },
  { table: "activity", name: "activity_conversion_touches_insert" },
  { table: "activity", name: "activity_conversion_touches_update" },
  { table: "activity", name: "activity_conversion_touches_delete" },
  { table: "organization", name: "organization_conversion_time_zone_update" },
  { table: "deal_stage_fact", name: "deal_stage_fact_days_insert" },
  { table: "deal_stage_fact", name: "deal_stage_fact_days_update" },
  { table: "deal_stage_fact", name: "deal_stage_fact_days_delete" },
  { table: "stage", name: "stage_jumps_insert" },
  { table: "stage", name: "stage_jumps_delete" },
  { table: "organization", name: "organization_time_zone_update_stage_days" },
];
