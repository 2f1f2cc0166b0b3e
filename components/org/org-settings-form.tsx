"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { saveOrganizationSettings } from "@/lib/actions/admin-update-organization-settings";
import { Field, FormMessage, SubmitButton, inputClass, useActionForm } from "@/components/admin/form-parts";
import type { OrgSettings } from "@/lib/validation/org-settings";
import { ChoiceSelect } from "./choice-select";
import type { Choice } from "./choices";

export interface SettingsBounds {
  staleDays: { min: number; max: number };
  stuckFactor: { min: number; max: number };
  coachingMinutes: { min: number; max: number };
}

const sectionClass = "rounded-xl border border-border bg-surface p-5 shadow-sm";
const legendClass = "float-left mb-4 w-full text-lg font-semibold text-foreground";

/**
 * Every organisation setting in one form. A new time zone first asks for confirmation, saying what is rebuilt;
 * the server requires that confirmation too (without JavaScript it answers with the same question).
 */
export function OrgSettingsForm({ settings, currencies, timeZones, bounds }: { settings: OrgSettings; currencies: Choice[]; timeZones: Choice[]; bounds: SettingsBounds }) {
  const t = useTranslations("orgSettings");
  const { state, pending, formProps } = useActionForm(saveOrganizationSettings);
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const [zone, setZone] = useState(settings.timeZone);
  const [confirming, setConfirming] = useState(false);
  const zoneSelect = useRef<HTMLSelectElement>(null);
  const question = useRef<HTMLHeadingElement>(null);
  const zoneChanged = zone !== settings.timeZone;
  const asking = zoneChanged && (confirming || errors.confirmTimeZone !== undefined);

  useEffect(() => {
    if (asking) question.current?.focus();
  }, [asking]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    if (zoneChanged && !(submitter instanceof HTMLButtonElement && submitter.name === "confirmTimeZone")) {
      event.preventDefault();
      setConfirming(true);
      return;
    }
    formProps.onSubmit(event);
  }

  function keepZone() {
    if (zoneSelect.current) zoneSelect.current.value = settings.timeZone;
    setZone(settings.timeZone);
    setConfirming(false);
    zoneSelect.current?.focus();
  }

  return (
    <form {...formProps} onSubmit={onSubmit} aria-label={t("heading")} className="space-y-6">
      <input type="hidden" name="savedTimeZone" value={settings.timeZone} />
      <fieldset className={sectionClass}>
        <legend className={legendClass}>{t("organisation")}</legend>
        <div className="clear-left grid gap-4 lg:grid-cols-3">
          <Field id="org-name" label={t("fields.name")} errors={errors.name}>
            {(aria) => <input {...aria} name="name" defaultValue={settings.name} required maxLength={120} autoComplete="organization" className={inputClass} />}
          </Field>
          <Field id="org-currency" label={t("fields.currency")} hint={t("hints.currency")} errors={errors.currency}>
            {(aria) => (
              <ChoiceSelect {...aria} choices={currencies} name="currency" defaultValue={settings.currency} />
            )}
          </Field>
          <Field id="org-time-zone" label={t("fields.timeZone")} hint={t("hints.timeZone")} errors={errors.timeZone}>
            {(aria) => (
              <ChoiceSelect
                {...aria}
                ref={zoneSelect}
                choices={timeZones}
                name="timeZone"
                defaultValue={settings.timeZone}
                onChange={(event) => {
                  setZone(event.target.value);
                  setConfirming(false);
                }}
              />
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset className={sectionClass}>
        <legend className={legendClass}>{t("thresholds")}</legend>
        <div className="clear-left grid gap-4 lg:grid-cols-3">
          <Field id="org-stale" label={t("fields.staleAfterDays")} hint={t("hints.staleAfterDays", bounds.staleDays)} errors={errors.staleAfterDays}>
            {(aria) => (
              <input {...aria} name="staleAfterDays" type="number" inputMode="numeric" step={1} min={bounds.staleDays.min} max={bounds.staleDays.max} defaultValue={settings.staleAfterDays} required className={inputClass} />
            )}
          </Field>
          <Field id="org-stuck" label={t("fields.stuckFactor")} hint={t("hints.stuckFactor", bounds.stuckFactor)} errors={errors.stuckFactor}>
            {(aria) => (
              <input {...aria} name="stuckFactor" type="number" inputMode="decimal" step={0.01} min={bounds.stuckFactor.min} max={bounds.stuckFactor.max} defaultValue={settings.stuckFactor} required className={inputClass} />
            )}
          </Field>
          <Field id="org-coaching" label={t("fields.coachingTargetMinutes")} hint={t("hints.coachingTargetMinutes", bounds.coachingMinutes)} errors={errors.coachingTargetMinutes}>
            {(aria) => (
              <input
                {...aria}
                name="coachingTargetMinutes"
                type="number"
                inputMode="numeric"
                step={1}
                min={bounds.coachingMinutes.min}
                max={bounds.coachingMinutes.max}
                defaultValue={settings.coachingTargetMinutes}
                required
                className={inputClass}
              />
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset className={sectionClass}>
        <legend className={legendClass}>{t("permissions")}</legend>
        <div className="clear-left flex items-start gap-3">
          <input
            id="org-stage-rules"
            name="managersEditStageRules"
            type="checkbox"
            defaultChecked={settings.managersEditStageRules}
            aria-describedby="org-stage-rules-hint"
            className="mt-0.5 size-4 shrink-0 accent-[var(--color-accent)]"
          />
          <div>
            <label htmlFor="org-stage-rules" className="text-sm font-medium text-foreground">
              {t("fields.managersEditStageRules")}
            </label>
            <p id="org-stage-rules-hint" className="mt-1 text-xs text-muted">
              {t("hints.managersEditStageRules")}
            </p>
          </div>
        </div>
      </fieldset>

      {asking && (
        <section aria-labelledby="org-zone-question" className="rounded-xl border border-warning/50 bg-warning-soft p-5 text-sm leading-relaxed text-foreground">
          <h2 id="org-zone-question" ref={question} tabIndex={-1} className="text-base font-semibold">
            {t("confirm.title", { from: settings.timeZone, to: zone })}
          </h2>
          <p className="mt-2">{t("confirm.body")}</p>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {(["activities", "leads", "deals", "stages", "touches"] as const).map((item) => (
              <li key={item}>{t(`confirm.${item}`)}</li>
            ))}
          </ul>
          <p className="mt-2">{t("confirm.after", { to: zone })}</p>
          <div className="mt-4 flex flex-wrap gap-2">
            <SubmitButton pending={pending} pendingLabel={t("saving")} name="confirmTimeZone" value="yes">
              {t("confirm.yes")}
            </SubmitButton>
            <button
              type="button"
              onClick={keepZone}
              className="inline-flex min-h-9 items-center rounded-lg border border-border-strong bg-surface px-3.5 text-sm font-semibold text-foreground hover:bg-surface-muted"
            >
              {t("confirm.no", { from: settings.timeZone })}
            </button>
          </div>
        </section>
      )}

      <div className="flex flex-wrap items-center gap-3">
        {!asking && (
          <SubmitButton pending={pending} pendingLabel={t("saving")}>
            {t("save")}
          </SubmitButton>
        )}
        <div className="min-w-0 flex-1">
          <FormMessage state={state} success={t("saved")} />
        </div>
      </div>
    </form>
  );
}
