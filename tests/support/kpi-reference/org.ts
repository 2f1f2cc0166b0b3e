// An organisation as plain in-memory rows: what the property test inserts and what the reference reads.

export type StageKind = "OPEN" | "WON" | "LOST";
export type DealStatus = "OPEN" | "WON" | "LOST";
export type DealType = "NEW" | "EXPANSION" | "RENEWAL";

export interface RefTeam {
  id: number;
  name: string;
}

export interface RefRep {
  id: number;
  teamId: number | null;
  name: string;
  active: boolean;
}

export interface RefStage {
  id: number;
  name: string;
  position: number;
  kind: StageKind;
  /** KPI.md: the first-meeting stage; the first open stage when none is marked. */
  isFirstMeeting?: boolean;
  /**
   * Exit criteria (ids), each in force from introducedAt (always when absent) until retiredAt (null: still asked),
   * except in its pauses.
   */
  criteria?: { id: number; introducedAt?: Date; retiredAt: Date | null; pauses?: { retiredAt: Date; restoredAt: Date }[] }[];
}

export interface RefPipeline {
  id: number;
  name: string;
  position: number;
  stages: RefStage[];
}

export interface RefStageChange {
  id: number;
  stageId: number;
  at: Date;
}

export interface RefDeal {
  id: number;
  pipelineId: number;
  stageId: number;
  ownerId: number;
  closedOwnerId: number | null;
  type: DealType;
  /** Cents; null when the deal has no amount. */
  amountCents: bigint | null;
  createdAt: Date;
  closedAt: Date | null;
  status: DealStatus;
  lostReason: string | null;
  /** Local date; null when unknown. */
  expectedCloseAt?: string | null;
  /** The lead the deal was created from. */
  leadId?: number | null;
  /** In the order the changes were recorded (ids increase). */
  history: RefStageChange[];
  nextStep?: string | null;
  /** Exit-criterion answers. */
  answers?: { criterionId: number; answer: boolean; at: Date }[];
}

export interface RefQuota {
  id: number;
  repId: number;
  /** Inclusive local dates. */
  periodStart: string;
  periodEnd: string;
  amountCents: bigint;
}

export type LeadSource = "INBOUND" | "OUTBOUND" | "REFERRAL" | "EVENT" | "PARTNER" | "OTHER";

export interface RefLead {
  id: number;
  source: LeadSource;
  createdAt: Date;
  handedOverAt: Date | null;
  sdrId: number | null;
  aeId: number | null;
}

export type ActivityType = "CALL" | "EMAIL" | "SOCIAL" | "MEETING";

export interface RefActivity {
  id: number;
  repId: number;
  type: ActivityType;
  at: Date;
  responded: boolean;
  dealId?: number | null;
  leadId?: number | null;
}

export interface RefCoachingSession {
  id: number;
  repId: number;
  at: Date;
  minutes: number;
}

export interface RefCommitment {
  id: number;
  repId: number;
  /** Local date. */
  dueAt: string;
  status: "OPEN" | "KEPT" | "MISSED";
}

export interface RefSnapshot {
  id: number;
  takenAt: Date;
  /** COMMIT and other lines: month is the local date of its first day. */
  lines: { repId: number; month: string; category: "PIPELINE" | "BEST_CASE" | "COMMIT" | "OMITTED"; amountCents: bigint }[];
}

export interface RefOrg {
  id: number;
  name: string;
  timeZone: string;
  teams: RefTeam[];
  reps: RefRep[];
  pipelines: RefPipeline[];
  deals: RefDeal[];
  quotas: RefQuota[];
  leads: RefLead[];
  activities?: RefActivity[];
  coaching?: RefCoachingSession[];
  commitments?: RefCommitment[];
  snapshots?: RefSnapshot[];
  staleAfterDays?: number;
  stuckFactor?: number;
}

export function formatCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const whole = abs / 100n;
  const fraction = (abs % 100n).toString().padStart(2, "0");
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}

/** Half away from zero, as PostgreSQL's round(numeric) does; positive operands only here. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  return (2n * numerator + denominator) / (2n * denominator);
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Mean of whole numbers rounded to 2 decimals, half away from zero (non-negative values). */
export function mean2(values: number[]): number | null {
  if (values.length === 0) return null;
  const sum = BigInt(values.reduce((a, b) => a + b, 0));
  const hundredths = divideRounded(sum * 100n, BigInt(values.length));
  return Number(hundredths) / 100;
}

export function inPeriod(at: Date | null, period: { start: Date; end: Date }): boolean {
  return at !== null && at.getTime() >= period.start.getTime() && at.getTime() < period.end.getTime();
}

const stageMaps = new WeakMap<RefOrg, Map<number, RefStage & { pipelineId: number }>>();

export function stageById(org: RefOrg): Map<number, RefStage & { pipelineId: number }> {
  let map = stageMaps.get(org);
  if (!map) {
    map = new Map();
    for (const pipeline of org.pipelines) for (const stage of pipeline.stages) map.set(stage.id, { ...stage, pipelineId: pipeline.id });
    stageMaps.set(org, map);
  }
  return map;
}
