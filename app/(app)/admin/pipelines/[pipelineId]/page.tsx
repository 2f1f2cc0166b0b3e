import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CriteriaEditor } from "@/components/pipelines/criteria-editor";
import { MoveButtons } from "@/components/pipelines/move-buttons";
import { RuleChanges } from "@/components/pipelines/rule-changes";
import { DeletePipelineForm, RenamePipelineForm } from "@/components/pipelines/pipeline-forms";
import { AddStageForm, EndStageForm, OpenStageForm, StageRemoval } from "@/components/pipelines/stage-forms";
import { moveStage } from "@/lib/actions/pipeline-move-stage";
import { requireViewer } from "@/lib/auth/require-viewer";
import { canEditStageRules } from "@/lib/data/pipelines/can-edit-stage-rules";
import { getPipelineEditor, type EditorStage } from "@/lib/data/pipelines/get-pipeline-editor";
import { getOrganization } from "@/lib/data/get-organization";
import { getFormatter } from "@/lib/i18n/get-formatter";
import { getTranslations } from "@/lib/i18n/get-translations";
import { idParam } from "@/lib/validation/bounded";
import { BUYER_STAGES, MAX_OPEN_STAGES } from "@/lib/validation/pipelines";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pipelinesAdmin");
  return { title: t("meta.editor") };
}

