// The database a command-line tool works on: DATABASE_URL, or the embedded server in DATA_DIR (as `npm start`).
import path from "node:path";
import { z } from "zod";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../db/embedded-postgres";
import { migrate } from "../db/migrate";

const root = path.resolve(import.meta.dirname, "../..");

export interface CliDatabase {
  url: string;
  /** Stops the embedded server when this tool started it; a no-op for DATABASE_URL. */
  close(): Promise<void>;
}

/**
 * Opens the database and applies pending migrations (unless `migrate: false`: a restore builds the schema itself). The embedded server is stopped on close and on
 * Ctrl-C, so a tool never leaves it running.
 */
export async function openCliDatabase(purpose: string, options: { migrate?: boolean } = {}): Promise<CliDatabase> {
  const log = (line: string) => console.log(`▸ ${line}`);
  let server: EmbeddedPostgres | undefined;
  const close = async () => {
    const running = server;
    server = undefined;
    if (running) await running.stop();
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void close().finally(() => process.exit(130)));
  }
  let url = process.env.DATABASE_URL;
  if (url) {
    log(`${purpose} PostgreSQL from DATABASE_URL (${new URL(url).host})`);
  } else {
    // The same folder the launcher uses, so the tool works on the database `npm start` serves.
    const dataDir = path.join(z.string().min(1, { error: "DATA_DIR must not be empty" }).default(path.join(root, ".data")).parse(process.env.DATA_DIR), "postgres");
    server = await startEmbeddedPostgres({ dataDir, log });
    url = server.url;
    log(`Embedded PostgreSQL on 127.0.0.1:${server.port}`);
  }
  if (options.migrate === false) return { url, close };
  try {
    const { applied } = await migrate(url);
    if (applied.length > 0) log(`Applied ${applied.length} migration(s)`);
  } catch (error) {
    await close();
    throw error;
  }
  return { url, close };
}
