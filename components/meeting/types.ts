import type { DealFlag } from "@/lib/kpi/qualification-sql";
import type { MeetingDecisionKind } from "@/lib/validation/meeting";

export type ForecastCategory = "PIPELINE" | "BEST_CASE" | "COMMIT" | "OMITTED";

/** The decision already recorded on the deal in this meeting, as the walk shows it. */
export interface WalkDecision {
  kind: string;
  nextStep: string | null;
  ownerId: number | null;
  owner: string | null;
  note: string | null;
  lostReason: string | null;
  toStage: string | null;
  by: string | null;
  /** Formatted for display. */
  at: string;
  version: number;
}

/** The deal on screen, everything formatted on the server. */
export interface WalkDeal {
  id: number;
  name: string;
  account: string | null;
  owner: string;
  pipeline: string;
  stage: string;
  amount: string | null;
  expectedClose: string | null;
  daysInStage: number | null;
  isOpen: boolean;
  statusLabel: string;
  forecastCategory: ForecastCategory;
  nextStep: string | null;
  flags: DealFlag[];
  /** The current stage's active exit criteria, in order: keys 1–9. */
  criteria: Array<{ id: number; question: string; answer: boolean | null }>;
  /** Criteria of the earlier stages not answered yes (KPI.md: the deal is not qualified while any is). */
  earlierOpen: number;
  decision: WalkDecision | null;
  /** Who may own the next step (empty for a follower). */
  owners: Array<{ id: number; name: string; isDealOwner: boolean }>;
}

export interface WalkState {
  meetingId: number;
  teamName: string;
  version: number;
  canRun: boolean;
  /** 1-based; 0 when the walk is empty. */
  position: number;
  total: number;
  decided: number;
  prevDealId: number | null;
  nextDealId: number | null;
  /** Null when there is no deal to show: the walk is empty, or (for a rep) it is another rep's deal. */
  deal: WalkDeal | null;
  /** A rep follows another rep's deal: its place shows, nothing of it. */
  hidden: boolean;
}

export const DECISION_KINDS: readonly MeetingDecisionKind[] = ["ADVANCE", "HOLD", "MOVE_BACK", "NEEDS_WORK", "CLOSE_LOST"];
export const FORECAST_ORDER: readonly ForecastCategory[] = ["PIPELINE", "BEST_CASE", "COMMIT", "OMITTED"];
