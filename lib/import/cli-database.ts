// The database a command-line import or export works on: DATABASE_URL, or the embedded server the launcher uses.
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";

const root = path.resolve(import.meta.dirname, "../..");

export async function openCliDatabase(log: (line: string) => void): Promise<{ url: string; close(): Promise<void> }> {
  let server: EmbeddedPostgres | undefined;
  const close = async () => {
    const running = server;
    server = undefined;
    if (running) await running.stop();
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void close().finally(() => process.exit(130)));
  let url = process.env.DATABASE_URL;
  if (!url) {
    const dataDir = path.join(process.env.DATA_DIR || path.join(root, ".data"), "postgres");
    server = await startEmbeddedPostgres({ dataDir, log });
    url = server.url;
  }
  try {
    await migrate(url);
  } catch (error) {
    await close();
    throw error;
  }
  return { url, close };
}
