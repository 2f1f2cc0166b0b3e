import type { Viewer } from "@/lib/auth/viewer";
import type { CommitmentComparator } from "@/lib/db/generated/enums";
import type { KpiSql } from "@/lib/kpi/kpi-sql";
import { localDate, periodOf, type LocalDate } from "@/lib/kpi/period";
import type { MetricKey } from "@/lib/review/metric-catalogue";
import { commitmentWindow, isWindowOver, proposedStatus } from "./commitment-check";
import { repMetricValues } from "./rep-metric-values";

export interface CheckableCommitment {
  id: number;
  repId: number;
  metric: MetricKey;
  comparator: CommitmentComparator;
  target: number;
  dueAt: LocalDate;
  /** The session it was made in: the window starts on that day. */
  sessionAt: Date;
}

/** The automatic check of one commitment (docs/metrics.md, "Commitments"). */
export interface CommitmentCheck {
  /** The window measured: the session's day to the due date, inclusive, in the organisation's time zone. */
  from: LocalDate;
  to: LocalDate;
  /** The metric over the window (up to today while it runs); null when there is nothing to divide by. */
  actual: number | null;
  /** Whether the due date is over: the value is final and a status is proposed. */
  final: boolean;
  /** KEPT or MISSED once final; null before, or when the metric has no value. */
  proposed: "KEPT" | "MISSED" | null;
}

/**
 * Each commitment's metric for its rep over its window, through lib/kpi. A window that has not begun has no value yet
 * (no entry); one still running is measured up to today and proposes nothing.
 */
export async function checkCommitments(
  viewer: Viewer,
  commitments: readonly CheckableCommitment[],
  { timeZone, now }: { timeZone: string; now: Date },
  db?: KpiSql,
): Promise<Map<number, CommitmentCheck>> {
  const today = localDate(now, timeZone);
  const checks = await Promise.all(
    commitments.map(async (commitment): Promise<[number, CommitmentCheck] | null> => {
      const window = commitmentWindow(commitment.sessionAt, commitment.dueAt, timeZone);
      if (window.startDate > today) return null;
      const final = isWindowOver(window, now);
      const measured = final ? window : periodOf({ kind: "custom", from: window.startDate, to: today }, timeZone);
      const values = await repMetricValues(viewer, { repId: commitment.repId, period: measured, metrics: [commitment.metric] }, db);
      const actual = values.get(commitment.metric) ?? null;
      return [commitment.id, { from: window.startDate, to: commitment.dueAt < window.startDate ? window.startDate : commitment.dueAt, actual, final, proposed: final ? proposedStatus(commitment, actual) : null }];
    }),
  );
  return new Map(checks.filter((entry) => entry !== null));
}
