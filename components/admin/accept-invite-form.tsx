"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { acceptInvite } from "@/lib/actions/accept-invite";
import { Field, FormMessage, SubmitButton, inputClass, useActionForm } from "./form-parts";

export function AcceptInviteForm({ token, minPassword }: { token: string; minPassword: number }) {
  const t = useTranslations("invite");
  const { state, pending, formProps } = useActionForm(acceptInvite);
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  if (state.status === "success") {
    return (
      <div className="space-y-4">
        <FormMessage state={state} />
        <Link href="/login" className="inline-flex min-h-10 items-center rounded-lg bg-accent px-4 text-sm font-semibold text-accent-foreground hover:bg-accent-hover">
          {t("signIn")}
        </Link>
      </div>
    );
  }
  return (
    <form {...formProps} className="space-y-5">
      <input type="hidden" name="token" value={token} />
      <Field id="invite-password" label={t("password")} hint={t("hint", { minimum: minPassword })} errors={errors.password}>
        {(aria) => <input {...aria} name="password" type="password" autoComplete="new-password" minLength={minPassword} required autoFocus className={inputClass} />}
      </Field>
      <Field id="invite-confirm" label={t("confirm")} errors={errors.confirm}>
        {(aria) => <input {...aria} name="confirm" type="password" autoComplete="new-password" required className={inputClass} />}
      </Field>
      <SubmitButton pending={pending} pendingLabel={t("submitting")} className="w-full min-h-10">
        {t("submit")}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
