import { z } from "zod";
import type { Viewer } from "@/lib/auth/viewer";
import type { KpiSql } from "@/lib/kpi/kpi-sql";
import { isMetricKey, type MetricKey } from "@/lib/review/metric-catalogue";
import { discussedWindow } from "./commitment-check";
import { repMetricValues } from "./rep-metric-values";

/** A figure discussed in a session, as it stood then: the rep's value over the window that ended on the session's day. */
export interface DiscussedFigure {
  metric: MetricKey;
  value: number | null;
  /** The window, "YYYY-MM-DD" both inclusive. */
  from: string;
  to: string;
}

const storedSchema = z.array(z.object({ metric: z.string(), value: z.number().nullable(), from: z.string(), to: z.string() }));

/** The snapshot stored with a session (coaching_session.figures), leaving out what no longer parses. */
export function discussedFiguresOf(json: unknown): DiscussedFigure[] {
  const parsed = storedSchema.safeParse(json ?? []);
  if (!parsed.success) return [];
  return parsed.data.flatMap((figure) => (isMetricKey(figure.metric) ? [{ ...figure, metric: figure.metric }] : []));
}

/** The figures to store with a new session: each metric for the rep over the 90 days up to the session's day. */
export async function snapshotDiscussedFigures(
  viewer: Viewer,
  input: { repId: number; sessionAt: Date; timeZone: string; metrics: readonly MetricKey[] },
  db?: KpiSql,
): Promise<DiscussedFigure[]> {
  if (input.metrics.length === 0) return [];
  const window = discussedWindow(input.sessionAt, input.timeZone);
  const values = await repMetricValues(viewer, { repId: input.repId, period: window, metrics: input.metrics }, db);
  const to = window.spec.kind === "custom" ? window.spec.to : window.startDate;
  return input.metrics.map((metric) => ({ metric, value: values.get(metric) ?? null, from: window.startDate, to }));
}
