"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { completeSetup } from "@/lib/actions/complete-setup";
import { Field, FormMessage, SubmitButton, inputClass, useActionForm } from "@/components/admin/form-parts";
import { ChoiceSelect } from "./choice-select";
import type { Choice } from "./choices";

const fieldsetClass = "space-y-4 rounded-2xl border border-border bg-surface p-6 shadow-sm";
const legendClass = "float-left mb-3 w-full text-base font-semibold text-foreground";

/** The organisation and its first administrator, from a one-time setup link. */
export function SetupForm({ token, currencies, timeZones, minPassword }: { token: string; currencies: Choice[]; timeZones: Choice[]; minPassword: number }) {
  const t = useTranslations("setup");
  const { state, pending, formProps } = useActionForm(completeSetup);
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const zone = useRef<HTMLSelectElement>(null);
  // Start from the browser's own zone, which the server cannot know.
  useEffect(() => {
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone.current && zone.current.value === "UTC" && timeZones.some((choice) => choice.value === browserZone)) zone.current.value = browserZone;
  }, [timeZones]);

  if (state.status === "success") {
    return (
      <div className="space-y-4 rounded-2xl border border-border bg-surface p-6 shadow-sm">
        <FormMessage state={state} />
        <Link href="/login" className="inline-flex min-h-10 items-center rounded-lg bg-accent px-4 text-sm font-semibold text-accent-foreground hover:bg-accent-hover">
          {t("signIn")}
        </Link>
      </div>
    );
  }
  return (
    <form {...formProps} className="space-y-6">
      <input type="hidden" name="token" value={token} />
      <fieldset className={fieldsetClass}>
        <legend className={legendClass}>{t("organisation")}</legend>
        <Field id="setup-org" label={t("fields.orgName")} errors={errors.orgName} className="clear-left">
          {(aria) => <input {...aria} name="orgName" required maxLength={120} autoComplete="organization" autoFocus className={inputClass} />}
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="setup-currency" label={t("fields.currency")} hint={t("hints.currency")} errors={errors.currency}>
            {(aria) => (
              <ChoiceSelect {...aria} choices={currencies} name="currency" defaultValue="USD" />
            )}
          </Field>
          <Field id="setup-zone" label={t("fields.timeZone")} hint={t("hints.timeZone")} errors={errors.timeZone}>
            {(aria) => (
              <ChoiceSelect {...aria} ref={zone} choices={timeZones} name="timeZone" defaultValue="UTC" />
            )}
          </Field>
        </div>
      </fieldset>
      <fieldset className={fieldsetClass}>
        <legend className={legendClass}>{t("account")}</legend>
        <div className="clear-left grid gap-4 sm:grid-cols-2">
          <Field id="setup-name" label={t("fields.adminName")} errors={errors.adminName}>
            {(aria) => <input {...aria} name="adminName" required maxLength={120} autoComplete="name" className={inputClass} />}
          </Field>
          <Field id="setup-email" label={t("fields.email")} errors={errors.email}>
            {(aria) => <input {...aria} name="email" type="email" required maxLength={254} autoComplete="email" className={inputClass} />}
          </Field>
          <Field id="setup-password" label={t("fields.password")} hint={t("hints.password", { minimum: minPassword })} errors={errors.password}>
            {(aria) => <input {...aria} name="password" type="password" required minLength={minPassword} maxLength={200} autoComplete="new-password" className={inputClass} />}
          </Field>
          <Field id="setup-confirm" label={t("fields.confirm")} errors={errors.confirm}>
            {(aria) => <input {...aria} name="confirm" type="password" required maxLength={200} autoComplete="new-password" className={inputClass} />}
          </Field>
        </div>
      </fieldset>
      <div className="space-y-3">
        <SubmitButton pending={pending} pendingLabel={t("submitting")} className="min-h-10 w-full sm:w-auto">
          {t("submit")}
        </SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
