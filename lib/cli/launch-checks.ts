// Checks that turn the errors a user meets on day one into one clear line.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";

/** A start-up failure with a message the user can act on; printed without a stack trace. */
export class LaunchError extends Error {
  override name = "LaunchError";
}

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

export async function checkPortFree(port: number, host: string): Promise<void> {
  if (await canListen(port, host)) return;
  let suggestion: number | undefined;
  for (let candidate = port + 1; candidate < port + 20 && !suggestion; candidate++) {
    if (await canListen(candidate, host)) suggestion = candidate;
  }
  throw new LaunchError(
    `Port ${port} is already in use (another app, or this one still running).` +
      (suggestion ? ` Start on a free port with: PORT=${suggestion} npm start` : " Choose another with PORT=<port> npm start"),
  );
}

const SECRET_MIN_LENGTH = 32;

/**
 * The session secret: NEXTAUTH_SECRET (or AUTH_SECRET) when configured; otherwise one generated once and kept
 * in the data folder. When the operator declared production (NODE_ENV=production), a missing secret is fatal.
 */
export function ensureSecret(dataDir: string, production: boolean): string {
  const configured = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  if (configured !== undefined) {
    if (configured.length < SECRET_MIN_LENGTH) throw new LaunchError(`NEXTAUTH_SECRET must be at least ${SECRET_MIN_LENGTH} characters.`);
    return configured;
  }
  if (production) {
    throw new LaunchError(
      "NODE_ENV=production but NEXTAUTH_SECRET is not set. Sessions must be signed with a secret you keep: " +
        "set NEXTAUTH_SECRET to a random string of 32+ characters (e.g. `openssl rand -base64 32`).",
    );
  }
  const file = path.join(dataDir, "secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  fs.writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

const PG_MESSAGES: Record<string, (url: URL) => string> = {
  "28P01": (url) => `PostgreSQL at ${url.host} rejected the password for user "${decodeURIComponent(url.username)}". Check DATABASE_URL.`,
  "28000": (url) => `PostgreSQL at ${url.host} does not allow user "${decodeURIComponent(url.username)}" to connect (pg_hba.conf). Check DATABASE_URL.`,
  "3D000": (url) => `Database "${url.pathname.slice(1)}" does not exist on ${url.host}. Create it (createdb ${url.pathname.slice(1)}) or fix DATABASE_URL.`,
  ECONNREFUSED: (url) => `Cannot reach PostgreSQL at ${url.host}: connection refused. Is the server running, and is DATABASE_URL right?`,
  ENOTFOUND: (url) => `Cannot reach PostgreSQL: host "${url.hostname}" not found. Check DATABASE_URL.`,
  ETIMEDOUT: (url) => `Cannot reach PostgreSQL at ${url.host}: the connection timed out. Check DATABASE_URL and the firewall.`,
};

/** Connects once to DATABASE_URL and explains a failure in one line. */
export async function connectOrExplain(connectionString: string): Promise<void> {
  const url = new URL(connectionString);
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    const explain = PG_MESSAGES[code] ?? (/timeout/i.test(String(error)) ? PG_MESSAGES.ETIMEDOUT : undefined);
    throw new LaunchError(explain ? explain(url) : `Cannot use PostgreSQL at ${url.host}: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
}
