import { startOfLocalDate } from "@/lib/kpi/period";
import { importMessage } from "../messages/import-message";
import type { Parsed } from "./parse-amount";

export interface LocalDateTime {
  /** YYYY-MM-DD */
  date: string;
  /** Milliseconds after local midnight; null when the cell holds only a date. */
  timeMs: number | null;
  /** Set when the cell carries its own offset (ISO with Z or ±hh:mm): the instant, whatever the time zone. */
  instant: Date | null;
}

const TOKENS: Record<string, string> = { YYYY: "(?<year>\\d{4})", YY: "(?<yy>\\d{2})", MM: "(?<month>\\d{2})", M: "(?<month>\\d{1,2})", DD: "(?<day>\\d{2})", D: "(?<day>\\d{1,2})" };
// A time may follow any date: "3/15/2025 2:30 PM", "15.03.2025 14:30:00", "2025-03-15T14:30".
const TIME = "(?:[ T](?<hour>\\d{1,2}):(?<minute>\\d{2})(?::(?<second>\\d{2})(?:\\.(?<ms>\\d{1,6}))?)?\\s*(?<ampm>[AaPp][Mm])?)?";
const ISO = /^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})(?:[ T](?<hour>\d{2}):(?<minute>\d{2})(?::(?<second>\d{2})(?:\.(?<ms>\d{1,6}))?)?(?<zone>Z|[+-]\d{2}:?\d{2})?)?$/;

const patterns = new Map<string, RegExp>();

function patternFor(format: string): RegExp {
  let pattern = patterns.get(format);
  if (!pattern) {
    const source = format
      .split(/(YYYY|YY|MM|M|DD|D)/)
      .map((part) => TOKENS[part] ?? part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("");
    pattern = new RegExp(`^${source}${TIME}$`);
    patterns.set(format, pattern);
  }
  return pattern;
}

/** A date (and time) in the mapping's format, e.g. M/D/YYYY or DD.MM.YYYY, or ISO 8601. */
export function parseDate(text: string, format: string | undefined): Parsed<LocalDateTime> {
  const t = text.trim();
  const groups = ISO.exec(t)?.groups ?? (format ? patternFor(format).exec(t)?.groups : undefined);
  const fail = {
    ok: false as const,
    error: format && format !== "YYYY-MM-DD" ? importMessage("notDateOrIso", { value: text, format }) : importMessage("notDate", { value: text, format: "YYYY-MM-DD" }),
  };
  if (!groups) return fail;
  const year = groups.year ? Number(groups.year) : 2000 + Number(groups.yy);
  const month = Number(groups.month);
  const day = Number(groups.day);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return fail;
  const date = probe.toISOString().slice(0, 10);
  if (groups.hour === undefined) return { ok: true, value: { date, timeMs: null, instant: null } };
  let hour = Number(groups.hour);
  const ampm = groups.ampm?.toUpperCase();
  if (ampm) {
    if (hour < 1 || hour > 12) return fail;
    hour = (hour % 12) + (ampm === "PM" ? 12 : 0);
  }
  const minute = Number(groups.minute);
  const second = Number(groups.second ?? 0);
  const ms = Number((groups.ms ?? "0").padEnd(3, "0").slice(0, 3));
  if (hour > 23 || minute > 59 || second > 59) return fail;
  const timeMs = ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  let instant: Date | null = null;
  if (groups.zone) {
    const offset = groups.zone === "Z" ? 0 : (groups.zone.startsWith("-") ? -1 : 1) * (Number(groups.zone.slice(1, 3)) * 60 + Number(groups.zone.slice(-2)));
    instant = new Date(probe.getTime() + timeMs - offset * 60_000);
  }
  return { ok: true, value: { date, timeMs, instant } };
}

// Finding where a day starts in a zone goes through Intl; a file repeats the same few hundred days.
const dayStarts = new Map<string, number>();

/** The instant a parsed cell names, reading wall-clock times in the organisation's time zone. */
export function toInstant(value: LocalDateTime, timeZone: string): Date {
  if (value.instant) return value.instant;
  const key = `${timeZone} ${value.date}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    start = startOfLocalDate(value.date, timeZone).getTime();
    if (dayStarts.size > 100_000) dayStarts.clear();
    dayStarts.set(key, start);
  }
  return new Date(start + (value.timeMs ?? 0));
}