export default async function AdminPipelineEditorPage({ params }: { params: Promise<{ pipelineId: string }> }) {
  const viewer = await requireViewer();
  if (!(await canEditStageRules(viewer))) notFound();
  const pipelineId = idParam.safeParse((await params).pipelineId);
  if (!pipelineId.success) notFound();
  const [pipeline, t, tReview, org] = await Promise.all([
    getPipelineEditor(viewer, pipelineId.data),
    getTranslations("pipelinesAdmin"),
    getTranslations("review"),
    getOrganization(viewer),
  ]);
  if (!pipeline) notFound();
  const format = await getFormatter(org);
  const buyerStages = BUYER_STAGES.map((value) => ({ value, label: tReview(`buyerStages.${value}`) }));
  const deals = [...pipeline.open, ...pipeline.ends].reduce((sum, stage) => sum + stage.history.inStage, 0);
  const won = pipeline.ends.find((stage) => stage.kind === "WON");
  const lost = pipeline.ends.find((stage) => stage.kind === "LOST");
  const drillable = viewer.role === "ADMIN";

  const counts = (stage: EditorStage) => {
    const inStage = t("stage.inStage", { count: stage.history.inStage });
    return (
      <p className="text-xs text-muted">
        {/* The deal drill lists open deals; the ends hold closed ones. */}
        {drillable && stage.kind === "OPEN" && stage.history.inStage > 0 ? (
          <Link href={`/drill/deals?basis=openEnd&pipeline=${pipeline.id}&stage=${stage.id}`} className="text-accent underline underline-offset-2">
            {inStage}
          </Link>
        ) : (
          inStage
        )}
        {" · "}
        {t("stage.passedThrough", { count: stage.history.passedThrough })}
      </p>
    );
  };

  return (
    <div className="space-y-6">
      <div>
        <Link href="/admin/pipelines" className="text-sm font-medium text-accent underline-offset-2 hover:underline">
          ← {t("editor.back")}
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-foreground">{pipeline.name}</h1>
        <p className="mt-1.5 max-w-3xl text-sm text-muted">
          {t("editor.summary", { stages: pipeline.open.length, deals, open: pipeline.openDeals })} {t("editor.intro")}
        </p>
      </div>

      <section aria-labelledby="pipeline-name" className="rounded-xl border border-border bg-surface p-5 shadow-sm">
        <h2 id="pipeline-name" className="sr-only">
          {t("editor.renamePipeline")}
        </h2>
        <RenamePipelineForm pipeline={{ id: pipeline.id, name: pipeline.name }} />
      </section>

      <section aria-labelledby="open-stages" className="space-y-3">
        <div>
          <h2 id="open-stages" className="text-lg font-semibold text-foreground">
            {t("editor.openStages")}
          </h2>
          <p className="mt-1 text-sm text-muted">{t("editor.openStagesIntro")}</p>
        </div>
        <ol className="space-y-4">
          {pipeline.open.map((stage, index) => (
            <li key={stage.id} aria-labelledby={`stage-${stage.id}`} className="rounded-xl border border-border bg-surface shadow-sm">
              <div className="flex flex-wrap items-start justify-between gap-3 border-b border-border px-5 py-3">
                <div className="flex items-start gap-3">
                  <span aria-hidden="true" className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full bg-accent-soft text-sm font-semibold text-accent-soft-foreground">
                    {index + 1}
                  </span>
                  <div>
                    <h3 id={`stage-${stage.id}`} className="text-base font-semibold text-foreground">
                      <span className="sr-only">{t("stage.number", { number: index + 1, count: pipeline.open.length })} </span>
                      {stage.name}
                      {stage.isFirstMeeting && <span className="ml-2 rounded-full bg-accent-soft px-2 py-0.5 text-xs font-medium text-accent-soft-foreground">{t("stage.firstMeeting")}</span>}
                    </h3>
                    {counts(stage)}
                  </div>
                </div>
                <MoveButtons
                  action={moveStage}
                  fields={{ stageId: stage.id }}
                  canUp={index > 0}
                  canDown={index < pipeline.open.length - 1}
                  upLabel={t("stage.moveUp", { stage: stage.name })}
                  downLabel={t("stage.moveDown", { stage: stage.name })}
                  movedLabel={t("stage.moved", { stage: stage.name })}
                />
              </div>
              <div className="space-y-5 px-5 py-4">
                <OpenStageForm
                  stage={{ id: stage.id, name: stage.name, buyerStage: stage.buyerStage, buyerQuestion: stage.buyerQuestion, probability: stage.probability, isFirstMeeting: stage.isFirstMeeting }}
                  buyerStages={buyerStages}
                />
                <div>
                  <h4 className="text-sm font-semibold text-foreground">{t("criteria.heading")}</h4>
                  <p className="mb-2 text-xs text-muted">{t("criteria.intro")}</p>
                  <CriteriaEditor stage={{ id: stage.id, name: stage.name }} criteria={stage.criteria} />
                </div>
                <details className="group rounded-lg border border-border">
                  <summary className="cursor-pointer list-none rounded-lg px-3 py-2 text-sm font-medium text-foreground hover:bg-surface-muted">
                    {t("stage.removeOrMerge", { stage: stage.name })}
                  </summary>
                  <div className="border-t border-border px-3 py-3">
                    <StageRemoval
                      stage={{ id: stage.id, name: stage.name }}
                      history={stage.history}
                      others={pipeline.open.filter((other) => other.id !== stage.id).map((other) => ({ id: other.id, name: other.name }))}
                    />
                  </div>
                </details>
              </div>
            </li>
          ))}
        </ol>
        <div className="rounded-xl border border-dashed border-border-strong bg-surface p-5">
          {pipeline.open.length >= MAX_OPEN_STAGES ? (
            <p className="text-sm text-muted">{t("editor.stagesFull", { max: MAX_OPEN_STAGES })}</p>
          ) : (
            <AddStageForm pipelineId={pipeline.id} kind="OPEN" label={t("editor.addStage")} submitLabel={t("editor.addStageSubmit")} />
          )}
        </div>
      </section>

      <section aria-labelledby="ends" className="rounded-xl border border-border bg-surface p-5 shadow-sm">
        <h2 id="ends" className="text-lg font-semibold text-foreground">
          {t("editor.ends")}
        </h2>
        <p className="mt-1 text-sm text-muted">{t("editor.endsIntro")}</p>
        <div className="mt-4 grid gap-6 md:grid-cols-2">
          {(
            [
              ["WON", won, t("editor.wonName"), t("editor.addWon")],
              ["LOST", lost, t("editor.lostName"), t("editor.addLost")],
            ] as const
          ).map(([kind, stage, label, addLabel]) =>
            stage ? (
              <div key={kind}>
                <EndStageForm stage={{ id: stage.id, name: stage.name }} label={label} />
                <div className="mt-1">{counts(stage)}</div>
              </div>
            ) : (
              <div key={kind} className="rounded-lg border border-warning/40 bg-warning-soft p-3">
                <p className="mb-2 text-sm text-foreground">{t("editor.missingEnd")}</p>
                <AddStageForm pipelineId={pipeline.id} kind={kind} label={label} submitLabel={addLabel} />
              </div>
            ),
          )}
        </div>
      </section>

      <RuleChanges changes={pipeline.changes} format={format} />

      <details className="rounded-xl border border-border bg-surface shadow-sm">
        <summary className="cursor-pointer list-none rounded-xl px-5 py-4 text-base font-semibold text-foreground hover:bg-surface-muted">{t("editor.delete")}</summary>
        <div className="border-t border-border px-5 py-4">
          <DeletePipelineForm pipeline={{ id: pipeline.id, name: pipeline.name }} deals={deals} />
        </div>
      </details>
    </div>
  );
}
