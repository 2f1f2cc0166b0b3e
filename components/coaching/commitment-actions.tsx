"use client";

import { useTranslations } from "next-intl";
import { Field, FormMessage, SubmitButton, inputClass, useActionForm } from "@/components/admin/form-parts";
import { acknowledgeCommitment } from "@/lib/actions/coaching-acknowledge-commitment";
import { setCommitmentStatus } from "@/lib/actions/coaching-set-commitment-status";

/** The manager confirms the status the check proposes, or sets another, with a note. */
export function CommitmentStatusForm({ commitmentId, current, proposed, note }: { commitmentId: number; current: string; proposed: string | null; note: string | null }) {
  const t = useTranslations("coaching.commitment");
  const { state, pending, formProps } = useActionForm(setCommitmentStatus);
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const initial = current === "OPEN" && proposed ? proposed : current;
  const form = (
    <form {...formProps} className="mt-3 flex flex-wrap items-end gap-3">
      <input type="hidden" name="commitmentId" value={commitmentId} />
      <Field id={`commitment-${commitmentId}-status`} label={t("statusLabel")} errors={errors.status} className="w-40">
        {(aria) => (
          <select {...aria} name="status" defaultValue={initial} className={inputClass}>
            <option value="OPEN">{t("status.OPEN")}</option>
            <option value="KEPT">{t("status.KEPT")}</option>
            <option value="MISSED">{t("status.MISSED")}</option>
          </select>
        )}
      </Field>
      <Field id={`commitment-${commitmentId}-note`} label={t("noteLabel")} errors={errors.note} className="min-w-[16rem] flex-1">
        {(aria) => <input {...aria} type="text" name="note" maxLength={1000} defaultValue={note ?? ""} className={inputClass} />}
      </Field>
      <SubmitButton pending={pending} pendingLabel={t("saving")} variant="secondary">
        {current === "OPEN" && proposed ? t("confirm") : t("saveStatus")}
      </SubmitButton>
      <div className="basis-full">
        <FormMessage state={state} success={t("statusSaved")} />
      </div>
    </form>
  );
  // A decided commitment keeps its form one click away, so a long list stays readable.
  if (current === "OPEN") return form;
  return (
    <details className="mt-2" open={state.status !== "idle"}>
      <summary className="cursor-pointer text-sm font-medium text-accent">{t("changeStatus")}</summary>
      {form}
    </details>
  );
}

/** The rep says they have seen and accept a commitment. */
export function AcknowledgeButton({ commitmentId }: { commitmentId: number }) {
  const t = useTranslations("coaching.commitment");
  const { state, pending, formProps } = useActionForm(acknowledgeCommitment);
  return (
    <form {...formProps} className="mt-3 flex flex-wrap items-center gap-3">
      <input type="hidden" name="commitmentId" value={commitmentId} />
      <SubmitButton pending={pending} pendingLabel={t("saving")}>
        {t("acknowledge")}
      </SubmitButton>
      <FormMessage state={state} success={t("acknowledged")} />
    </form>
  );
}
