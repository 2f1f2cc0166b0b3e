import type { Metadata } from "next";
import Link from "next/link";
import { DrillPagination } from "@/components/kpi/drill-pagination";
import { CompliancePanel } from "@/components/pipeline/compliance-panel";
import { FlagSummary } from "@/components/pipeline/flag-summary";
import { PipelineBoard, type BoardColumn } from "@/components/pipeline/pipeline-board";
import { PipelineFilters, type PipelineFilterLabels } from "@/components/pipeline/pipeline-filters";
import { PipelineTable, type PipelineTableLabels } from "@/components/pipeline/pipeline-table";
import { requireViewer } from "@/lib/auth/require-viewer";
import { getOrganization } from "@/lib/data/get-organization";
import { getFormatter } from "@/lib/i18n/get-formatter";
import { getTranslations } from "@/lib/i18n/get-translations";
import { getScopeLabels } from "@/lib/kpi/get-scope-labels";
import { kpiDb } from "@/lib/kpi/kpi-db";
import { DEAL_FLAGS, liveFlagsAt, type DealFlag } from "@/lib/kpi/qualification-sql";
import { queryPipelineBoard } from "@/lib/kpi/query-pipeline-board";
import { queryQualification } from "@/lib/kpi/query-qualification";
import { FORECAST_CATEGORIES, parsePipelineQuery, pipelineSearch, type PipelineQuery } from "@/lib/validation/pipeline-query";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: t("pipelineTitle") };
}

// Enough cards to read a column at a glance; the stage's link lists the rest.
const CARDS_PER_STAGE = 25;
const TABLE_PAGE_SIZE = 50;

