"use server";

import { createTranslator } from "next-intl";
import { completeSetup as redeemSetupLink } from "@/lib/data/complete-setup";
import { inTransaction } from "@/lib/data/in-transaction";
import { appErrorMessagePath, appErrorOf } from "@/lib/errors";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";
import { fieldErrorsOf } from "@/lib/validation/field-errors";
import { setupSchema } from "@/lib/validation/setup";
import { formDataToObject, type ActionState } from "./authed-action";

/**
 * The setup page creates the organisation and its first administrator. Public by nature (nobody has an account
 * yet): the one-time token is the credential, checked inside the transaction that spends it.
 */
export async function completeSetup(_prev: ActionState<{ email: string }>, formData: FormData): Promise<ActionState<{ email: string }>> {
  const locale = await getLocale();
  const t = createTranslator({ locale, messages: messagesFor(locale) });
  const raw = formDataToObject(formData);
  const parsed = setupSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error, raw, t, "setup.fields");
    if (fieldErrors.token) return { status: "error", message: t("setup.linkInvalid") };
    // Checked on the raw fields: the schema's own check runs only once every field is valid.
    if (raw.confirm !== raw.password) fieldErrors.confirm = [t("setup.mismatch")];
    return { status: "error", message: t("appErrors.INVALID"), fieldErrors };
  }
  try {
    const { email } = await inTransaction((tx) => redeemSetupLink(parsed.data, tx));
    return { status: "success", message: t("setup.done", { email }), data: { email } };
  } catch (error) {
    const known = appErrorOf(error);
    if (known?.code === "NOT_FOUND") return { status: "error", message: t("setup.linkInvalid") };
    if (known) return { status: "error", message: t(appErrorMessagePath(known.messageKey), known.values) };
    console.error("Setting up the organisation failed", error);
    return { status: "error", message: t("appErrors.failed") };
  }
}
