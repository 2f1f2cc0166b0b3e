// KPI.md forecast accuracy, computed naively: per whole month the period touches and per rep, the COMMIT line of the
// last snapshot before the month that has one for the rep (a team's snapshot leaves the other reps' forecasts alone).
import { startOfLocalDate, type Period } from "@/lib/kpi/period";
import { formatCents, inPeriod, type RefOrg } from "./org";
import { attributedRep } from "./scope";

function months(period: Period): string[] {
  const out: string[] = [];
  let [y, m] = period.startDate.split("-").map(Number) as [number, number];
  for (;;) {
    const first = `${y}-${String(m).padStart(2, "0")}-01`;
    if (first >= period.endDate) return out;
    out.push(first);
    m += 1;
    if (m === 13) [y, m] = [y + 1, 1];
  }
}

export function refForecastFigures(org: RefOrg, reps: Set<number>, period: Period) {
  const tz = org.timeZone;
  const list = months(period).map((first) => {
    const [y, m] = first.split("-").map(Number) as [number, number];
    const next = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
    const span = { start: startOfLocalDate(first, tz), end: startOfLocalDate(next, tz) };
    const before = (org.snapshots ?? [])
      .filter((s) => s.takenAt < span.start)
      .sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime() || b.id - a.id);
    const hasSnapshot = before.length > 0;
    const forecast = hasSnapshot
      ? [...reps].reduce((sum, repId) => {
          for (const s of before) {
            const line = s.lines.find((l) => l.repId === repId && l.month === first && l.category === "COMMIT");
            if (line) return sum + line.amountCents;
          }
          return sum;
        }, 0n)
      : null;
    const actual = org.deals
      .filter((d) => d.status === "WON" && inPeriod(d.closedAt, span) && reps.has(attributedRep(d)))
      .reduce((s, d) => s + (d.amountCents ?? 0n), 0n);
    const accuracy =
      forecast === null || actual === 0n ? null : Math.max(0, Number(actual - (forecast > actual ? forecast - actual : actual - forecast)) / Number(actual));
    return { month: first.slice(0, 7), hasSnapshot, forecast: forecast === null ? null : formatCents(forecast), actual: formatCents(actual), accuracy, f: forecast, a: actual };
  });
  const defined = list.flatMap((m) => (m.accuracy === null ? [] : [m.accuracy]));
  const forecasted = list.filter((m) => m.f !== null);
  return {
    months: list.map(({ month, hasSnapshot, forecast, actual, accuracy }) => ({ month, hasSnapshot, forecast, actual, accuracy })),
    meanAccuracy: defined.length === 0 ? null : defined.reduce((a, b) => a + b, 0) / defined.length,
    bias: forecasted.length === 0 ? null : formatCents(forecasted.reduce((s, m) => s + m.f! - m.a, 0n)),
  };
}
