import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CreatePipelineForm, type TemplateChoice } from "@/components/pipelines/create-pipeline-form";
import { MoveButtons } from "@/components/pipelines/move-buttons";
import { requireViewer } from "@/lib/auth/require-viewer";
import { movePipeline } from "@/lib/actions/pipeline-move";
import { canEditStageRules } from "@/lib/data/pipelines/can-edit-stage-rules";
import { listPipelines } from "@/lib/data/pipelines/list-pipelines";
import { getOrganization } from "@/lib/data/get-organization";
import { getFormatter } from "@/lib/i18n/get-formatter";
import { getTranslations } from "@/lib/i18n/get-translations";
import { PIPELINE_TEMPLATES, pipelineFromTemplate, templatePipelineName } from "@/lib/pipelines/templates";
import { MAX_PIPELINES } from "@/lib/validation/pipelines";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pipelinesAdmin");
  return { title: t("meta.list") };
}

export default async function AdminPipelinesPage() {
  const viewer = await requireViewer();
  if (!(await canEditStageRules(viewer))) notFound();
  const [pipelines, org, t] = await Promise.all([listPipelines(viewer), getOrganization(viewer), getTranslations("pipelinesAdmin")]);
  const format = await getFormatter(org);
  const templates: TemplateChoice[] = [
    ...PIPELINE_TEMPLATES.map((key) => ({
      key,
      label: t(`templates.${key}`),
      stages: pipelineFromTemplate(key, viewer.locale, "").open.map((stage) => stage.name),
      suggestedName: templatePipelineName(key, viewer.locale),
    })),
    { key: "empty" as const, label: t("templates.empty"), stages: [], suggestedName: "" },
  ];
  // The deal drill is scoped like the dashboard: only an admin's covers every deal these counts include.
  const drillable = viewer.role === "ADMIN";

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-foreground">{t("list.heading")}</h1>
        <p className="mt-1.5 max-w-3xl text-sm text-muted">{t("list.intro")}</p>
      </div>

      {pipelines.length === 0 ? (
        <p className="rounded-xl border border-dashed border-border-strong bg-surface p-5 text-sm text-muted">{t("list.none")}</p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-border bg-surface shadow-sm">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("list.caption")}</caption>
            <thead className="border-b border-border bg-surface-muted text-xs uppercase tracking-wide text-muted">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">{t("list.order")}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t("list.pipeline")}</th>
                <th scope="col" className="px-4 py-3 text-right font-semibold">{t("list.openStages")}</th>
                <th scope="col" className="px-4 py-3 text-right font-semibold">{t("list.openDeals")}</th>
                <th scope="col" className="px-4 py-3 text-right font-semibold">{t("list.deals")}</th>
                <th scope="col" className="px-4 py-3 font-semibold">
                  <span className="sr-only">{t("list.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {pipelines.map((pipeline, index) => (
                <tr key={pipeline.id}>
                  <td className="px-4 py-2.5">
                    <MoveButtons
                      action={movePipeline}
                      fields={{ pipelineId: pipeline.id }}
                      canUp={index > 0}
                      canDown={index < pipelines.length - 1}
                      upLabel={t("list.moveUp", { pipeline: pipeline.name })}
                      downLabel={t("list.moveDown", { pipeline: pipeline.name })}
                      movedLabel={t("list.moved", { pipeline: pipeline.name })}
                    />
                  </td>
                  <th scope="row" className="px-4 py-2.5 font-semibold text-foreground">
                    <Link href={`/admin/pipelines/${pipeline.id}`} className="text-accent underline-offset-2 hover:underline">
                      {pipeline.name}
                    </Link>
                    {(!pipeline.hasWon || !pipeline.hasLost) && <p className="mt-0.5 text-xs font-normal text-warning">{t("list.missingEnds")}</p>}
                  </th>
                  <td className="px-4 py-2.5 text-right tabular-nums">{format.number(pipeline.openStages)}</td>
                  <td className="px-4 py-2.5 text-right tabular-nums">
                    {drillable && pipeline.openDeals > 0 ? (
                      <Link
                        href={`/drill/deals?basis=openEnd&pipeline=${pipeline.id}`}
                        aria-label={t("list.openDealsLink", { count: pipeline.openDeals, pipeline: pipeline.name })}
                        className="text-accent underline-offset-2 hover:underline"
                      >
                        {format.number(pipeline.openDeals)}
                      </Link>
                    ) : (
                      format.number(pipeline.openDeals)
                    )}
                  </td>
                  <td className="px-4 py-2.5 text-right tabular-nums">{format.number(pipeline.deals)}</td>
                  <td className="px-4 py-2.5 text-right">
                    <Link
                      href={`/admin/pipelines/${pipeline.id}`}
                      aria-label={t("list.editLabel", { pipeline: pipeline.name })}
                      className="inline-flex min-h-9 items-center rounded-lg border border-border-strong px-3 text-sm font-semibold text-foreground shadow-sm hover:bg-surface-muted"
                    >
                      {t("list.edit")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <section aria-labelledby="pipeline-add" className="rounded-xl border border-border bg-surface p-5 shadow-sm">
        <h2 id="pipeline-add" className="text-lg font-semibold text-foreground">
          {t("create.heading")}
        </h2>
        <p className="mt-1 text-sm text-muted">{pipelines.length >= MAX_PIPELINES ? t("create.full", { max: MAX_PIPELINES }) : t("create.intro")}</p>
        {pipelines.length < MAX_PIPELINES && (
          <div className="mt-4">
            <CreatePipelineForm templates={templates} />
          </div>
        )}
      </section>
    </div>
  );
}
