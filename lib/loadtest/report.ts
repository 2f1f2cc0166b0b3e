import type { GroupStats, RssSummary } from "./stats";

export interface LoadtestReport {
  label: string;
  command: string;
  date: string;
  machine: string;
  loadBefore: readonly number[];
  loadAfter: readonly number[];
  users: number;
  durationS: number;
  thinkMs: number;
  throughput: number;
  groups: readonly GroupStats[];
  total: GroupStats;
  rss: RssSummary | null;
}

/** p95 targets (issue 17): pages under 1 s, autosave under 300 ms. */
export const PAGE_TARGET_MS = 1000;
export const AUTOSAVE_TARGET_MS = 300;
export const targetFor = (group: string): number => (group === "autosave" ? AUTOSAVE_TARGET_MS : PAGE_TARGET_MS);

export const MARK_START = "<!-- loadtest:start -->";
export const MARK_END = "<!-- loadtest:end -->";

const ms = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString("en") : "–");
const loads = (values: readonly number[]) => values.map((v) => v.toFixed(2)).join(" / ");

/** One run as Markdown: what ran where, then a row per request group. */
export function formatRun(report: LoadtestReport): string {
  const rows = [...report.groups, report.total].map((g) => {
    const target = g.name === "all" ? undefined : targetFor(g.name);
    const met = target === undefined ? "" : g.p95 < target && g.errors === 0 ? "met" : "**missed**";
    return `| ${g.name} | ${g.requests.toLocaleString("en")} | ${g.errors} | ${ms(g.p50)} | ${ms(g.p95)} | ${ms(g.p99)} | ${ms(g.max)} | ${target === undefined ? "" : `< ${ms(target)} ${met}`} |`;
  });
  const rss = report.rss
    ? `Server RSS (the app's processes without PostgreSQL, sampled every second, ${report.rss.samples} samples): start ${report.rss.startMb} MB, peak ${report.rss.peakMb} MB, end ${report.rss.endMb} MB.`
    : "Server RSS: not sampled (no --pid and no listener found on the port).";
  return [
    `### ${report.label}`,
    "",
    `\`${report.command}\` — ${report.date}. ${report.users} users, ${report.durationS} s measured after the ramp, think time ${report.thinkMs} ms on average.`,
    `Machine: ${report.machine}; load average (1/5/15 min) ${loads(report.loadBefore)} before, ${loads(report.loadAfter)} after.`,
    "",
    `Throughput: ${report.throughput.toFixed(1)} requests/s; errors: ${report.total.errors} of ${report.total.requests.toLocaleString("en")}.`,
    "",
    "| requests | count | errors | p50 ms | p95 ms | p99 ms | max ms | p95 target |",
    "|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
    rss,
    "",
  ].join("\n");
}

/** The document with this run added inside the load-test section (created at the end when absent). */
export function insertRun(document: string, run: string): string {
  const start = document.indexOf(MARK_START);
  const end = document.indexOf(MARK_END);
  if (start < 0 || end < start) return `${document.trimEnd()}\n\n${MARK_START}\n${run}${MARK_END}\n`;
  const before = document.slice(0, end).trimEnd();
  // Runs are separated by a blank line, so each one's heading starts a Markdown block of its own.
  const separator = before.endsWith(MARK_START) ? "\n" : "\n\n";
  return `${before}${separator}${run}${document.slice(end)}`;
}
