// The production app as an operator runs it (`npm start`: lib/cli/start.ts, which builds Next first if the build is
// stale), on a free port, and a sign-in through next-auth's credentials endpoint as the login form posts it.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort } from "../../../lib/db/embedded-postgres";

const root = path.resolve(import.meta.dirname, "../../..");
// A build on a shared machine, then the launcher's own start (database, migrations).
const START_TIMEOUT_MS = 900_000;
// The test runner's own settings must not leak into the app under test.
const RUNNER_ONLY = ["NODE_ENV", "DATABASE_URL", "NEXTAUTH_SECRET", "AUTH_SECRET", "NEXTAUTH_URL", "PORT", "DATA_DIR", "DEMO_DATA", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID"];

export interface ProductionAppOptions {
  /** The app's DATA_DIR: its secret, and its embedded PostgreSQL unless env has DATABASE_URL. */
  dataDir: string;
  /** More of the app's environment, e.g. DATABASE_URL or a NEXTAUTH_SECRET shared by two instances. */
  env?: Record<string, string>;
  /** The host in `base`. The app listens on 127.0.0.1 either way, but names localhost in the links it prints. */
  urlHost?: "127.0.0.1" | "localhost";
}

export interface ProductionApp {
  /** The app's origin, e.g. http://127.0.0.1:3000. */
  base: string;
  /** The launcher, which serves Next in its own process. */
  child: ChildProcess;
  /** Everything the launcher printed so far, stdout and stderr interleaved. */
  output: () => string;
  /** Stops the launcher as Ctrl-C does: it stops Next and the embedded PostgreSQL it started. */
  stop: () => Promise<void>;
}

/** Polls until the predicate holds; on timeout the error ends with the tail of `details` (e.g. the app's output). */
export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs: number,
  { intervalMs = 250, details = () => "" }: { intervalMs?: number; details?: () => string } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${details().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Starts the app and resolves once it prints "Ready on"; if it exits or times out first, rejects with its output. */
export async function startProductionApp({ dataDir, env = {}, urlHost = "127.0.0.1" }: ProductionAppOptions): Promise<ProductionApp> {
  const port = await freePort();
  const inherited = { ...process.env };
  for (const key of RUNNER_ONLY) delete inherited[key];
  const child = spawn(process.execPath, ["--import", "tsx", "lib/cli/start.ts"], {
    cwd: root,
    // DEMO_DATA off: the tests seed their own fixture, and an empty database must stay empty.
    env: { ...inherited, HOST: "127.0.0.1", PORT: String(port), DATA_DIR: dataDir, DEMO_DATA: "off", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const app: ProductionApp = { base: `http://${urlHost}:${port}`, child, output: () => output, stop: () => stopApp(child) };
  try {
    await waitFor(() => output.includes("Ready on") || child.exitCode !== null, "the app to start", START_TIMEOUT_MS, { details: app.output });
    if (!output.includes("Ready on")) throw new Error(`the app exited:\n${output}`);
  } catch (error) {
    await app.stop(); // the caller gets no app to stop
    throw error;
  }
  return app;
}

async function stopApp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** Signs in as the login form does (CSRF token, then the credentials callback); next-auth's answer URL and the cookies. */
export async function signIn(base: string, email: string, password: string): Promise<{ url: string; cookies: string }> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keepCookies(csrf, jar);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    redirect: "manual",
  });
  keepCookies(response, jar);
  return { url: ((await response.json()) as { url: string }).url, cookies: cookieHeader(jar) };
}

function keepCookies(response: Response, jar: Map<string, string>): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair = ""] = line.split(";");
    const at = pair.indexOf("=");
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
