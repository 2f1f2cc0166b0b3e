// The language of the demo organisation's texts (npm run seed -- --locale ru, DEMO_LOCALE=ru for the first start).
// The generator always draws in English; a Russian demo passes every row through translatingSink before it is
// written, so both languages share one random stream and every figure is identical.
import type { DemoLogin } from "./plan-organisation";
import type { RowSink, TableName, TableRows } from "./rows";
import { RU_TEXT } from "./vocabulary-ru";

export const DEMO_LOCALES = ["en", "ru"] as const;
export type DemoLocale = (typeof DEMO_LOCALES)[number];
export const DEFAULT_DEMO_LOCALE: DemoLocale = "en";

/** The Russian of one demo text; throws on a text vocabulary-ru.ts does not know, so no English slips through. */
export function toRussian(text: string): string {
  const exact = RU_TEXT[text];
  if (exact !== undefined) return exact;
  // Numbered teams past the named ones ("Team 09", "Business Development 2").
  const numbered = /^(Team|Business Development) (\d+)$/.exec(text);
  if (numbered) return numbered[1] === "Team" ? `Команда ${numbered[2]}` : `${RU_TEXT["Business Development"]} ${numbered[2]}`;
  throw new Error(`no Russian for the demo text "${text}" (add it to prisma/seed/vocabulary-ru.ts)`);
}

/** A deal's name is "<account> — <product>": the account and the product brands stay, the rest is translated. */
function dealName(name: string): string {
  const at = name.lastIndexOf(" — ");
  if (at < 0) return name;
  const [account, title] = [name.slice(0, at), name.slice(at + 3)];
  const renewal = /^renewal (\d{4})$/.exec(title);
  if (renewal) return `${account} — продление ${renewal[1]}`;
  return `${account} — ${RU_TEXT[title] ?? title}`;
}

const maybe = (text: string | null) => (text === null ? null : toRussian(text));

type Translate = { [T in TableName]?: (row: TableRows[T]) => TableRows[T] };

const RUSSIAN: Translate = {
  organization: (row) => ({ ...row, name: toRussian(row.name) }),
  team: (row) => ({ ...row, name: toRussian(row.name) }),
  rep: (row) => ({ ...row, region: toRussian(row.region) }),
  pipeline: (row) => ({ ...row, name: toRussian(row.name) }),
  stage: (row) => ({ ...row, name: toRussian(row.name), buyerQuestion: maybe(row.buyerQuestion) }),
  stage_criterion: (row) => ({ ...row, question: toRussian(row.question) }),
  account: (row) => ({ ...row, industry: toRussian(row.industry), region: toRussian(row.region) }),
  deal: (row) => ({ ...row, name: dealName(row.name), lostReason: maybe(row.lostReason), nextStep: maybe(row.nextStep) }),
  coaching_session: (row) => ({ ...row, topic: toRussian(row.topic), notes: maybe(row.notes) }),
  commitment: (row) => ({ ...row, text: toRussian(row.text), statusNote: maybe(row.statusNote) }),
  pipeline_meeting: (row) => ({ ...row, notes: maybe(row.notes) }),
  meeting_decision: (row) => ({ ...row, note: row.note === null || row.note === "" ? row.note : toRussian(row.note) }),
};

/** The sink the generator writes to: the rows as they are in English, translated on the way for Russian. */
export function translatingSink(sink: RowSink, locale: DemoLocale): RowSink {
  if (locale === "en") return sink;
  return {
    add(table, row) {
      const translate = RUSSIAN[table] as ((r: typeof row) => typeof row) | undefined;
      sink.add(table, translate ? translate(row) : row);
    },
  };
}

/** The logins as printed after seeding: the team names in the demo's language. */
export function localiseLogins(logins: DemoLogin[], locale: DemoLocale): DemoLogin[] {
  if (locale === "en") return logins;
  return logins.map((login) => ({ ...login, team: login.team === null ? null : toRussian(login.team) }));
}
