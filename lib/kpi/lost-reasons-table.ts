import type { LostReasonRow, LostReasons } from "./query-lost-reasons";

/** The reasons a table shows one by one (more would not fit a projector); the rest add up to one "other" row. */
export const TOP_LOST_REASONS = 8;

export interface LostReasonsTableRow {
  /** The reason, or null for the row that adds up every reason after the largest ones. */
  reason: string | null;
  /** The reasons the row counts (one, or all the smaller ones for the "other" row). */
  reasons: string[];
  /** Deals lost from each stage (null: the history does not say), keyed like `stageIds`. */
  byStage: Map<number | null, number>;
  total: number;
  previous: number;
}

export interface LostReasonsTable {
  /** Every stage a deal was lost from in the period, in first-seen order of the query (pipeline, stage position). */
  stageIds: (number | null)[];
  rows: LostReasonsTableRow[];
  /** Every deal lost in the period: the same figure as the cards' lost count. */
  total: Omit<LostReasonsTableRow, "reason" | "reasons">;
}

function countBy<K>(rows: readonly LostReasonRow[], key: (row: LostReasonRow) => K): Map<K, number> {
  const counts = new Map<K, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + row.count);
  return counts;
}

/** KPI.md lost reasons as a table: the largest reasons, then one row for all the others, so the rows add up to every lost deal. */
export function lostReasonsTable(lost: LostReasons, top = TOP_LOST_REASONS): LostReasonsTable {
  const totals = countBy(lost.current, (row) => row.reason);
  const previousTotals = countBy(lost.previous, (row) => row.reason);
  // Reasons of either period, the period's largest first: a reason only P′ had still adds to the P′ column.
  const ranked = [...new Set([...totals.keys(), ...previousTotals.keys()])].sort(
    (a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || (previousTotals.get(b) ?? 0) - (previousTotals.get(a) ?? 0) || a.localeCompare(b),
  );
  // An "other" row of a single reason would hide a name for nothing: show that reason instead.
  const shown = ranked.length <= top + 1 ? ranked : ranked.slice(0, top);
  const others = ranked.slice(shown.length);
  const row = (reason: string | null, reasons: string[]): LostReasonsTableRow => {
    const counted = lost.current.filter((r) => reasons.includes(r.reason));
    return {
      reason,
      reasons,
      byStage: countBy(counted, (r) => r.fromStageId),
      total: counted.reduce((sum, r) => sum + r.count, 0),
      previous: reasons.reduce((sum, r) => sum + (previousTotals.get(r) ?? 0), 0),
    };
  };
  return {
    stageIds: [...new Set(lost.current.map((r) => r.fromStageId))],
    rows: [...shown.map((reason) => row(reason, [reason])), ...(others.length > 0 ? [row(null, others)] : [])],
    total: {
      byStage: countBy(lost.current, (r) => r.fromStageId),
      total: lost.current.reduce((sum, r) => sum + r.count, 0),
      previous: lost.previous.reduce((sum, r) => sum + r.count, 0),
    },
  };
}
