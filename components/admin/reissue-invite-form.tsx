"use client";

import { useTranslations } from "next-intl";
import { reissueInvite } from "@/lib/actions/admin-reissue-invite";
import { FormMessage, SubmitButton, useActionForm } from "./form-parts";
import { InviteLink } from "./invite-link";

export function ReissueInviteForm({ userId }: { userId: number }) {
  const t = useTranslations("admin");
  const { state, pending, formProps } = useActionForm(reissueInvite);
  const invite = state.status === "success" ? state.data : undefined;
  return (
    <form {...formProps} className="space-y-3">
      <input type="hidden" name="userId" value={userId} />
      <SubmitButton pending={pending} pendingLabel={t("saving")} variant="secondary">
        {t("user.newInvite")}
      </SubmitButton>
      <FormMessage state={state} success={invite ? <InviteLink token={invite.inviteToken} expiresAt={invite.inviteExpiresAt} /> : undefined} />
    </form>
  );
}
