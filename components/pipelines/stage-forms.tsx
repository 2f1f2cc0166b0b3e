"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Field, FormMessage, SubmitButton, inputClass, useActionForm } from "@/components/admin/form-parts";
import { addStage } from "@/lib/actions/pipeline-add-stage";
import { mergeStage } from "@/lib/actions/pipeline-merge-stage";
import { removeStage } from "@/lib/actions/pipeline-remove-stage";
import { updateStage } from "@/lib/actions/pipeline-update-stage";

export interface OpenStageValues {
  id: number;
  name: string;
  buyerStage: string | null;
  buyerQuestion: string | null;
  probability: number;
  isFirstMeeting: boolean;
}

/** An open stage's name and rules: the buyer-journey stage, the buyer's question, its probability, the first-meeting mark. */
export function OpenStageForm({ stage, buyerStages }: { stage: OpenStageValues; buyerStages: Array<{ value: string; label: string }> }) {
  const t = useTranslations("pipelinesAdmin");
  const id = useId();
  const { state, pending, formProps } = useActionForm(updateStage);
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  return (
    <form {...formProps} aria-label={t("stage.rulesOf", { stage: stage.name })} className="space-y-4">
      <input type="hidden" name="part" value="open" />
      <input type="hidden" name="stageId" value={stage.id} />
      <div className="grid gap-4 md:grid-cols-[minmax(0,2fr)_minmax(0,2fr)_minmax(0,1fr)]">
        <Field id={`${id}-name`} label={t("fields.name")} errors={errors.name}>
          {(aria) => <input {...aria} name="name" defaultValue={stage.name} required maxLength={80} autoComplete="off" className={inputClass} />}
        </Field>
        <Field id={`${id}-buyer-stage`} label={t("fields.buyerStage")} errors={errors.buyerStage}>
          {(aria) => (
            <select {...aria} name="buyerStage" defaultValue={stage.buyerStage ?? ""} className={inputClass}>
              <option value="">{t("stage.noBuyerStage")}</option>
              {buyerStages.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${id}-probability`} label={t("fields.probability")} hint={t("stage.probabilityHint")} errors={errors.probability}>
          {(aria) => <input {...aria} name="probability" type="number" inputMode="numeric" min={0} max={100} step={1} defaultValue={stage.probability} required className={inputClass} />}
        </Field>
      </div>
      <Field id={`${id}-question`} label={t("fields.buyerQuestion")} hint={t("stage.buyerQuestionHint")} errors={errors.buyerQuestion}>
        {(aria) => <textarea {...aria} name="buyerQuestion" defaultValue={stage.buyerQuestion ?? ""} rows={2} maxLength={300} className={inputClass} />}
      </Field>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <label className="inline-flex items-center gap-2 text-sm text-foreground">
          <input type="checkbox" name="isFirstMeeting" defaultChecked={stage.isFirstMeeting} className="size-4 accent-accent" />
          {t("fields.isFirstMeeting")}
          <span className="text-xs text-muted">{t("stage.firstMeetingHint")}</span>
        </label>
        <SubmitButton pending={pending} pendingLabel={t("saving")} variant="secondary" aria-label={t("stage.saveStage", { stage: stage.name })}>
          {t("save")}
        </SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

/** The won or lost end: only its name. */
export function EndStageForm({ stage, label }: { stage: { id: number; name: string }; label: string }) {
  const t = useTranslations("pipelinesAdmin");
  const id = useId();
  const { state, pending, formProps } = useActionForm(updateStage);
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  return (
    <form {...formProps} aria-label={label} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="part" value="end" />
      <input type="hidden" name="stageId" value={stage.id} />
      <Field id={`${id}-name`} label={label} errors={errors.name} className="min-w-48 flex-1">
        {(aria) => <input {...aria} name="name" defaultValue={stage.name} required maxLength={80} autoComplete="off" className={inputClass} />}
      </Field>
      <SubmitButton pending={pending} pendingLabel={t("saving")} variant="secondary" aria-label={t("stage.saveStage", { stage: stage.name })}>
        {t("save")}
      </SubmitButton>
      <div className="basis-full empty:hidden">
        <FormMessage state={state} />
      </div>
    </form>
  );
}

/** A new open stage (it goes after the last one), or the won or lost end the pipeline lacks. */
export function AddStageForm({ pipelineId, kind, label, submitLabel }: { pipelineId: number; kind: "OPEN" | "WON" | "LOST"; label: string; submitLabel: string }) {
  const t = useTranslations("pipelinesAdmin");
  const id = useId();
  const { state, pending, formProps } = useActionForm(addStage, { resetOnSuccess: true });
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  return (
    <form {...formProps} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="pipelineId" value={pipelineId} />
      <input type="hidden" name="kind" value={kind} />
      <Field id={`${id}-name`} label={label} errors={errors.name} className="min-w-64 flex-1">
        {(aria) => <input {...aria} name="name" required maxLength={80} autoComplete="off" className={inputClass} />}
      </Field>
      <SubmitButton pending={pending} pendingLabel={t("saving")}>
        {submitLabel}
      </SubmitButton>
      <div className="basis-full empty:hidden">
        <FormMessage state={state} />
      </div>
    </form>
  );
}

export interface StageHistoryCounts {
  inStage: number;
  passedThrough: number;
  answered: number;
}

/**
 * Removing a stage: one without history goes; one that deals are in, passed through or answered criteria of can
 * only be merged into another open stage (its deals, history and criteria move there).
 */
export function StageRemoval({
  stage,
  history,
  others,
}: {
  stage: { id: number; name: string };
  history: StageHistoryCounts;
  others: Array<{ id: number; name: string }>;
}) {
  const t = useTranslations("pipelinesAdmin");
  const id = useId();
  const remove = useActionForm(removeStage);
  const merge = useActionForm(mergeStage);
  const mergeErrors = merge.state.status === "error" ? (merge.state.fieldErrors ?? {}) : {};
  const withHistory = history.inStage + history.passedThrough + history.answered > 0;
  // Rewriting history cannot be undone: the merge button waits for an explicit yes.
  const [sure, setSure] = useState(false);
  if (others.length === 0) return <p className="text-sm text-muted">{t("stage.lastOpenStage")}</p>;
  return (
    <div className="space-y-3">
      {withHistory ? (
        <p className="text-sm text-foreground">{t("stage.historyNote", { stage: stage.name, ...history })}</p>
      ) : (
        <form {...remove.formProps} className="space-y-2">
          <input type="hidden" name="stageId" value={stage.id} />
          <p className="text-sm text-muted">{t("stage.removeIntro")}</p>
          <SubmitButton pending={remove.pending} pendingLabel={t("saving")} variant="danger">
            {t("stage.removeConfirm", { stage: stage.name })}
          </SubmitButton>
          <FormMessage state={remove.state} />
        </form>
      )}
      <form {...merge.formProps} className="space-y-2">
        <input type="hidden" name="stageId" value={stage.id} />
        <p className="text-sm text-muted">{t("stage.mergeIntro")}</p>
        {withHistory && (
          <label className="flex items-start gap-2 text-sm text-foreground">
            <input type="checkbox" checked={sure} onChange={(event) => setSure(event.target.checked)} className="mt-0.5 size-4 accent-accent" />
            {t("stage.mergeSure", { count: history.inStage + history.passedThrough })}
          </label>
        )}
        <div className="flex flex-wrap items-end gap-3">
          <Field id={`${id}-into`} label={t("fields.intoStageId")} errors={mergeErrors.intoStageId} className="min-w-48">
            {(aria) => (
              <select {...aria} name="intoStageId" defaultValue={others[0]?.id} className={inputClass}>
                {others.map((other) => (
                  <option key={other.id} value={other.id}>
                    {other.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <SubmitButton
            pending={merge.pending}
            pendingLabel={t("saving")}
            variant={withHistory ? "danger" : "secondary"}
            disabled={merge.pending || (withHistory && !sure)}
            aria-disabled={merge.pending || (withHistory && !sure)}
          >
            {t("stage.mergeConfirm", { stage: stage.name })}
          </SubmitButton>
        </div>
        <FormMessage state={merge.state} />
      </form>
    </div>
  );
}
