import en from "@/messages/en.json";
import ru from "@/messages/ru.json";
import type { Locale } from "./config";

export type Messages = typeof en;

// Typing ru as Messages makes a key missing from the Russian catalogue a compile error.
const catalogues: Record<Locale, Messages> = { en, ru };

export function messagesFor(locale: Locale): Messages {
  return catalogues[locale];
}
