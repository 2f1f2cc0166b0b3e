// The pipeline plan of issue 16: from next year's revenue target, worked back through this year's figures to the
// deals, first meetings and hand-overs each quarter and each rep needs, and the month each must enter the pipeline.
// Pure arithmetic: the figures it starts from come from lib/kpi (lib/plan/plan-defaults.ts).

export const MAX_TARGET = 1e12;

export interface PlanAssumptions {
  /** Money per won deal. */
  avgDealSize: number | null;
  /** Won ÷ closed deals that reached the first meeting, 0–1. */
  winRateFromFirstMeeting: number | null;
  /** First meetings ÷ leads handed over by SDRs, 0–1; null when no SDR feeds the team. */
  handOverToFirstMeeting: number | null;
  /** Mean sales cycle in days. */
  cycleDays: number | null;
}

export interface PlanInput {
  year: number;
  target: number;
  assumptions: PlanAssumptions;
  /** Whether SDRs handed leads over to the team this year: then handOverToFirstMeeting is required. */
  sdrFed: boolean;
  /** This year's won revenue per calendar month (12 values): the seasonality. All zero: an even split. */
  monthlyRevenue: readonly number[];
  /** The team's reps with their quota (0 when none); no quota at all: an even split. */
  reps: readonly { name: string; quota: number }[];
}

export interface PlanQuarter {
  quarter: string;
  revenue: number;
  deals: number;
  firstMeetings: number;
  handOvers: number | null;
  /** "YYYY-MM": the month the quarter's deals must enter the pipeline (the quarter's start minus the cycle). */
  enterBy: string;
}

export interface PlanRep {
  name: string;
  revenue: number;
  deals: number;
  firstMeetings: number;
}

export interface PipelinePlan {
  target: number;
  assumptions: { avgDealSize: number; winRateFromFirstMeeting: number; handOverToFirstMeeting: number | null; cycleDays: number };
  quarters: PlanQuarter[];
  reps: PlanRep[];
}

export type PlanField = "target" | "year" | "avgDealSize" | "winRateFromFirstMeeting" | "handOverToFirstMeeting" | "cycleDays" | "reps";
export type PlanIssueCode = "range" | "missing" | "noWonDeals" | "noReps";

export interface PlanIssue {
  field: PlanField;
  code: PlanIssueCode;
  message: string;
}

export class PlanInputError extends Error {
  constructor(readonly issues: PlanIssue[]) {
    super(issues.map((issue) => `${issue.field}: ${issue.message}`).join("; "));
  }
}

/**
 * Splits `total` (an integer, e.g. cents) in proportion to `weights` into integers that sum to `total` exactly:
 * each gets the floor of its share, and the units left go to the largest remainders (ties: the earlier one).
 * All weights zero: an even split.
 */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError("largestRemainder: total must be a non-negative safe integer");
  if (weights.length === 0) throw new RangeError("largestRemainder: no weights");
  if (weights.some((w) => !Number.isFinite(w) || w < 0)) throw new RangeError("largestRemainder: weights must be non-negative");
  const sum = weights.reduce((a, b) => a + b, 0);
  const used = sum > 0 ? weights : weights.map(() => 1);
  const usedSum = sum > 0 ? sum : weights.length;
  const exact = used.map((w) => (total * w) / usedSum);
  const parts = exact.map((x) => Math.floor(x));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k]!.i]! += 1;
  return parts;
}

/** ⌈a ÷ b⌉ that does not round 3 ÷ 0.3 (10.000000000000002) up to 11. */
export function ceilDiv(a: number, b: number): number {
  const q = a / b;
  const near = Math.round(q);
  return Math.abs(q - near) <= 1e-9 * Math.max(1, Math.abs(q)) ? near : Math.ceil(q);
}

const toCents = (money: number) => Math.round(money * 100);