export default async function PipelinePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  const parsed = parsePipelineQuery(await searchParams);
  const [org, labels, t, tFilters, tTable, tFlags] = await Promise.all([
    getOrganization(viewer),
    getScopeLabels(viewer),
    getTranslations("pipeline"),
    getTranslations("pipeline.filters"),
    getTranslations("pipeline.table"),
    getTranslations("review.flags"),
  ]);
  const format = await getFormatter(org);
  const pipeline = labels.pipelines.find((p) => p.id === parsed.pipelineId) ?? labels.pipelines[0];
  if (!pipeline) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold tracking-tight text-foreground">{t("heading")}</h1>
        <p className="rounded-xl border border-border bg-surface p-6 text-sm text-muted">{t("noPipeline")}</p>
      </div>
    );
  }
  const at = liveFlagsAt();
  // Ids the viewer may not see fall back to the whole scope, as the dashboard's filters do.
  const teamId = viewer.role !== "REP" && labels.teams.some((team) => team.id === parsed.teamId) ? parsed.teamId : undefined;
  const teamFilter = teamId === undefined ? {} : { teamIds: [teamId] };
  const qualification = await queryQualification(kpiDb, viewer, { at, filter: teamFilter, pipelineId: pipeline.id });
  const repId = viewer.role !== "REP" && qualification.reps.some((rep) => rep.repId === parsed.repId) ? parsed.repId : undefined;
  const openStages = pipeline.stages.filter((stage) => stage.kind === "OPEN");
  const stageId = openStages.some((stage) => stage.id === parsed.stageId) ? parsed.stageId : undefined;
  const query: PipelineQuery = { ...parsed, pipelineId: pipeline.id, teamId, repId, stageId };
  const board = await queryPipelineBoard(kpiDb, viewer, {
    at,
    pipelineId: pipeline.id,
    filter: repId === undefined ? teamFilter : { ...teamFilter, repId },
    flag: query.flag,
    forecastCategory: query.forecast,
    stageId,
    rows: query.view === "board" ? { perStage: CARDS_PER_STAGE } : { offset: (query.page - 1) * TABLE_PAGE_SIZE, limit: TABLE_PAGE_SIZE },
  });

  const flagNames = Object.fromEntries(DEAL_FLAGS.map((flag) => [flag, tFlags(flag)])) as Record<DealFlag, string>;
  const forecasts = Object.fromEntries(FORECAST_CATEGORIES.map((category) => [category, t(`forecast.${category}`)]));
  const stageNames = new Map(labels.pipelines.flatMap((p) => p.stages.map((stage) => [stage.id, stage.name] as const)));
  const stageName = (id: number) => stageNames.get(id) ?? t("otherStage");
  // Every open stage in order, then any stage an open deal sits in that is not one of them (moved between pipelines).
  const columnIds = [...openStages.map((stage) => stage.id), ...[...board.stages.keys()].filter((id) => !openStages.some((stage) => stage.id === id))];
  const columns: BoardColumn[] = columnIds
    .filter((id) => stageId === undefined || id === stageId)
    .map((id) => ({
      stageId: id,
      name: stageName(id),
      total: board.stages.get(id) ?? { count: 0, amount: "0.00" },
      href: pipelineSearch(query, { stageId: id, view: "table", page: 1 }),
    }));
  // The strip reads one rep's figures when the board shows one rep's deals (a rep's own, always).
  const summaryRep = viewer.role === "REP" ? viewer.repId : repId;
  const summary = qualification.reps.find((rep) => rep.repId === summaryRep) ?? qualification.total;
  const pages = Math.max(1, Math.ceil(board.total.count / TABLE_PAGE_SIZE));
  const teamName = labels.teams.find((team) => team.id === teamId)?.name;
  const scopeText =
    viewer.role === "REP"
      ? viewer.name
      : (teamName ?? (viewer.role === "ADMIN" ? org.name : labels.teams.map((team) => team.name).join(", ")));
  const viewLink = (view: "board" | "table") => (
    <Link
      href={pipelineSearch(query, { view, page: 1 })}
      aria-current={query.view === view ? "page" : undefined}
      className={`inline-flex min-h-10 items-center px-4 text-sm font-medium ${query.view === view ? "bg-accent text-accent-foreground" : "bg-surface text-foreground hover:bg-surface-muted"}`}
    >
      {t(`views.${view}`)}
    </Link>
  );

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-foreground">
            {t("heading")}
            {labels.pipelines.length > 1 && <span className="text-muted"> · {pipeline.name}</span>}
          </h1>
          <p className="mt-1.5 text-sm text-muted">{t("scopeLine", { scope: scopeText, date: format.date(at) })}</p>
          <p className="mt-1 text-lg font-semibold tabular-nums text-foreground">{t("summary", { count: board.total.count, amount: format.money(board.total.amount) })}</p>
        </div>
        <nav aria-label={t("views.label")} className="flex overflow-hidden rounded-lg border border-border-strong">
          {viewLink("board")}
          {viewLink("table")}
        </nav>
      </div>

      <PipelineFilters
        query={query}
        pipelineId={pipeline.id}
        pipelines={labels.pipelines}
        teams={viewer.role === "REP" ? null : labels.teams}
        reps={viewer.role === "REP" ? null : qualification.reps.map((rep) => ({ id: rep.repId, name: rep.name }))}
        stages={openStages}
        labels={{
          ...Object.fromEntries((["legend", "pipeline", "team", "allTeams", "rep", "allReps", "stage", "allStages", "flag", "anyFlag", "forecast", "anyForecast", "apply", "clear"] as const).map((key) => [key, tFilters(key)] as const)),
          flags: flagNames,
          forecasts,
        } as PipelineFilterLabels}
      />

      <FlagSummary
        figures={summary}
        hrefFor={(flag) => pipelineSearch(query, { flag: query.flag === flag ? undefined : flag, page: 1 })}
        activeFlag={query.flag}
        format={format}
        labels={{
          label: t("summaryStrip.label"),
          compliance: t("compliance.team"),
          complianceDetail: t("compliance.teamDetail", { qualified: format.number(summary.qualified), open: format.number(summary.openDeals) }),
          showFlag: t("summaryStrip.showFlag"),
          flags: flagNames,
        }}
      />

      {board.total.count === 0 ? (
        <p className="rounded-xl border border-border bg-surface p-6 text-sm text-muted">{t("empty")}</p>
      ) : query.view === "board" ? (
        <PipelineBoard
          columns={columns}
          deals={board.deals}
          format={format}
          labels={{
            label: t("board.label"),
            stageTotal: (count, amount) => t("board.stageTotal", { count, amount }),
            showStage: (stage) => t("board.showStage", { stage }),
            more: (count) => t("board.more", { count }),
            empty: t("board.empty"),
            closes: (date) => t("card.closes", { date }),
            noCloseDate: t("card.noCloseDate"),
            inStage: (days) => t("card.inStage", { days }),
            noAmount: t("card.noAmount"),
            forecast: forecasts,
            flags: flagNames,
          }}
        />
      ) : (
        <>
          <PipelineTable
            deals={board.deals}
            stageName={stageName}
            format={format}
            labels={{
              ...Object.fromEntries((["deal", "rep", "stage", "amount", "forecast", "closeDate", "daysInStage", "lastActivity", "flags", "nextStep"] as const).map((key) => [key, tTable(key)] as const)),
              caption: tTable("caption", { page: query.page, pages }),
              noFlags: t("card.noFlags"),
              forecasts,
              flagNames,
            } as PipelineTableLabels}
          />
          <DrillPagination page={Math.min(query.page, pages)} pages={pages} href={(page) => pipelineSearch(query, { page })} />
        </>
      )}

      {viewer.role !== "REP" && (
      <CompliancePanel
        qualification={qualification}
        hrefFor={(rep, flag) => pipelineSearch(query, { repId: rep, flag, view: "table", page: 1, stageId: undefined, forecast: undefined })}
        format={format}
        labels={{
          title: t("compliance.title"),
          description: t("compliance.description"),
          team: t("compliance.team"),
          rep: t("compliance.rep"),
          open: t("compliance.open"),
          qualified: t("compliance.qualified"),
          rate: t("compliance.rate"),
          caption: t("compliance.caption"),
          teamDetail: t("compliance.teamDetail", { qualified: format.number(qualification.total.qualified), open: format.number(qualification.total.openDeals) }),
          showDeals: (rep, flag, count) => t("compliance.showDeals", { rep, flag, count }),
          showAll: (rep, count) => t("compliance.showAll", { rep, count }),
          flags: flagNames,
        }}
      />
      )}
    </div>
  );
}
