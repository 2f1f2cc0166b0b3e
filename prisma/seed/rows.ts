// Rows as the generator produces them, one interface per table, and the column order used to write them.
// Timestamps are UTC epoch milliseconds; SQL `date` columns are "YYYY-MM-DD" strings in the org's time zone.

export interface OrganizationRow {
  id: number;
  name: string;
  currency: string;
  timeZone: string;
  createdAt: number;
}
export interface UserRow {
  id: number;
  orgId: number;
  email: string;
  name: string;
  passwordHash: string;
  role: "ADMIN" | "MANAGER" | "REP";
  createdAt: number;
}
export interface TeamRow {
  id: number;
  orgId: number;
  name: string;
  kind: "SDR" | "AE";
  managerId: number;
  createdAt: number;
}
export interface RepRow {
  id: number;
  orgId: number;
  userId: number;
  teamId: number;
  name: string;
  email: string;
  kind: "SDR" | "AE";
  region: string;
  createdAt: number;
}
export interface PipelineRow {
  id: number;
  orgId: number;
  name: string;
  position: number;
}
export interface StageRow {
  id: number;
  pipelineId: number;
  name: string;
  position: number;
  kind: "OPEN" | "WON" | "LOST";
  buyerStage: "AWARENESS" | "CONSIDERATION" | "EVALUATION" | "DECISION" | "PURCHASE" | null;
  buyerQuestion: string | null;
  probability: number;
  isFirstMeeting: boolean;
}
export interface StageCriterionRow {
  id: number;
  stageId: number;
  position: number;
  question: string;
}
export interface AccountRow {
  id: number;
  orgId: number;
  name: string;
  industry: string;
  employees: number;
  region: string;
  createdAt: number;
}
export type LeadSource = "INBOUND" | "OUTBOUND" | "REFERRAL" | "EVENT" | "PARTNER" | "OTHER";
export type LeadStatus = "NEW" | "WORKING" | "HANDED_OVER" | "CONVERTED" | "DISQUALIFIED";
export interface LeadRow {
  id: number;
  orgId: number;
  accountId: number;
  name: string;
  source: LeadSource;
  status: LeadStatus;
  createdAt: number;
  sdrId: number;
  handedOverAt: number | null;
  aeId: number | null;
}
export type DealType = "NEW" | "EXPANSION" | "RENEWAL";
export type DealStatus = "OPEN" | "WON" | "LOST";
export type ForecastCategory = "PIPELINE" | "BEST_CASE" | "COMMIT" | "OMITTED";
export interface DealRow {
  id: number;
  orgId: number;
  pipelineId: number;
  stageId: number;
  ownerId: number;
  closedOwnerId: number | null;
  accountId: number;
  leadId: number | null;
  name: string;
  type: DealType;
  amount: number | null;
  createdAt: number;
  expectedCloseAt: string;
  closedAt: number | null;
  status: DealStatus;
  lostReason: string | null;
  nextStep: string | null;
  forecastCategory: ForecastCategory;
  updatedAt: number;
}
export interface DealStageChangeRow {
  id: number;
  dealId: number;
  fromStageId: number | null;
  toStageId: number;
  at: number;
  byUserId: number;
}
export interface DealCriterionAnswerRow {
  dealId: number;
  criterionId: number;
  answer: boolean;
  answeredById: number;
  answeredAt: number;
}
export type ActivityType = "CALL" | "EMAIL" | "SOCIAL" | "MEETING";
export interface ActivityRow {
  id: number;
  orgId: number;
  repId: number;
  type: ActivityType;
  at: number;
  leadId: number | null;
  dealId: number | null;
  responded: boolean;
}
export interface QuotaRow {
  id: number;
  repId: number;
  /** First day of the quarter. */
  periodStart: string;
  /** Last day of the quarter (inclusive). */
  periodEnd: string;
  amount: number;
}
export interface CoachingSessionRow {
  id: number;
  repId: number;
  managerId: number;
  at: number;
  minutes: number;
  topic: string;
  notes: string | null;
}
export interface CommitmentRow {
  id: number;
  repId: number;
  sessionId: number;
  text: string;
  metric: string | null;
  target: number | null;
  comparator: "AT_LEAST" | "AT_MOST" | null;
  dueAt: string;
  status: "OPEN" | "KEPT" | "MISSED";
  statusNote: string | null;
  acknowledgedAt: number | null;
  updatedAt: number;
}
export interface ForecastSnapshotRow {
  id: number;
  orgId: number;
  takenAt: number;
}
export interface ForecastLineRow {
  snapshotId: number;
  repId: number;
  month: string;
  category: ForecastCategory;
  amount: number;
  dealCount: number;
}
export interface PipelineMeetingRow {
  id: number;
  teamId: number;
  heldAt: number;
  facilitatorId: number;
  status: "PLANNED" | "IN_PROGRESS" | "DONE";
  notes: string | null;
}
export type DecisionKind = "ADVANCE" | "HOLD" | "MOVE_BACK" | "CLOSE_LOST" | "UPDATE_NEXT_STEP" | "UPDATE_CLOSE_DATE" | "ESCALATE";
export interface MeetingDecisionRow {
  id: number;
  meetingId: number;
  dealId: number;
  decidedById: number;
  kind: DecisionKind;
  note: string | null;
  flags: string[];
  createdAt: number;
}

