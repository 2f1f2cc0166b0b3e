// The knobs of the planted patterns (docs/demo-data.md explains what each one should show).

/** New leads an SDR creates per working day in the first year; grows 5 % a year. */
export const LEADS_PER_SDR_DAY = 5;
export const LEAD_GROWTH_PER_YEAR = 1.05;
/** Share of worked leads handed to an AE in the baseline year. */
export const HANDOVER_SHARE = 0.31;
/**
 * Hand-over bottleneck, in each of the last two years (the current one and the one before): SDRs pass on 20 % more
 * of their leads (26 % more hand-overs with lead growth), but fewer become deals and reach the first meeting, so
 * first meetings from hand-overs stay flat: 1.26 × 0.70 × 0.566 ≈ 0.78 × 0.64, and 1.26² × 0.62 × 0.517 ≈ the same
 * (+2 % this year, which the deals not yet at their first meeting take back by year end).
 */
export const HANDOVER_BOOST_PER_YEAR = 1.2;
export const LEAD_TO_DEAL = [0.78, 0.7, 0.62] as const;
export const LEAD_DEAL_FIRST_MEETING = [0.64, 0.566, 0.517] as const;

/** 0 for the baseline years, 1 for last year, 2 for the current year. */
export function bottleneckStep(yearIndex: number, currentYearIndex: number): 0 | 1 | 2 {
  return Math.min(2, Math.max(0, yearIndex - (currentYearIndex - 2))) as 0 | 1 | 2;
}

/** Deals AEs find themselves reach the first meeting more often. */
export const SELF_SOURCED_FIRST_MEETING = 0.7;
/** The planted low-response AE also turns fewer hand-overs into deals. */
export const LOW_RESPONSE_LEAD_TO_DEAL_FACTOR = 0.75;

export const LEAD_SOURCES = [
  ["OUTBOUND", 0.45, 0.8],
  ["INBOUND", 0.3, 1.4],
  ["EVENT", 0.1, 1.1],
  ["REFERRAL", 0.07, 1.6],
  ["PARTNER", 0.06, 1.3],
  ["OTHER", 0.02, 0.9],
] as const;
/** Keeps the source mix from changing the overall hand-over share. */
export const SOURCE_FACTOR_MEAN = LEAD_SOURCES.reduce((sum, [, share, factor]) => sum + share * factor, 0);

/** Coaching hours a month: coached reps 3.1–5 h, the others 0.9–2.6 h (DESIGN.md: 1–5 h). */
export const COACHED_HOURS = [3.1, 5.0] as const;
export const UNCOACHED_HOURS = [0.9, 2.6] as const;
export const COMMITMENT_KEPT = { coached: 0.74, uncoached: 0.48 } as const;
