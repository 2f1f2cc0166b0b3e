// `npm run seed -- [--reset] [--reps N] [--years K] [--seed S] [--today YYYY-MM-DD] [--locale en|ru]`: writes the demo organisation
// into DATABASE_URL, or into the embedded server in .data/postgres when it is not set.
import { z } from "zod";
import { DEFAULT_DEMO_LOCALE, DEMO_LOCALES, DEMO_PASSWORD, DEFAULT_REPS, DEFAULT_SEED, DEFAULT_YEARS, isDatabaseEmpty, MAX_REPS, MAX_YEARS, MIN_REPS, seedDemo } from "../../prisma/seed";
import type { DemoLogin } from "../../prisma/seed";
import { openCliDatabase } from "./database";
import { printLogins, progressBar } from "./output";

const USAGE = "usage: npm run seed -- [--reset] [--reps N] [--years K] [--seed S] [--today YYYY-MM-DD] [--locale en|ru]";
// Past this many logins only the admin, the managers and the reps with a planted pattern are printed.
const MAX_LOGINS_PRINTED = 40;

const integer = (flag: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${flag} must be a number` })
    .int({ error: `${flag} must be a whole number` })
    .min(min, { error: `${flag} must be at least ${min}` })
    .max(max, { error: `${flag} must be at most ${max}` });

const argsSchema = z.strictObject(
  {
    reset: z.boolean().default(false),
    reps: integer("--reps", MIN_REPS, MAX_REPS).default(DEFAULT_REPS),
    years: integer("--years", 1, MAX_YEARS).default(DEFAULT_YEARS),
    seed: integer("--seed", 0, 0xffffffff).default(DEFAULT_SEED),
    today: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "--today must be a date like 2025-12-15" })
      .transform((s) => new Date(`${s}T12:00:00Z`))
      .refine((d) => !Number.isNaN(d.getTime()), { error: "--today is not a valid date" })
      .optional(),
    locale: z.enum(DEMO_LOCALES, { error: `--locale must be ${DEMO_LOCALES.join(" or ")}` }).default(DEFAULT_DEMO_LOCALE),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `unknown option ${issue.keys.map((k) => `--${k}`).join(", ")}` : undefined) },
);

class SeedError extends Error {}

function parseArgs(argv: string[]): z.infer<typeof argsSchema> {
  const raw: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new SeedError(`unexpected argument "${arg}" (${USAGE})`);
    const [, name = "", inline] = match;
    if (name === "reset") raw.reset = true;
    else if (inline !== undefined) raw[name] = inline;
    else {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith("--")) throw new SeedError(`--${name} needs a value (${USAGE})`);
      raw[name] = value;
      i++;
    }
  }
  const parsed = argsSchema.safeParse(raw);
  if (!parsed.success) throw new SeedError(parsed.error.issues.map((issue) => issue.message).join("; "));
  return parsed.data;
}

function loginsToPrint(logins: DemoLogin[]): { shown: DemoLogin[]; hidden: number } {
  if (logins.length <= MAX_LOGINS_PRINTED) return { shown: logins, hidden: 0 };
  const shown = logins.filter((l) => l.role !== "REP" || (l.note !== null && l.note !== "coached ≥ 3 h/month")).slice(0, MAX_LOGINS_PRINTED);
  return { shown, hidden: logins.length - shown.length };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const { url, close } = await openCliDatabase("Seeding");
  try {
    if (!args.reset && !(await isDatabaseEmpty(url))) {
      throw new SeedError("the database already holds data; run `npm run seed -- --reset` to delete everything in it and seed again");
    }

    console.log(`▸ Generating the demo organisation: ${args.reps} reps, ${args.years} calendar year(s), seed ${args.seed}, texts in ${args.locale === "ru" ? "Russian" : "English"}${args.reset ? ", after emptying every table" : ""}`);
    const started = Date.now();
    const { counts, logins } = await seedDemo(url, { ...args, onProgress: progressBar() });
    const seconds = (Date.now() - started) / 1000;
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    console.log(`▸ ${total.toLocaleString("en")} rows in ${seconds.toFixed(1)} s (${Math.round(total / seconds).toLocaleString("en")} rows/s)`);
    for (const [table, count] of Object.entries(counts)) console.log(`    ${table.padEnd(24)} ${count.toLocaleString("en").padStart(12)}`);
    const { shown, hidden } = loginsToPrint(logins);
    printLogins(shown, DEMO_PASSWORD);
    if (hidden > 0) console.log(`    … and ${hidden.toLocaleString("en")} more reps (first.last@demo.test)`);
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`seed: ${message.split("\n")[0]}`);
  process.exit(1);
});
