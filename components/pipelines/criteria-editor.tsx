"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { Field, FormMessage, SubmitButton, inputClass, useActionForm } from "@/components/admin/form-parts";
import { addCriterion } from "@/lib/actions/pipeline-add-criterion";
import { moveCriterion } from "@/lib/actions/pipeline-move-criterion";
import { removeCriterion } from "@/lib/actions/pipeline-remove-criterion";
import { restoreCriterion } from "@/lib/actions/pipeline-restore-criterion";
import { updateCriterion } from "@/lib/actions/pipeline-update-criterion";
import { MoveButtons } from "./move-buttons";

export interface CriterionValues {
  id: number;
  question: string;
  active: boolean;
  answers: number;
}

function CriterionRow({ criterion, index, count, stageName }: { criterion: CriterionValues; index: number; count: number; stageName: string }) {
  const t = useTranslations("pipelinesAdmin");
  const id = useId();
  const edit = useActionForm(updateCriterion);
  const remove = useActionForm(removeCriterion);
  const errors = edit.state.status === "error" ? (edit.state.fieldErrors ?? {}) : {};
  const label = t("criteria.questionNumber", { number: index + 1, stage: stageName });
  return (
    <li className="rounded-lg border border-border bg-surface p-3">
      <div className="flex flex-wrap items-start gap-3">
        <form {...edit.formProps} aria-label={label} className="flex min-w-64 flex-1 flex-wrap items-end gap-2">
          <input type="hidden" name="criterionId" value={criterion.id} />
          <Field id={`${id}-question`} label={label} errors={errors.question} className="min-w-64 flex-1">
            {(aria) => <input {...aria} name="question" defaultValue={criterion.question} required maxLength={300} autoComplete="off" className={inputClass} />}
          </Field>
          <SubmitButton pending={edit.pending} pendingLabel={t("saving")} variant="secondary" aria-label={t("criteria.saveQuestion", { number: index + 1 })}>
            {t("save")}
          </SubmitButton>
        </form>
        <div className="flex items-center gap-2 self-end">
          <MoveButtons
            action={moveCriterion}
            fields={{ criterionId: criterion.id }}
            canUp={index > 0}
            canDown={index < count - 1}
            upLabel={t("criteria.moveUp", { number: index + 1 })}
            downLabel={t("criteria.moveDown", { number: index + 1 })}
            movedLabel={t("criteria.moved")}
          />
          <form {...remove.formProps}>
            <input type="hidden" name="criterionId" value={criterion.id} />
            <SubmitButton
              pending={remove.pending}
              pendingLabel={t("saving")}
              variant="secondary"
              aria-label={criterion.answers > 0 ? t("criteria.retireLabel", { number: index + 1, count: criterion.answers }) : t("criteria.deleteLabel", { number: index + 1 })}
            >
              {criterion.answers > 0 ? t("criteria.retire") : t("criteria.delete")}
            </SubmitButton>
          </form>
        </div>
      </div>
      {criterion.answers > 0 && <p className="mt-1 text-xs text-muted">{t("criteria.answered", { count: criterion.answers })}</p>}
      <FormMessage state={edit.state} />
      {remove.state.status === "error" && <FormMessage state={remove.state} />}
    </li>
  );
}

function RetiredRow({ criterion }: { criterion: CriterionValues }) {
  const t = useTranslations("pipelinesAdmin");
  const restore = useActionForm(restoreCriterion);
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 py-1.5">
      <span className="text-sm text-muted">
        {criterion.question} <span className="text-xs">· {t("criteria.answered", { count: criterion.answers })}</span>
      </span>
      <form {...restore.formProps}>
        <input type="hidden" name="criterionId" value={criterion.id} />
        <SubmitButton pending={restore.pending} pendingLabel={t("saving")} variant="secondary" aria-label={t("criteria.restoreLabel", { question: criterion.question })}>
          {t("criteria.restore")}
        </SubmitButton>
      </form>
      {restore.state.status === "error" && (
        <div className="basis-full">
          <FormMessage state={restore.state} />
        </div>
      )}
    </li>
  );
}

/** A stage's exit criteria: yes/no questions in order, edited like the stages; retired ones can be asked again. */
export function CriteriaEditor({ stage, criteria }: { stage: { id: number; name: string }; criteria: CriterionValues[] }) {
  const t = useTranslations("pipelinesAdmin");
  const id = useId();
  const add = useActionForm(addCriterion, { resetOnSuccess: true });
  const addErrors = add.state.status === "error" ? (add.state.fieldErrors ?? {}) : {};
  const active = criteria.filter((c) => c.active);
  const retired = criteria.filter((c) => !c.active);
  return (
    <div className="space-y-3">
      {active.length === 0 ? (
        <p className="text-sm text-muted">{t("criteria.none")}</p>
      ) : (
        <ol aria-label={t("criteria.listOf", { stage: stage.name })} className="space-y-2">
          {active.map((criterion, index) => (
            <CriterionRow key={criterion.id} criterion={criterion} index={index} count={active.length} stageName={stage.name} />
          ))}
        </ol>
      )}
      <form {...add.formProps} className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="stageId" value={stage.id} />
        <Field id={`${id}-new`} label={t("criteria.add", { stage: stage.name })} errors={addErrors.question} className="min-w-64 flex-1">
          {(aria) => <input {...aria} name="question" required maxLength={300} autoComplete="off" placeholder={t("criteria.placeholder")} className={inputClass} />}
        </Field>
        <SubmitButton pending={add.pending} pendingLabel={t("saving")}>
          {t("criteria.addSubmit")}
        </SubmitButton>
        <div className="basis-full empty:hidden">
          <FormMessage state={add.state} />
        </div>
      </form>
      {retired.length > 0 && (
        <div>
          <h4 className="text-xs font-semibold uppercase tracking-wide text-muted">{t("criteria.retired")}</h4>
          <ul className="divide-y divide-border">
            {retired.map((criterion) => (
              <RetiredRow key={criterion.id} criterion={criterion} />
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
