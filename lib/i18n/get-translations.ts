import "server-only";
import { createTranslator, type NamespaceKeys, type NestedKeyOf } from "next-intl";
import { getLocale } from "./get-locale";
import { messagesFor, type Messages } from "./messages";

export type Namespace = NamespaceKeys<Messages, NestedKeyOf<Messages>>;

/** A typed translator for server components, for the request's locale. */
export async function getTranslations<N extends Namespace>(namespace: N) {
  const locale = await getLocale();
  return createTranslator({ locale, messages: messagesFor(locale), namespace });
}
