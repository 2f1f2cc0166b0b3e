// The two demo pipelines: what each stage means for the buyer, its exit criteria, and how deals move through it.
import type { StageRow } from "./rows";

export interface OpenStageSpec {
  name: string;
  buyerStage: NonNullable<StageRow["buyerStage"]>;
  buyerQuestion: string;
  probability: number;
  isFirstMeeting: boolean;
  criteria: readonly string[];
  /** Median days a deal spends in the stage before its next change. */
  medianDays: number;
  /** Spread of the time in stage (sigma of a log-normal); the stalling stage has a long tail. */
  spread: number;
  /** Chance that a deal in this stage moves on rather than being lost. */
  advance: number;
}

export interface PipelineSpec {
  name: string;
  open: readonly OpenStageSpec[];
}

/** Deals stall here: proposals wait on the economic buyer (documented in docs/demo-data.md). */
export const STALL_STAGE_INDEX = 3;

export const NEW_BUSINESS: PipelineSpec = {
  name: "New business",
  open: [
    {
      name: "Qualify",
      buyerStage: "AWARENESS",
      buyerQuestion: "Is this problem worth solving this year?",
      probability: 10,
      isFirstMeeting: false,
      criteria: ["Pain confirmed by the prospect", "Budget range discussed", "Decision maker identified"],
      medianDays: 5,
      spread: 0.5,
      advance: 0.66,
    },
    {
      name: "Discovery meeting",
      buyerStage: "CONSIDERATION",
      buyerQuestion: "What would a solution change for us, and what does it cost us to wait?",
      probability: 20,
      isFirstMeeting: true,
      criteria: ["Business impact quantified", "Buying process mapped", "Champion agreed to a demo"],
      medianDays: 8,
      spread: 0.5,
      advance: 0.6,
    },
    {
      name: "Solution demo",
      buyerStage: "EVALUATION",
      buyerQuestion: "Does the product fit the way our team works?",
      probability: 40,
      isFirstMeeting: false,
      criteria: ["Demo attended by the future users", "Technical fit confirmed by IT", "Success criteria agreed", "Decision date known"],
      medianDays: 10,
      spread: 0.5,
      advance: 0.66,
    },
    {
      name: "Proposal",
      buyerStage: "EVALUATION",
      buyerQuestion: "Is the price justified by the value for our business?",
      probability: 60,
      isFirstMeeting: false,
      criteria: ["Proposal reviewed with the economic buyer", "Pricing objections answered"],
      medianDays: 22,
      spread: 0.75,
      advance: 0.74,
    },
    {
      name: "Negotiation",
      buyerStage: "DECISION",
      buyerQuestion: "Are the terms acceptable to our procurement and legal teams?",
      probability: 80,
      isFirstMeeting: false,
      criteria: ["Legal review started", "Procurement steps known", "Signing date agreed"],
      medianDays: 8,
      spread: 0.5,
      advance: 0.86,
    },
    {
      name: "Contract sent",
      buyerStage: "PURCHASE",
      buyerQuestion: "Is everything in place for us to sign?",
      probability: 90,
      isFirstMeeting: false,
      criteria: ["Signatory confirmed", "Order form sent"],
      medianDays: 4,
      spread: 0.5,
      advance: 0.9,
    },
  ],
};

/** New business without the planted stall (DemoOptions.patterns off): Proposal takes about as long as its neighbours. */
export const NEW_BUSINESS_WITHOUT_STALL: PipelineSpec = {
  ...NEW_BUSINESS,
  open: NEW_BUSINESS.open.map((stage, index) => (index === STALL_STAGE_INDEX ? { ...stage, medianDays: 10, spread: 0.5 } : stage)),
};

// No stage is marked first-meeting here: KPI.md then uses the first open stage.
export const RENEWALS: PipelineSpec = {
  name: "Renewals",
  open: [
    {
      name: "Renewal due",
      buyerStage: "EVALUATION",
      buyerQuestion: "Did we get the value we were promised?",
      probability: 70,
      isFirstMeeting: false,
      criteria: ["Usage review held", "Renewal owner at the customer known"],
      // Shorter than the stalling Proposal: about as long as the renewal proposal, not twice the other stages.
      medianDays: 22,
      spread: 0.35,
      advance: 0.93,
    },
    {
      name: "Renewal proposal",
      buyerStage: "DECISION",
      buyerQuestion: "Are the new term and price acceptable?",
      probability: 85,
      isFirstMeeting: false,
      criteria: ["Renewal quote sent", "Expansion options discussed", "Price change explained"],
      medianDays: 20,
      spread: 0.4,
      advance: 0.95,
    },
    {
      name: "Signature",
      buyerStage: "PURCHASE",
      buyerQuestion: "Who signs, and by when?",
      probability: 95,
      isFirstMeeting: false,
      criteria: ["Procurement approved", "Signing date agreed"],
      medianDays: 8,
      spread: 0.4,
      advance: 0.97,
    },
  ],
};