function addMonths(year: number, month0: number, delta: number): string {
  const total = year * 12 + month0 + delta;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}`;
}

/** The month (YYYY-MM) of the quarter's first day minus `cycleDays` (rounded up to whole days). */
export function entryMonth(year: number, quarterIndex: number, cycleDays: number): string {
  const start = Date.UTC(year, quarterIndex * 3, 1);
  const entry = new Date(start - Math.ceil(cycleDays) * 86_400_000);
  return `${entry.getUTCFullYear()}-${String(entry.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** Checks the input and says, field by field, what is wrong or missing; never divides by zero. */
export function planIssues(input: PlanInput): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const { target, assumptions: a } = input;
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) issues.push({ field: "year", code: "range", message: "must be a year between 2000 and 2100" });
  if (!Number.isFinite(target) || target <= 0 || target > MAX_TARGET) issues.push({ field: "target", code: "range", message: `must be more than 0 and at most ${MAX_TARGET.toExponential()}` });
  const noWonDeals = input.monthlyRevenue.every((value) => value <= 0);
  const missing = (field: PlanField, what: string) =>
    issues.push(
      noWonDeals
        ? { field, code: "noWonDeals", message: `the team won no deals this year, so there is no ${what} to start from: give it` }
        : { field, code: "missing", message: `this year's ${what} is missing from the data (it would divide by zero): give it` },
    );
  if (a.avgDealSize === null || a.avgDealSize === 0) missing("avgDealSize", "average deal size");
  else if (!Number.isFinite(a.avgDealSize) || a.avgDealSize < 0.01 || a.avgDealSize > MAX_TARGET) issues.push({ field: "avgDealSize", code: "range", message: "must be between 0.01 and 1e12" });
  if (a.winRateFromFirstMeeting === null || a.winRateFromFirstMeeting === 0) missing("winRateFromFirstMeeting", "win rate from the first meeting");
  else if (!(a.winRateFromFirstMeeting > 0 && a.winRateFromFirstMeeting <= 1)) issues.push({ field: "winRateFromFirstMeeting", code: "range", message: "must be more than 0 % and at most 100 %" });
  if (a.handOverToFirstMeeting === null || a.handOverToFirstMeeting === 0) {
    if (input.sdrFed || a.handOverToFirstMeeting === 0) missing("handOverToFirstMeeting", "hand-over → first-meeting conversion");
  } else if (!(a.handOverToFirstMeeting > 0 && a.handOverToFirstMeeting <= 1)) issues.push({ field: "handOverToFirstMeeting", code: "range", message: "must be more than 0 % and at most 100 %" });
  if (a.cycleDays === null) missing("cycleDays", "sales cycle");
  else if (!Number.isFinite(a.cycleDays) || a.cycleDays < 0 || a.cycleDays > 3650) issues.push({ field: "cycleDays", code: "range", message: "must be between 0 and 3650 days" });
  if (input.reps.length === 0) issues.push({ field: "reps", code: "noReps", message: "the team has no reps to split the plan between" });
  return issues;
}

/** The plan, or a PlanInputError naming every field that is wrong or missing. */
export function buildPipelinePlan(input: PlanInput): PipelinePlan {
  const issues = planIssues(input);
  if (issues.length > 0) throw new PlanInputError(issues);
  const avgDealSize = input.assumptions.avgDealSize as number;
  const winRate = input.assumptions.winRateFromFirstMeeting as number;
  const handOver = input.assumptions.handOverToFirstMeeting;
  const cycleDays = input.assumptions.cycleDays as number;
  const targetCents = toCents(input.target);
  const avgCents = toCents(avgDealSize);

  const seasonality = [0, 1, 2, 3].map((q) => input.monthlyRevenue.slice(q * 3, q * 3 + 3).reduce((sum, value) => sum + Math.max(0, value), 0));
  const quarterCents = largestRemainder(targetCents, seasonality);
  const quarters = quarterCents.map((cents, q) => {
    const deals = ceilDiv(cents, avgCents);
    const firstMeetings = ceilDiv(deals, winRate);
    return {
      quarter: `${input.year}-Q${q + 1}`,
      revenue: cents / 100,
      deals,
      firstMeetings,
      handOvers: handOver === null ? null : ceilDiv(firstMeetings, handOver),
      enterBy: entryMonth(input.year, q, cycleDays),
    };
  });
  const repCents = largestRemainder(targetCents, input.reps.map((rep) => Math.max(0, rep.quota)));
  const reps = input.reps.map((rep, i) => {
    const cents = repCents[i] as number;
    const deals = ceilDiv(cents, avgCents);
    return { name: rep.name, revenue: cents / 100, deals, firstMeetings: ceilDiv(deals, winRate) };
  });
  return {
    target: targetCents / 100,
    assumptions: { avgDealSize: avgCents / 100, winRateFromFirstMeeting: winRate, handOverToFirstMeeting: handOver, cycleDays },
    quarters,
    reps,
  };
}

/**
 * The pipeline to create per month for the plan: each quarter's first meetings × average deal size, spread evenly
 * (largest remainder, in cents) over the three months from its entry month. Months in order, from the earliest entry.
 */
export function requiredPipelineByMonth(plan: PipelinePlan): { month: string; amount: number }[] {
  const byMonth = new Map<string, number>();
  const year = Number(plan.quarters[0]?.quarter.slice(0, 4));
  plan.quarters.forEach((quarter) => {
    const cents = largestRemainder(quarter.firstMeetings * toCents(plan.assumptions.avgDealSize), [1, 1, 1]);
    const [y, m] = quarter.enterBy.split("-").map(Number) as [number, number];
    cents.forEach((part, k) => {
      const month = addMonths(y, m - 1, k);
      byMonth.set(month, (byMonth.get(month) ?? 0) + part);
    });
  });
  for (let m = 0; m < 12; m++) {
    const month = addMonths(year, m, 0);
    if (!byMonth.has(month)) byMonth.set(month, 0);
  }
  return [...byMonth.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, cents]) => ({ month, amount: cents / 100 }));
}
