// The e2e web server: our own embedded PostgreSQL (demo year seeded once), then the production app on it
// with an explicit DATABASE_URL. Playwright starts this before its globalSetup, which reads the URL from
// DATABASE_URL_FILE to seed the authorization fixtures into the very database the app serves.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres } from "../../../lib/db/embedded-postgres";
import { migrate } from "../../../lib/db/migrate";
import { isDatabaseEmpty, seedDemo } from "../../../prisma/seed";
import { DATA_DIR, DATABASE_URL_FILE, ROOT } from "./paths";

const log = (line: string) => console.log(`▸ [e2e] ${line}`);

const server = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, "postgres"), log });
await migrate(server.url, { log });
if (await isDatabaseEmpty(server.url)) {
  log("seeding the demo year…");
  await seedDemo(server.url);
}
fs.writeFileSync(DATABASE_URL_FILE, `${server.url}\n`, { mode: 0o600 });

const app = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "lib/cli/start.ts")], {
  cwd: ROOT,
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: server.url, DATA_DIR, DEMO_DATA: "off" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => app.kill(signal));
app.on("exit", async (code) => {
  fs.rmSync(DATABASE_URL_FILE, { force: true });
  await server.stop();
  process.exit(code ?? 1);
});