export interface TableRows {
  organization: OrganizationRow;
  app_user: UserRow;
  team: TeamRow;
  rep: RepRow;
  pipeline: PipelineRow;
  stage: StageRow;
  stage_criterion: StageCriterionRow;
  account: AccountRow;
  lead: LeadRow;
  deal: DealRow;
  deal_stage_change: DealStageChangeRow;
  deal_criterion_answer: DealCriterionAnswerRow;
  activity: ActivityRow;
  quota: QuotaRow;
  coaching_session: CoachingSessionRow;
  commitment: CommitmentRow;
  forecast_snapshot: ForecastSnapshotRow;
  forecast_line: ForecastLineRow;
  pipeline_meeting: PipelineMeetingRow;
  meeting_decision: MeetingDecisionRow;
}
export type TableName = keyof TableRows;

export interface RowSink {
  add<T extends TableName>(table: T, row: TableRows[T]): void;
}

export type ColumnKind = "int" | "text" | "bool" | "timestamp" | "date" | "money" | "textArray";
type Columns<R> = readonly (readonly [keyof R & string, string, ColumnKind])[];

/** Tables in the order they can be written (parents first), with their columns. */
export const TABLES: { readonly [T in TableName]: Columns<TableRows[T]> } = {
  organization: [
    ["id", "id", "int"],
    ["name", "name", "text"],
    ["currency", "currency", "text"],
    ["timeZone", "time_zone", "text"],
    ["createdAt", "created_at", "timestamp"],
  ],
  app_user: [
    ["id", "id", "int"],
    ["orgId", "org_id", "int"],
    ["email", "email", "text"],
    ["name", "name", "text"],
    ["passwordHash", "password_hash", "text"],
    ["role", "role", "text"],
    ["createdAt", "created_at", "timestamp"],
  ],
  team: [
    ["id", "id", "int"],
    ["orgId", "org_id", "int"],
    ["name", "name", "text"],
    ["kind", "kind", "text"],
    ["managerId", "manager_id", "int"],
    ["createdAt", "created_at", "timestamp"],
  ],
  rep: [
    ["id", "id", "int"],
    ["orgId", "org_id", "int"],
    ["userId", "user_id", "int"],
    ["teamId", "team_id", "int"],
    ["name", "name", "text"],
    ["email", "email", "text"],
    ["kind", "kind", "text"],
    ["region", "region", "text"],
    ["createdAt", "created_at", "timestamp"],
  ],
  pipeline: [
    ["id", "id", "int"],
    ["orgId", "org_id", "int"],
    ["name", "name", "text"],
    ["position", "position", "int"],
  ],
  stage: [
    ["id", "id", "int"],
    ["pipelineId", "pipeline_id", "int"],
    ["name", "name", "text"],
    ["position", "position", "int"],
    ["kind", "kind", "text"],
    ["buyerStage", "buyer_stage", "text"],
    ["buyerQuestion", "buyer_question", "text"],
    ["probability", "probability", "int"],
    ["isFirstMeeting", "is_first_meeting", "bool"],
  ],
  stage_criterion: [
    ["id", "id", "int"],
    ["stageId", "stage_id", "int"],
    ["position", "position", "int"],
    ["question", "question", "text"],
  ],
  account: [
    ["id", "id", "int"],
    ["orgId", "org_id", "int"],
    ["name", "name", "text"],
    ["industry", "industry", "text"],
    ["employees", "employees", "int"],
    ["region", "region", "text"],
    ["createdAt", "created_at", "timestamp"],
  ],
  lead: [
    ["id", "id", "int"],
    ["orgId", "org_id", "int"],
    ["accountId", "account_id", "int"],
    ["name", "name", "text"],
    ["source", "source", "text"],
    ["status", "status", "text"],
    ["createdAt", "created_at", "timestamp"],
    ["sdrId", "sdr_id", "int"],
    ["handedOverAt", "handed_over_at", "timestamp"],
    ["aeId", "ae_id", "int"],
  ],
  deal: [
    ["id", "id", "int"],
    ["orgId", "org_id", "int"],
    ["pipelineId", "pipeline_id", "int"],
    ["stageId", "stage_id", "int"],
    ["ownerId", "owner_id", "int"],
    ["closedOwnerId", "closed_owner_id", "int"],
    ["accountId", "account_id", "int"],
    ["leadId", "lead_id", "int"],
    ["name", "name", "text"],
    ["type", "type", "text"],
    ["amount", "amount", "money"],
    ["createdAt", "created_at", "timestamp"],
    ["expectedCloseAt", "expected_close_at", "date"],
    ["closedAt", "closed_at", "timestamp"],
    ["status", "status", "text"],
    ["lostReason", "lost_reason", "text"],
    ["nextStep", "next_step", "text"],
    ["forecastCategory", "forecast_category", "text"],
    ["updatedAt", "updated_at", "timestamp"],
  ],
  deal_stage_change: [
    ["id", "id", "int"],
    ["dealId", "deal_id", "int"],
    ["fromStageId", "from_stage_id", "int"],
    ["toStageId", "to_stage_id", "int"],
    ["at", "at", "timestamp"],
    ["byUserId", "by_user_id", "int"],
  ],
  deal_criterion_answer: [
    ["dealId", "deal_id", "int"],
    ["criterionId", "criterion_id", "int"],
    ["answer", "answer", "bool"],
    ["answeredById", "answered_by_id", "int"],
    ["answeredAt", "answered_at", "timestamp"],
  ],
  activity: [
    ["id", "id", "int"],
    ["orgId", "org_id", "int"],
    ["repId", "rep_id", "int"],
    ["type", "type", "text"],
    ["at", "at", "timestamp"],
    ["leadId", "lead_id", "int"],
    ["dealId", "deal_id", "int"],
    ["responded", "responded", "bool"],
  ],
  quota: [
    ["id", "id", "int"],
    ["repId", "rep_id", "int"],
    ["periodStart", "period_start", "date"],
    ["periodEnd", "period_end", "date"],
    ["amount", "amount", "money"],
  ],
  coaching_session: [
    ["id", "id", "int"],
    ["repId", "rep_id", "int"],
    ["managerId", "manager_id", "int"],
    ["at", "at", "timestamp"],
    ["minutes", "minutes", "int"],
    ["topic", "topic", "text"],
    ["notes", "notes", "text"],
  ],
  commitment: [
    ["id", "id", "int"],
    ["repId", "rep_id", "int"],
    ["sessionId", "session_id", "int"],
    ["text", "text", "text"],
    ["metric", "metric", "text"],
    ["target", "target", "money"],
    ["comparator", "comparator", "text"],
    ["dueAt", "due_at", "date"],
    ["status", "status", "text"],
    ["statusNote", "status_note", "text"],
    ["acknowledgedAt", "acknowledged_at", "timestamp"],
    ["updatedAt", "updated_at", "timestamp"],
  ],
  forecast_snapshot: [
    ["id", "id", "int"],
    ["orgId", "org_id", "int"],
    ["takenAt", "taken_at", "timestamp"],
  ],
  forecast_line: [
    ["snapshotId", "snapshot_id", "int"],
    ["repId", "rep_id", "int"],
    ["month", "month", "date"],
    ["category", "category", "text"],
    ["amount", "amount", "money"],
    ["dealCount", "deal_count", "int"],
  ],
  pipeline_meeting: [
    ["id", "id", "int"],
    ["teamId", "team_id", "int"],
    ["heldAt", "held_at", "timestamp"],
    ["facilitatorId", "facilitator_id", "int"],
    ["status", "status", "text"],
    ["notes", "notes", "text"],
  ],
  meeting_decision: [
    ["id", "id", "int"],
    ["meetingId", "meeting_id", "int"],
    ["dealId", "deal_id", "int"],
    ["decidedById", "decided_by_id", "int"],
    ["kind", "kind", "text"],
    ["note", "note", "text"],
    ["flags", "flags", "textArray"],
    ["createdAt", "created_at", "timestamp"],
  ],
};

export const TABLE_ORDER = Object.keys(TABLES) as TableName[];
