// `npm start` / `npm run dev`: one command from a fresh clone to a running app.
// Builds when needed, starts the embedded PostgreSQL server unless DATABASE_URL is set, migrates,
// seeds the demo year into an empty embedded database, then serves Next.js in this same process,
// so that stopping this process (Ctrl-C, SIGTERM) stops everything and kill -9 leaves nothing that
// the next start cannot recover.
import { spawn } from "node:child_process";
import cluster from "node:cluster";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import pg from "pg";
import { z } from "zod";
import { appendPeerAddress } from "../auth/client-ip";
import { LaunchError, checkPortFree, connectOrExplain, ensureSecret } from "./launch-checks";
import { EmbeddedPostgresError } from "../db/embedded-postgres";
import { superviseEmbeddedPostgres } from "../db/supervise-embedded-postgres";
import { createPrismaClient } from "../db/create-client";
import { isDatabaseDown } from "../db/is-database-down";
import { MigrationError, migrate } from "../db/migrate";
import { withOutagePage } from "../http/outage-page";
import { issueSetupToken, SETUP_TOKEN_LIFETIME_MINUTES } from "../data/issue-setup-token";
import { DEFAULT_DEMO_LOCALE, DEMO_LOCALES, DEMO_PASSWORD, demoLogins, isDatabaseEmpty, seedDemo } from "../../prisma/seed";
import { printFirstAdminHelp, printLogins, progressBar } from "./output";

const root = path.resolve(import.meta.dirname, "../..");

/** A whole number from min to max, the variable named in each message. */
const wholeNumber = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int()
    .min(min, { error: `${name} must be ${min}–${max}` })
    .max(max, { error: `${name} must be ${min}–${max}` });

const launchEnv = z.object({
  PORT: z.coerce.number({ error: "PORT must be a number" }).int().min(1).max(65535, { error: "PORT must be 1–65535" }).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, { error: "DATABASE_URL must start with postgres:// or postgresql://" }).optional(),
  DATA_DIR: z.string().min(1).default(path.join(root, ".data")),
  DEMO_DATA: z.enum(["auto", "on", "off"], { error: "DEMO_DATA must be auto, on or off" }).default("auto"),
  // The language of the demo organisation's texts when the first start seeds it (stage names, lost reasons, …).
  DEMO_LOCALE: z.enum(DEMO_LOCALES, { error: `DEMO_LOCALE must be ${DEMO_LOCALES.join(" or ")}` }).default(DEFAULT_DEMO_LOCALE),
  // Server processes sharing the port. Node renders pages on one core per process, so a machine with more cores
  // serves more people at once with more workers (each holds its own ~300 MB and its own KPI cache).
  WEB_CONCURRENCY: wholeNumber("WEB_CONCURRENCY", 1, 16).default(1),
  // Each server worker's JavaScript heap limit in MB (V8's --max-old-space-size). Unset, V8 lets a busy worker keep
  // up to several GB of freed heap; set, the launcher runs the server in workers even for WEB_CONCURRENCY=1 and a
  // worker that outgrows it is replaced like any stopped worker.
  WEB_HEAP_MB: wholeNumber("WEB_HEAP_MB", 256, 65536).optional(),
  NODE_ENV: z.string().optional(),
});

const args = z
  .array(z.enum(["--dev"], { error: "unknown option (the only option is --dev)" }))
  .parse(process.argv.slice(2));
const dev = args.includes("--dev");

const cleanups: Array<() => Promise<void>> = [];
let shuttingDown = false;

async function shutdown(code: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  }
  process.exit(code);
}

function fail(message: string): Promise<never> {
  console.error(`\n✖ ${message}`);
  return shutdown(1);
}

const SOURCES = ["app", "components", "lib", "messages", "public", "next.config.ts", "package-lock.json", "postcss.config.mjs"];

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function buildIsCurrent(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return false;
  const built = fs.statSync(buildId).mtimeMs;
  return SOURCES.every((source) => newestMtime(path.join(root, source)) <= built);
}

