"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Field, FormMessage, SubmitButton, inputClass, useActionForm } from "@/components/admin/form-parts";
import { createCoachingSession } from "@/lib/actions/coaching-create-session";

export interface MetricOption {
  key: string;
  label: string;
  /** A rate's target is typed in percent. */
  unit: string;
}

/** A manager logs a session with the rep: when, how long, what about, the figures discussed and the commitments made. */
export function LogSessionForm({
  repId,
  defaultAt,
  metrics,
  limits,
}: {
  repId: number;
  /** "YYYY-MM-DDTHH:MM" now, in the organisation's time zone. */
  defaultAt: string;
  metrics: MetricOption[];
  limits: { maxMinutes: number; maxCommitments: number; topic: number; notes: number; text: number };
}) {
  const t = useTranslations("coaching.form");
  const tUnits = useTranslations("coaching.units");
  const { state, pending, formProps } = useActionForm(createCoachingSession, { resetOnSuccess: true });
  const [rows, setRows] = useState([0]);
  // A logged session resets the form to one empty commitment row (state adjusted while rendering, not in an effect).
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    if (state.status === "success") setRows([0]);
  }
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  return (
    <form {...formProps} className="space-y-5" aria-labelledby="log-session-heading">
      <h3 id="log-session-heading" className="text-base font-semibold text-foreground">
        {t("heading")}
      </h3>
      <input type="hidden" name="repId" value={repId} />
      <div className="grid gap-4 sm:grid-cols-[14rem_10rem_1fr]">
        <Field id="session-at" label={t("at")} hint={t("atHint")} errors={errors.at}>
          {(aria) => <input {...aria} type="datetime-local" name="at" defaultValue={defaultAt} className={inputClass} />}
        </Field>
        <Field id="session-minutes" label={t("minutes")} hint={t("minutesHint", { max: limits.maxMinutes / 60 })} errors={errors.minutes}>
          {(aria) => <input {...aria} type="number" name="minutes" min={1} max={limits.maxMinutes} step={5} defaultValue={60} className={inputClass} />}
        </Field>
        <Field id="session-topic" label={t("topic")} errors={errors.topic}>
          {(aria) => <input {...aria} type="text" name="topic" maxLength={limits.topic} className={inputClass} />}
        </Field>
      </div>
      <Field id="session-notes" label={t("notes")} errors={errors.notes}>
        {(aria) => <textarea {...aria} name="notes" rows={3} maxLength={limits.notes} className={`${inputClass} resize-y`} />}
      </Field>
      <fieldset>
        <legend className="text-sm font-medium text-foreground">{t("figures")}</legend>
        <p className="mt-0.5 text-xs text-muted">{t("figuresHint")}</p>
        <div className="mt-2 grid gap-x-4 gap-y-1.5 sm:grid-cols-2 xl:grid-cols-4">
          {metrics.map((metric) => (
            <label key={metric.key} className="flex items-center gap-2 text-sm text-foreground">
              <input type="checkbox" name="figures" value={metric.key} className="size-4 rounded border-border-strong" />
              {metric.label}
            </label>
          ))}
        </div>
        {errors.figures && <p className="mt-1 text-xs font-medium text-danger">{errors.figures.join(" ")}</p>}
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-foreground">{t("commitments")}</legend>
        <p className="text-xs text-muted">{t("commitmentsHint")}</p>
        {rows.map((row, index) => {
          const name = (field: string) => `commitments.${row}.${field}`;
          const error = (field: string) => errors[name(field)];
          return (
            <div key={row} className="rounded-lg border border-border p-3">
              <p className="text-xs font-semibold uppercase tracking-wide text-muted">{t("commitmentNumber", { number: index + 1 })}</p>
              <div className="mt-2 grid gap-3 lg:grid-cols-[2fr_1.4fr_6rem_7rem_10rem]">
                <Field id={`commitment-${row}-text`} label={t("text")} errors={error("text")}>
                  {(aria) => <input {...aria} type="text" name={name("text")} maxLength={limits.text} className={inputClass} />}
                </Field>
                <Field id={`commitment-${row}-metric`} label={t("metric")} errors={error("metric")}>
                  {(aria) => (
                    <select {...aria} name={name("metric")} defaultValue="" className={inputClass}>
                      <option value="">{t("noMetric")}</option>
                      {metrics.map((metric) => (
                        <option key={metric.key} value={metric.key}>
                          {metric.label}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field id={`commitment-${row}-comparator`} label={t("comparator")} errors={error("comparator")}>
                  {(aria) => (
                    <select {...aria} name={name("comparator")} defaultValue="" className={inputClass}>
                      <option value="">{t("comparatorAuto")}</option>
                      <option value="AT_LEAST">≥</option>
                      <option value="AT_MOST">≤</option>
                    </select>
                  )}
                </Field>
                <Field id={`commitment-${row}-target`} label={t("target")} hint={tUnits("hint")} errors={error("target")}>
                  {(aria) => <input {...aria} type="text" inputMode="decimal" name={name("target")} className={inputClass} />}
                </Field>
                <Field id={`commitment-${row}-due`} label={t("dueAt")} errors={error("dueAt")}>
                  {(aria) => <input {...aria} type="date" name={name("dueAt")} className={inputClass} />}
                </Field>
              </div>
            </div>
          );
        })}
        {rows.length < limits.maxCommitments && (
          <button
            type="button"
            onClick={() => setRows((current) => [...current, Math.max(...current) + 1])}
            className="inline-flex min-h-9 items-center rounded-lg border border-border-strong bg-surface px-3 text-sm font-medium text-foreground hover:bg-surface-muted"
          >
            {t("addCommitment")}
          </button>
        )}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingLabel={t("saving")}>
          {t("save")}
        </SubmitButton>
      </div>
      <FormMessage state={state} success={t("saved")} />
    </form>
  );
}
