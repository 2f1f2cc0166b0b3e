"use server";

import { createTranslator } from "next-intl";
import { acceptInvite as redeemInvite } from "@/lib/data/accept-invite";
import { inTransaction } from "@/lib/data/in-transaction";
import { AppError, appErrorMessagePath } from "@/lib/errors";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";
import { acceptInviteSchema } from "@/lib/validation/admin-user";
import { fieldErrorsOf } from "@/lib/validation/field-errors";
import { formDataToObject, type ActionState } from "./authed-action";

/**
 * The invitee sets their password. Public by nature (they have no session yet): the one-time token is
 * the credential, so it is checked inside the transaction that spends it.
 */
export async function acceptInvite(_prev: ActionState<{ email: string }>, formData: FormData): Promise<ActionState<{ email: string }>> {
  const locale = await getLocale();
  const t = createTranslator({ locale, messages: messagesFor(locale) });
  const raw = formDataToObject(formData);
  const parsed = acceptInviteSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error, raw, t);
    if (fieldErrors.token) return { status: "error", message: t("appErrors.inviteInvalid") };
    if (parsed.error.issues.some((issue) => issue.path[0] === "confirm" && issue.code === "custom")) {
      fieldErrors.confirm = [t("invite.mismatch")];
    }
    return { status: "error", message: t("appErrors.INVALID"), fieldErrors };
  }
  try {
    const { email } = await inTransaction((tx) => redeemInvite(parsed.data, tx));
    return { status: "success", message: t("invite.done"), data: { email } };
  } catch (error) {
    if (error instanceof AppError) return { status: "error", message: t(appErrorMessagePath(error.messageKey), error.values) };
    console.error("Accepting an invitation failed", error);
    return { status: "error", message: t("appErrors.failed") };
  }
}
