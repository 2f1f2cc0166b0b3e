// The import library's messages as text in one language, for the server (rejected-rows CSV, upload errors) and the
// command line (English). The browser formats the same codes with its own translator (formatImportMessage).
import { createTranslator } from "next-intl";
import type { Locale } from "@/lib/i18n/config";
import { messagesFor } from "@/lib/i18n/messages";
import { formatImportMessage, type ImportMessage, type TranslateImportMessage } from "./import-message";

const translators = new Map<Locale, TranslateImportMessage>();

function translatorFor(locale: Locale): TranslateImportMessage {
  let translate = translators.get(locale);
  if (!translate) {
    const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "import.errors" });
    translate = (code, values) => t(code, values);
    translators.set(locale, translate);
  }
  return translate;
}

/** The message in `locale`; English when none is given (the command line, logs and error.message). */
export function importMessageText(message: ImportMessage, locale: Locale = "en"): string {
  return formatImportMessage(message, translatorFor(locale));
}
