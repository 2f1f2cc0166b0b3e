import "server-only";
import { createFormatter } from "next-intl";
import { getLocale } from "./get-locale";

export type Formatter = Awaited<ReturnType<typeof getFormatter>>;

/**
 * Number, money and date formatting in the request's locale. Dates are shown in the organisation's
 * time zone so that "Dec 31" means the same day to everyone in it.
 */
export async function getFormatter(options: { timeZone: string; currency: string }) {
  const locale = await getLocale();
  const format = createFormatter({ locale, timeZone: options.timeZone });
  return {
    locale,
    number: (value: number) => format.number(value),
    // Days (cycle, time in stage) are means to two decimals in the engine; a reader needs at most one.
    days: (value: number) => format.number(value, { maximumFractionDigits: 1 }),
    percent: (value: number) => format.number(value, { style: "percent", maximumFractionDigits: 1 }),
    // Money arrives as an exact decimal string from SQL; a double is precise enough to display it.
    money: (value: number | string) =>
      format.number(Number(value), { style: "currency", currency: options.currency, maximumFractionDigits: 0 }),
    compactMoney: (value: number | string) =>
      format.number(Number(value), { style: "currency", currency: options.currency, notation: "compact", maximumFractionDigits: 1 }),
    date: (value: Date) => format.dateTime(value, { day: "numeric", month: "short", year: "numeric" }),
    // A DATE column (expected close, due dates) has no time: show the stored day, not moved by any time zone.
    calendarDate: (value: Date) => format.dateTime(value, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }),
    dayMonth: (value: Date) => format.dateTime(value, { day: "numeric", month: "long" }),
  };
}
