/**
 * The tables the derived tables are computed from, whose TRUNCATE (which fires none of the triggers below) is refused
 * (prisma/migrations/20261128100000_refuse_truncate_of_kpi_sources).
 */
export const KPI_SOURCES_REFUSING_TRUNCATE = ["deal", "deal_stage_change", "deal_stage_fact", "stage", "activity", "activity_day", "lead"] as const;

/**
 * The triggers that keep the KPI engine's derived tables (deal_stage_fact, activity_day, activity_month,
 * conversion_touch, stage_entry_day, stage_stay_day, stage_jump, lead_chain, lead_month, deal_month) current, created by
 * prisma/migrations/20261127200000_kpi_rollups, 20261127220000_conversion_touch, 20261128010000_activity_month,
 * 20261128040000_stage_days, 20261128050000_lead_chain, 20261128070000_lead_month and 20261128090000_deal_month, and
 * the guards of 20261128100000_refuse_truncate_of_kpi_sources and 20261128120000_stage_stays_in_its_pipeline. schema.prisma cannot describe triggers, so the schema
 * drift test expects exactly these beside what schema.prisma says: any other trigger, or one of these missing, is drift.
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
  { table: "lead", name: "lead_chains_insert" },
  { table: "lead", name: "lead_chains_update" },
  { table: "deal", name: "deal_lead_chains_insert" },
  { table: "deal", name: "deal_lead_chains_update" },
  { table: "deal", name: "deal_lead_chains_delete" },
  { table: "deal_stage_fact", name: "deal_stage_fact_lead_chains_insert" },
  { table: "deal_stage_fact", name: "deal_stage_fact_lead_chains_delete" },
  { table: "stage", name: "stage_lead_chains_insert" },
  { table: "stage", name: "stage_lead_chains_update" },
  { table: "stage", name: "stage_lead_chains_delete" },
  { table: "lead", name: "lead_months_insert" },
  { table: "lead", name: "lead_months_update" },
  { table: "lead", name: "lead_months_delete" },
  { table: "organization", name: "organization_time_zone_update_lead_months" },
  { table: "deal", name: "deal_months_insert" },
  { table: "deal", name: "deal_months_update" },
  { table: "deal", name: "deal_months_delete" },
  { table: "organization", name: "organization_time_zone_update_deal_months" },
  ...KPI_SOURCES_REFUSING_TRUNCATE.map((table) => ({ table, name: `${table}_refuse_truncate` })),
  { table: "stage", name: "stage_refuse_pipeline_change" },
];
