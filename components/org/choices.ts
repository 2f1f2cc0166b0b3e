import { currencyOptions, timeZoneOptions } from "@/lib/validation/org-settings";

export interface Choice {
  value: string;
  label: string;
}

/** Every ISO 4217 code the runtime knows, "EUR — Euro", in the viewer's language; `current` kept even when unknown. */
export function currencyChoices(locale: string, current?: string): Choice[] {
  const names = new Intl.DisplayNames([locale], { type: "currency" });
  const codes = current && !currencyOptions().includes(current) ? [current, ...currencyOptions()] : currencyOptions();
  return codes.map((code) => ({ value: code, label: `${code} — ${names.of(code) ?? code}` }));
}

/** Every IANA zone the runtime knows; `current` kept even when the runtime no longer lists it. */
export function timeZoneChoices(current?: string): Choice[] {
  const zones = current && !timeZoneOptions().includes(current) ? [current, ...timeZoneOptions()] : timeZoneOptions();
  return zones.map((zone) => ({ value: zone, label: zone.replaceAll("_", " ") }));
}
