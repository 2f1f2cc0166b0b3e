"use client";

import { useTranslations } from "next-intl";
import { Field, FormMessage, SubmitButton, inputClass, useActionForm } from "@/components/admin/form-parts";
import { updateDealNextStep } from "@/lib/actions/deal-update-next-step";

export function NextStepForm({
  deal,
  maxLength,
}: {
  deal: { id: number; nextStep: string | null; expectedCloseAt: string | null };
  maxLength: number;
}) {
  const t = useTranslations("deal");
  const { state, pending, formProps } = useActionForm(updateDealNextStep);
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  return (
    <form {...formProps} className="space-y-4">
      <input type="hidden" name="dealId" value={deal.id} />
      <Field id="deal-next-step" label={t("nextStepHeading")} hint={t("nextStepHint", { maximum: maxLength })} errors={errors.nextStep}>
        {(aria) => (
          <textarea {...aria} name="nextStep" rows={3} maxLength={maxLength} defaultValue={deal.nextStep ?? ""} className={`${inputClass} resize-y`} />
        )}
      </Field>
      <Field id="deal-expected-close" label={t("expectedCloseAt")} hint={t("expectedCloseHint")} errors={errors.expectedCloseAt} className="max-w-xs">
        {(aria) => <input {...aria} type="date" name="expectedCloseAt" defaultValue={deal.expectedCloseAt ?? ""} className={inputClass} />}
      </Field>
      <SubmitButton pending={pending} pendingLabel={t("saving")}>
        {t("saveNextStep")}
      </SubmitButton>
      <FormMessage state={state} success={t("nextStepSaved")} />
    </form>
  );
}
