import Link from "next/link";
import { DEAL_FLAGS } from "@/lib/kpi/qualification-sql";
import { FORECAST_CATEGORIES, type PipelineQuery } from "@/lib/validation/pipeline-query";

interface Option {
  id: number;
  name: string;
}

export interface PipelineFilterLabels {
  legend: string;
  pipeline: string;
  team: string;
  allTeams: string;
  rep: string;
  allReps: string;
  stage: string;
  allStages: string;
  flag: string;
  anyFlag: string;
  forecast: string;
  anyForecast: string;
  apply: string;
  clear: string;
  flags: Record<string, string>;
  forecasts: Record<string, string>;
}

const field = "min-h-10 rounded-lg border border-border-strong bg-surface px-2.5 text-sm text-foreground";

function Select({ id, name, label, value, options, all }: { id: string; name: string; label: string; value: string | number | undefined; options: Array<{ value: string | number; label: string }>; all?: string }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-muted">{label}</label>
      <select id={id} name={name} defaultValue={value === undefined ? "" : String(value)} className={field}>
        {all !== undefined && <option value="">{all}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A plain GET form: the filters live in the URL, so a filtered pipeline can be bookmarked and shared. */
export function PipelineFilters({
  query,
  pipelineId,
  pipelines,
  teams,
  reps,
  stages,
  labels,
}: {
  query: PipelineQuery;
  pipelineId: number;
  pipelines: Option[];
  teams: Option[] | null;
  reps: Option[] | null;
  stages: Option[];
  labels: PipelineFilterLabels;
}) {
  return (
    <form action="/pipeline" method="get" className="rounded-xl border border-border bg-surface p-4 shadow-sm print:hidden">
      <fieldset className="flex flex-wrap items-end gap-x-4 gap-y-3">
        <legend className="sr-only">{labels.legend}</legend>
        {query.view !== "board" && <input type="hidden" name="view" value={query.view} />}
        {pipelines.length > 1 ? (
          <Select id="pipeline-filter-pipeline" name="pipeline" label={labels.pipeline} value={pipelineId} options={pipelines.map((p) => ({ value: p.id, label: p.name }))} />
        ) : (
          <input type="hidden" name="pipeline" value={pipelineId} />
        )}
        {teams && teams.length > 1 && (
          <Select id="pipeline-filter-team" name="team" label={labels.team} value={query.teamId} all={labels.allTeams} options={teams.map((team) => ({ value: team.id, label: team.name }))} />
        )}
        {reps && (
          <Select id="pipeline-filter-rep" name="rep" label={labels.rep} value={query.repId} all={labels.allReps} options={reps.map((rep) => ({ value: rep.id, label: rep.name }))} />
        )}
        <Select id="pipeline-filter-stage" name="stage" label={labels.stage} value={query.stageId} all={labels.allStages} options={stages.map((stage) => ({ value: stage.id, label: stage.name }))} />
        <Select id="pipeline-filter-flag" name="flag" label={labels.flag} value={query.flag} all={labels.anyFlag} options={DEAL_FLAGS.map((flag) => ({ value: flag, label: labels.flags[flag] ?? flag }))} />
        <Select id="pipeline-filter-forecast" name="forecast" label={labels.forecast} value={query.forecast} all={labels.anyForecast} options={FORECAST_CATEGORIES.map((category) => ({ value: category, label: labels.forecasts[category] ?? category }))} />
        <button type="submit" className="min-h-10 rounded-lg bg-accent px-4 text-sm font-semibold text-accent-foreground hover:bg-accent-hover">
          {labels.apply}
        </button>
        <Link href={`/pipeline?pipeline=${pipelineId}${query.view === "board" ? "" : `&view=${query.view}`}`} className="inline-flex min-h-10 items-center rounded-lg px-3 text-sm font-medium text-accent underline-offset-4 hover:underline">
          {labels.clear}
        </Link>
      </fieldset>
    </form>
  );
}
