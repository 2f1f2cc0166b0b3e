import { csvLine } from "./csv";
import type { Report, ReportDealFigures } from "./build-report";

const DEAL_COLUMNS: ReadonlyArray<keyof ReportDealFigures> = [
  "won",
  "lost",
  "winRate",
  "revenue",
  "avgDealSize",
  "avgCycleDays",
  "medianCycleDays",
  "pipelineCreated",
  "pipelineCreatedAmount",
  "quota",
  "quotaAttainment",
  "repsAtQuota",
  "expansionWon",
  "expansionRevenue",
  "churnedRenewals",
  "churnedAmount",
  "churnRate",
];

/** The report's deal figures as one CSV table: the total, each team, each rep (empty cells where undefined). */
export function reportCsv(report: Report): string {
  const row = (level: string, name: string, team: string | null, figures: ReportDealFigures) =>
    csvLine([level, name, team, report.period.start, report.period.end, ...DEAL_COLUMNS.map((column) => figures[column])]);
  return [
    csvLine(["level", "name", "team", "periodStart", "periodEnd", ...DEAL_COLUMNS]),
    row("total", report.scope.team ?? "", report.scope.team, report.total),
    ...report.teams.map((team) => row("team", team.name, team.name, team)),
    ...report.reps.map((rep) => row("rep", rep.name, rep.team, rep)),
  ].join("");
}
