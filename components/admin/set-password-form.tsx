"use client";

import { useTranslations } from "next-intl";
import { setUserPassword } from "@/lib/actions/admin-set-password";
import { Field, FormMessage, SubmitButton, inputClass, useActionForm } from "./form-parts";

export function SetPasswordForm({ userId, minPassword }: { userId: number; minPassword: number }) {
  const t = useTranslations("admin");
  const { state, pending, formProps } = useActionForm(setUserPassword, { resetOnSuccess: true });
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  return (
    <form {...formProps} className="space-y-3">
      <input type="hidden" name="userId" value={userId} />
      <Field id="set-password" label={t("user.password")} hint={t("users.passwordHint", { minimum: minPassword })} errors={errors.password}>
        {(aria) => <input {...aria} name="password" type="password" autoComplete="new-password" minLength={minPassword} required className={inputClass} />}
      </Field>
      <SubmitButton pending={pending} pendingLabel={t("saving")} variant="secondary">
        {t("user.setPasswordSubmit")}
      </SubmitButton>
      <FormMessage state={state} success={t("user.passwordSet")} />
    </form>
  );
}