function runBuild(): Promise<void> {
  console.log("▸ Building the app (first start or changed sources; takes a minute or two)…");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    });
    cleanups.push(async () => void child.kill("SIGTERM"));
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new LaunchError(`next build failed (exit code ${code}); see the output above.`))));
  });
}

async function hasUser(url: string, email: string | undefined): Promise<boolean> {
  if (!email) return false;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query("SELECT 1 FROM app_user WHERE email = $1 AND active", [email])).rowCount === 1;
  } finally {
    await client.end();
  }
}

/** A one-time setup link's token while the database has no users (null once it has one). */
async function setupTokenIfNoUsers(url: string): Promise<string | null> {
  const client = createPrismaClient(url, { max: 1 });
  try {
    return (await issueSetupToken(client))?.token ?? null;
  } finally {
    await client.$disconnect();
  }
}

async function prepareDatabase(config: z.infer<typeof launchEnv>): Promise<{ url: string; setupToken: string | null }> {
  let url = config.DATABASE_URL;
  if (url) {
    await connectOrExplain(url);
    console.log(`▸ Using PostgreSQL from DATABASE_URL (${new URL(url).host})`);
  } else {
    const dataDir = path.join(config.DATA_DIR, "postgres");
    // Supervised: if the server ends on its own it is started again, and the app recovers without a restart.
    const server = await superviseEmbeddedPostgres({ dataDir, log: (line) => console.log(`▸ ${line}`) });
    cleanups.push(() => server.stop());
    url = server.url;
    console.log(`▸ Embedded PostgreSQL running on 127.0.0.1:${server.port} (data in ${path.relative(root, dataDir) || dataDir})`);
  }

  await migrate(url, { log: (line) => console.log(`▸ ${line}`) });

  const seedWanted = config.DEMO_DATA === "on" || (config.DEMO_DATA === "auto" && !config.DATABASE_URL);
  if (seedWanted && (await isDatabaseEmpty(url))) {
    console.log("▸ Empty database: generating the demo organisation…");
    const started = Date.now();
    const { counts } = await seedDemo(url, { locale: config.DEMO_LOCALE, onProgress: progressBar() });
    const rows = Object.values(counts).reduce((sum, n) => sum + n, 0);
    console.log(`▸ Demo data ready: ${rows.toLocaleString("en")} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const logins = demoLogins();
  if (await hasUser(url, logins[0]?.email)) printLogins(logins, DEMO_PASSWORD);
  return { url, setupToken: await setupTokenIfNoUsers(url) };
}

/** Next behind an HTTP server on the configured port: the whole app in this process, or one worker's share. */
async function serve(config: z.infer<typeof launchEnv>, url: string, dev: boolean): Promise<void> {
  const { default: next } = await import("next");
  const app = next({ dev, dir: root, hostname: config.HOST, port: config.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  // The sign-in limit keys on the client's address: record the real peer before Next sees the request.
  const handleWithPeer = (request: http.IncomingMessage, response: http.ServerResponse) => {
    appendPeerAddress(request.headers, request.socket.remoteAddress);
    return handle(request, response);
  };
  const server = http.createServer(withOutagePage(handleWithPeer, () => isDatabaseDown(url)));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.PORT, config.HOST, resolve);
  });
}

/** How long a replacement waits after a worker stopped, so a worker that cannot start does not spin. */
const RESTART_DELAY_MS = 1000;

/**
 * `count` server processes sharing the port (node:cluster hands each new connection to the next worker). This
 * process keeps the database, its supervisor and the setup; a worker that stops is replaced.
 */
function startWorkers(count: number, heapMb: number | undefined): Promise<void> {
  if (heapMb !== undefined) cluster.setupPrimary({ execArgv: [...process.execArgv, `--max-old-space-size=${heapMb}`] });
  cleanups.push(async () => {
    const workers = Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => (worker.kill("SIGKILL"), resolve()), 10_000);
            worker.once("exit", () => (clearTimeout(timer), resolve()));
            worker.kill("SIGTERM");
          }),
      ),
    );
  });
  return new Promise((resolve, reject) => {
    let listening = 0;
    cluster.on("listening", () => {
      if (++listening === count) resolve();
    });
    cluster.on("exit", (worker, code, signal) => {
      if (shuttingDown) return;
      if (listening < count) return reject(new LaunchError(`A server worker stopped while starting (${signal ?? `exit code ${code}`}); see the output above.`));
      console.error(`▸ Server worker ${worker.process.pid} stopped (${signal ?? `exit code ${code}`}); starting another`);
      setTimeout(() => shuttingDown || cluster.fork(), RESTART_DELAY_MS);
    });
    for (let i = 0; i < count; i++) cluster.fork();
  });
}

/** A worker: the primary prepared the database and the build and put DATABASE_URL and the secret in its env. */
async function workerMain(): Promise<void> {
  const config = launchEnv.parse(process.env);
  await serve(config, z.string().min(1).parse(process.env.DATABASE_URL), false);
}

async function main(): Promise<void> {
  const parsed = launchEnv.safeParse(process.env);
  if (!parsed.success) return void (await fail(parsed.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`).join("; ")));
  const config = parsed.data;

  await checkPortFree(config.PORT, config.HOST);
  fs.mkdirSync(config.DATA_DIR, { recursive: true });
  const secret = ensureSecret(config.DATA_DIR, config.NODE_ENV === "production");

  const [{ url, setupToken }] = await Promise.all([prepareDatabase(config), dev || buildIsCurrent() ? Promise.resolve() : runBuild()]);

  process.env.DATABASE_URL = url;
  process.env.NEXTAUTH_SECRET = secret;
  if (config.NODE_ENV === "production" && !process.env.NEXTAUTH_URL) {
    // Session cookies are marked Secure only when the app knows it is served over https.
    console.warn("▸ Warning: NEXTAUTH_URL is not set. Set it to the public https:// address so that session cookies are marked Secure.");
  }
  process.env.NEXTAUTH_URL ??= `http://localhost:${config.PORT}`;
  Object.assign(process.env, { NODE_ENV: dev ? "development" : "production", NEXT_TELEMETRY_DISABLED: "1" });

  if ((config.WEB_CONCURRENCY > 1 || config.WEB_HEAP_MB !== undefined) && !dev) await startWorkers(config.WEB_CONCURRENCY, config.WEB_HEAP_MB);
  else await serve(config, url, dev);
  const shownHost = config.HOST === "0.0.0.0" || config.HOST === "127.0.0.1" ? "localhost" : config.HOST;
  console.log(`\n✔ Ready on http://${shownHost}:${config.PORT}${dev ? " (development mode)" : ""}. Stop with Ctrl-C.`);
  if (setupToken) {
    const base = (process.env.NEXTAUTH_URL ?? `http://${shownHost}:${config.PORT}`).replace(/\/+$/, "");
    printFirstAdminHelp(`${base}/setup?token=${setupToken}`, SETUP_TOKEN_LIFETIME_MINUTES);
  }
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (shuttingDown) process.exit(1);
    // Ctrl-C reaches the workers too; the primary speaks for them.
    if (cluster.isPrimary) console.log(`\n▸ ${signal}: stopping…`);
    void shutdown(0);
  });
}

(cluster.isWorker ? workerMain() : main()).catch((error: unknown) => {
  if (error instanceof LaunchError || error instanceof EmbeddedPostgresError) return fail(error.message);
  if (error instanceof MigrationError) return fail(`${error.message.replace(/\.?$/, ".")} The app did not start.`);
  if (error instanceof z.ZodError) return fail(error.issues.map((issue) => issue.message).join("; "));
  console.error(error);
  return fail("Unexpected error while starting (details above).");
});
