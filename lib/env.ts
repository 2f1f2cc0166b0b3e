import { isIP } from "node:net";
import { z } from "zod";

/** One trusted reverse proxy: an address, or a network in CIDR notation (a single address is a /32 or /128). */
export interface TrustedProxy {
  address: string;
  prefix: number;
  family: "ipv4" | "ipv6";
}

function parseTrustedProxy(entry: string): TrustedProxy | null {
  const [address = "", prefixText, ...rest] = entry.split("/");
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return null;
  const bits = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  return prefix <= bits ? { address, prefix, family: version === 4 ? "ipv4" : "ipv6" } : null;
}

// A comma list of the reverse proxies in front of the app; unset, X-Forwarded-For is not believed at all.
const trustedProxiesSchema = z
  .string()
  .max(4096, { error: "TRUSTED_PROXIES is too long" })
  .optional()
  .transform((value, context) => {
    const entries = (value ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
    const proxies: TrustedProxy[] = [];
    for (const entry of entries) {
      const proxy = parseTrustedProxy(entry);
      if (proxy) proxies.push(proxy);
      else context.addIssue({ code: "custom", message: `TRUSTED_PROXIES: "${entry.slice(0, 60)}" is not an IP address or CIDR range (e.g. 10.0.0.5, 10.0.0.0/8, ::1)` });
    }
    return proxies;
  });

// Every environment variable the app reads, validated once. The launcher (lib/cli/start.ts) fills
// DATABASE_URL and NEXTAUTH_SECRET when it runs the embedded server; a real install sets them itself.
const schema = z.object({
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is not set: start the app with `npm start`, or set it to your PostgreSQL URL" })
    .regex(/^postgres(ql)?:\/\//, { error: "DATABASE_URL must be a postgres:// or postgresql:// URL" }),
  DATABASE_POOL_SIZE: z.coerce.number({ error: "DATABASE_POOL_SIZE must be a number" }).int().min(1).max(100).default(10),
  NEXTAUTH_SECRET: z.string({ error: "NEXTAUTH_SECRET is not set" }).min(32, { error: "NEXTAUTH_SECRET must be at least 32 characters" }),
  TRUSTED_PROXIES: trustedProxiesSchema,
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

/** The proxies whose X-Forwarded-For entries are believed; read apart from env() so sign-in needs no database URL. */
export function trustedProxies(source: Record<string, string | undefined> = process.env): TrustedProxy[] {
  const parsed = trustedProxiesSchema.safeParse(source.TRUSTED_PROXIES);
  if (!parsed.success) throw new Error(`Invalid environment: ${parsed.error.issues.map((issue) => issue.message).join("; ")}`);
  return parsed.data;
}

// Single sign-on is optional: all three of issuer, client id and secret, or none. Read apart from env() so
// that the sign-in options can be built (at import time, also during `next build`) without a database.
const oidcSchema = z
  .object({
    OIDC_ISSUER: z.url({ protocol: /^https?$/, error: "OIDC_ISSUER must be the provider's issuer URL, e.g. https://accounts.google.com" }).optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_NAME: z.string().min(1).max(40).default("SSO"),
  })
  .refine((v) => [v.OIDC_ISSUER, v.OIDC_CLIENT_ID, v.OIDC_CLIENT_SECRET].every((x) => x === undefined) || [v.OIDC_ISSUER, v.OIDC_CLIENT_ID, v.OIDC_CLIENT_SECRET].every((x) => x !== undefined), {
    error: "Single sign-on needs all of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET (or none of them)",
  });

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The provider's name on the sign-in button: "Google", "Microsoft", "Okta". */
  name: string;
}

/** The OIDC provider's settings, or null when single sign-on is not configured. */
export function oidcConfig(source: Record<string, string | undefined> = process.env): OidcConfig | null {
  const blankAsUnset = Object.fromEntries(Object.entries(source).map(([key, value]) => [key, value === "" ? undefined : value]));
  const parsed = oidcSchema.safeParse(blankAsUnset);
  if (!parsed.success) throw new Error(`Invalid environment: ${parsed.error.issues.map((issue) => issue.message).join("; ")}`);
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_NAME } = parsed.data;
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) return null;
  return { issuer: OIDC_ISSUER.replace(/\/$/, ""), clientId: OIDC_CLIENT_ID, clientSecret: OIDC_CLIENT_SECRET, name: OIDC_NAME };
}
