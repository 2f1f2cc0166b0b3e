"use client";

import { useTranslations } from "next-intl";
import { setUserActive } from "@/lib/actions/admin-set-user-active";
import { FormMessage, SubmitButton, useActionForm } from "./form-parts";

/** Deactivate or reactivate: the button names the person, so a screen reader user knows whom it affects. */
export function SetActiveForm({ userId, name, active }: { userId: number; name: string; active: boolean }) {
  const t = useTranslations("admin.user");
  const tAdmin = useTranslations("admin");
  const { state, pending, formProps } = useActionForm(setUserActive);
  return (
    <form {...formProps} className="space-y-3">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <p className="text-sm text-muted">{active ? t("deactivateIntro") : t("reactivateIntro")}</p>
      <SubmitButton pending={pending} pendingLabel={tAdmin("saving")} variant={active ? "danger" : "secondary"} aria-label={active ? t("deactivateConfirm", { name }) : t("reactivateConfirm", { name })}>
        {active ? t("deactivate") : t("reactivate")}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
