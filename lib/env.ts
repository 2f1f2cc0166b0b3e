import { z } from "zod";

// Every environment variable the app reads, validated once. The launcher (lib/cli/start.ts) fills
// DATABASE_URL and NEXTAUTH_SECRET when it runs the embedded server; a real install sets them itself.
const schema = z.object({
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is not set: start the app with `npm start`, or set it to your PostgreSQL URL" })
    .regex(/^postgres(ql)?:\/\//, { error: "DATABASE_URL must be a postgres:// or postgresql:// URL" }),
  DATABASE_POOL_SIZE: z.coerce.number({ error: "DATABASE_POOL_SIZE must be a number" }).int().min(1).max(100).default(10),
  NEXTAUTH_SECRET: z.string({ error: "NEXTAUTH_SECRET is not set" }).min(32, { error: "NEXTAUTH_SECRET must be at least 32 characters" }),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Read lazily so that `next build` does not need a database or a secret. */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${parsed.error.issues.map((issue) => issue.message).join("; ")}`);
  }
  cached = parsed.data;
  return cached;
}
