import type { DashboardQuery } from "@/lib/validation/dashboard-query";
import { PeriodKindFields } from "./period-kind-fields";

export interface PeriodFilterLabels {
  legend: string;
  period: string;
  kinds: { year: string; quarter: string; custom: string };
  year: string;
  quarter: string;
  from: string;
  to: string;
  pipeline: string;
  allPipelines: string;
  team: string;
  allTeams: string;
  apply: string;
  quarterOption: (quarter: number) => string;
}

const field = "min-h-9 rounded-lg border border-border-strong bg-surface px-2.5 text-sm text-foreground";

/**
 * A plain GET form, so the filters live in the URL: the period kind picks which of year / quarter / from–to apply,
 * and only those are shown (PeriodKindFields).
 */
export function PeriodFilter({
  action,
  query,
  years,
  pipelines,
  teams,
  labels,
  hidden = {},
  idPrefix = "filter",
}: {
  action: string;
  query: DashboardQuery;
  years: number[];
  pipelines: Array<{ id: number; name: string }>;
  teams: Array<{ id: number; name: string }> | null;
  labels: PeriodFilterLabels;
  /** Extra fields kept as they are (the drill-through's own filters). */
  hidden?: Record<string, string | undefined>;
  idPrefix?: string;
}) {
  const { spec } = query;
  const year = spec.kind === "custom" ? Number(spec.from.slice(0, 4)) : spec.year;
  const quarter = spec.kind === "quarter" ? spec.quarter : 1;
  const from = spec.kind === "custom" ? spec.from : `${year}-01-01`;
  const to = spec.kind === "custom" ? spec.to : `${year}-12-31`;
  return (
    <form action={action} method="get" className="rounded-xl border border-border bg-surface p-4 shadow-sm print:hidden">
      <fieldset className="flex flex-wrap items-end gap-x-4 gap-y-3">
        <legend className="sr-only">{labels.legend}</legend>
        {Object.entries(hidden).map(([name, value]) => (value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />))}
        <PeriodKindFields
          idPrefix={idPrefix}
          kind={spec.kind === "month" ? "year" : spec.kind}
          year={year}
          quarter={quarter}
          from={from}
          to={to}
          years={years}
          labels={{
            period: labels.period,
            kinds: labels.kinds,
            year: labels.year,
            quarter: labels.quarter,
            from: labels.from,
            to: labels.to,
            quarterOptions: [1, 2, 3, 4].map((q) => labels.quarterOption(q)),
          }}
        />
        {pipelines.length > 1 && (
          <div className="flex flex-col gap-1">
            <label htmlFor={`${idPrefix}-pipeline`} className="text-xs font-medium text-muted">{labels.pipeline}</label>
            <select id={`${idPrefix}-pipeline`} name="pipeline" defaultValue={query.pipelineId === undefined ? "" : String(query.pipelineId)} className={field}>
              <option value="">{labels.allPipelines}</option>
              {pipelines.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {teams && teams.length > 1 && (
          <div className="flex flex-col gap-1">
            <label htmlFor={`${idPrefix}-team`} className="text-xs font-medium text-muted">{labels.team}</label>
            <select id={`${idPrefix}-team`} name="team" defaultValue={query.teamId === undefined ? "" : String(query.teamId)} className={field}>
              <option value="">{labels.allTeams}</option>
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="submit" className="min-h-9 rounded-lg bg-accent px-4 text-sm font-semibold text-accent-foreground hover:bg-accent-hover">
          {labels.apply}
        </button>
      </fieldset>
    </form>
  );
}
