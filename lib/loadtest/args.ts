import { z } from "zod";
import { DEFAULT_REPS } from "../../prisma/seed/options";

/** Only this machine: the load test must never be pointed at someone else's server. */
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

const int = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `--${name} must be a number` })
    .int({ error: `--${name} must be a whole number` })
    .min(min, { error: `--${name} must be at least ${min}` })
    .max(max, { error: `--${name} must be at most ${max}` });

export const loadtestArgsSchema = z.object({
  url: z
    .url({ protocol: /^http$/, error: "--url must be an http:// URL" })
    .max(200)
    .refine((value) => LOCAL_HOSTS.has(new URL(value).hostname), { error: "--url must point at 127.0.0.1 or localhost" })
    .default("http://127.0.0.1:3000"),
  users: int("users", 1, 500).default(100),
  /** Seconds of measured load after the ramp. */
  duration: int("duration", 1, 3600).default(120),
  /** Seconds over which the users start (sign-ins are spread over it and not measured with the pages). */
  ramp: int("ramp", 0, 600).default(20),
  /** Mean pause between one user's requests, milliseconds (0: each user sends the next request at once). */
  think: int("think", 0, 60_000).default(1000),
  /** The reviewed year: the data set's last full or running year. */
  year: int("year", 2000, 2100).default(2025),
  /** The demo data set's parameters, which determine its logins (prisma/seed/demo-logins.ts). */
  reps: int("reps", 1, 5000).default(DEFAULT_REPS),
  seed: int("seed", 0, 2_147_483_647).default(20240607),
  /** The server's process id for RSS sampling; found from the port's listener when absent. */
  pid: int("pid", 1, 4_194_304).optional(),
  /** The Next build whose server-reference manifest names the autosave action. */
  nextDir: z.string().min(1).max(500).default(".next"),
  /** The autosave action's id, when the server runs another build than --next-dir holds. */
  actionId: z.string().regex(/^[0-9a-f]{40,64}$/, { error: "--action-id must be the hex id of a server action" }).optional(),
  /** Write the results into docs/benchmarks.md. */
  write: z.boolean().default(false),
  label: z.string().max(200).refine((v) => !v.includes("\0"), { error: "--label must not contain NUL" }).optional(),
});

export type LoadtestArgs = z.output<typeof loadtestArgsSchema>;

const FLAGS = new Set(["url", "users", "duration", "ramp", "think", "year", "reps", "seed", "pid", "next-dir", "action-id", "label"]);

/** `--name value` pairs and the `--write` switch into the schema's input; an unknown flag is an error. */
export function parseLoadtestArgs(argv: readonly string[]): LoadtestArgs {
  const input: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--write") {
      input.write = true;
      continue;
    }
    const name = arg.startsWith("--") ? arg.slice(2) : "";
    if (!FLAGS.has(name)) throw new Error(`unknown option ${JSON.stringify(arg.slice(0, 40))} (options: ${[...FLAGS].map((f) => `--${f}`).join(", ")}, --write)`);
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    input[name === "next-dir" ? "nextDir" : name === "action-id" ? "actionId" : name] = value;
    i++;
  }
  const parsed = loadtestArgsSchema.safeParse(input);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join("; "));
  return parsed.data;
}
