"use client";

import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormMessage, SubmitButton, inputClass, useActionForm } from "@/components/admin/form-parts";
import { deleteGoal } from "@/lib/actions/goal-delete";
import { saveGoal } from "@/lib/actions/goal-save";
import type { MetricUnit } from "@/lib/review/metric-catalogue";

export interface GoalFormOptions {
  teamId: number;
  /** The review's year; the goal belongs to the plan of the next one. */
  year: number;
  owners: Array<{ userId: number; label: string }>;
  metrics: Array<{ key: string; label: string; unit: MetricUnit }>;
  sections: Array<{ key: string; label: string }>;
}

export interface GoalFormValues {
  id: number;
  title: string;
  metric: string;
  /** As typed: a rate in percent. */
  target: string;
  ownerId: number | null;
  dueAt: string;
  horizon: "SHORT_TERM" | "LONG_TERM";
  section: string | null;
}

/** Adds a goal, or completes / edits one (a draft included); field errors beside their fields, what was typed kept. */
export function GoalForm({ options, goal }: { options: GoalFormOptions; goal?: GoalFormValues }) {
  const t = useTranslations("goals");
  const { state, pending, formProps } = useActionForm(saveGoal, { resetOnSuccess: goal === undefined });
  const id = useId();
  const next = options.year + 1;
  const [metric, setMetric] = useState(goal?.metric && options.metrics.some((m) => m.key === goal.metric) ? goal.metric : (options.metrics[0]?.key ?? ""));
  const unit = options.metrics.find((m) => m.key === metric)?.unit ?? "count";
  const errors = state.fieldErrors ?? {};
  return (
    <form {...formProps} className="space-y-4" aria-label={goal ? t("form.editGoal", { title: goal.title }) : t("form.add")}>
      <input type="hidden" name="teamId" value={options.teamId} />
      <input type="hidden" name="year" value={options.year} />
      <input type="hidden" name="goalId" value={goal?.id ?? ""} />
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        <Field id={`${id}-title`} label={t("fields.title")} errors={errors.title} className="md:col-span-2">
          {(aria) => <input {...aria} name="title" defaultValue={goal?.title ?? ""} maxLength={200} required className={inputClass} />}
        </Field>
        <Field id={`${id}-metric`} label={t("fields.metric")} errors={errors.metric}>
          {(aria) => (
            <select {...aria} name="metric" value={metric} onChange={(event) => setMetric(event.target.value)} className={inputClass}>
              {options.metrics.map((m) => (
                <option key={m.key} value={m.key}>{m.label}</option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${id}-target`} label={t("fields.target")} hint={t(`form.targetHint.${unit}`)} errors={errors.target}>
          {(aria) => <input {...aria} name="target" inputMode="decimal" defaultValue={goal?.target ?? ""} required className={inputClass} />}
        </Field>
        <Field id={`${id}-owner`} label={t("fields.ownerId")} errors={errors.ownerId}>
          {(aria) => (
            <select {...aria} name="ownerId" defaultValue={goal?.ownerId ?? options.owners[0]?.userId ?? ""} className={inputClass}>
              {options.owners.map((owner) => (
                <option key={owner.userId} value={owner.userId}>{owner.label}</option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${id}-due`} label={t("fields.dueAt")} errors={errors.dueAt}>
          {(aria) => <input {...aria} type="date" name="dueAt" min={`${next}-01-01`} max={`${next}-12-31`} defaultValue={goal?.dueAt ?? `${next}-12-31`} required className={inputClass} />}
        </Field>
        <Field id={`${id}-horizon`} label={t("fields.horizon")} errors={errors.horizon}>
          {(aria) => (
            <select {...aria} name="horizon" defaultValue={goal?.horizon ?? "SHORT_TERM"} className={inputClass}>
              <option value="SHORT_TERM">{t("horizons.SHORT_TERM")}</option>
              <option value="LONG_TERM">{t("horizons.LONG_TERM")}</option>
            </select>
          )}
        </Field>
        <Field id={`${id}-section`} label={t("fields.section")} errors={errors.section}>
          {(aria) => (
            <select {...aria} name="section" defaultValue={goal?.section ?? ""} className={inputClass}>
              <option value="">{t("form.noSection")}</option>
              {options.sections.map((section) => (
                <option key={section.key} value={section.key}>{section.label}</option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <p className="text-xs text-muted">{t("form.baselineNote")}</p>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingLabel={t("form.saving")}>{goal ? t("form.save") : t("form.add")}</SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

/** Removes a goal of the plan. */
export function DeleteGoalForm({ teamId, year, goalId, title }: { teamId: number; year: number; goalId: number; title: string }) {
  const t = useTranslations("goals");
  const { state, pending, formProps } = useActionForm(deleteGoal);
  return (
    <form {...formProps} aria-label={`${t("form.delete")}: ${title}`} className="space-y-2">
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="goalId" value={goalId} />
      <SubmitButton pending={pending} pendingLabel={t("form.saving")} variant="secondary">{t("form.delete")}</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
