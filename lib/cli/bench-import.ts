// `npm run bench:import -- [--rows N]`: generates a deals file (200,000 rows by default) into .data/bench, imports it
// with the import CLI into a fresh embedded database holding the demo organisation, and prints rows/s and peak RSS.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../db/embedded-postgres";
import { migrate } from "../db/migrate";
import { generateDealsCsv } from "../import/generate-deals-csv";
import { seedDemo } from "../../prisma/seed";

const root = path.resolve(import.meta.dirname, "../..");
const DEFAULT_ROWS = 200_000;
// Issue 5: 200,000 deals in under a minute, the process under 400 MB.
const TARGET_SECONDS = 60;
const TARGET_MB = 400;

async function main(): Promise<void> {
  const flag = process.argv.indexOf("--rows");
  const rows = flag >= 0 ? Number(process.argv[flag + 1]) : DEFAULT_ROWS;
  if (!Number.isInteger(rows) || rows < 1) throw new Error("--rows must be a positive whole number");
  const dir = path.join(root, ".data", "bench");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "postgres"), log: (line) => console.log(`▸ ${line}`) });
  try {
    await migrate(server.url);
    console.log("▸ Seeding the demo organisation to import into");
    await seedDemo(server.url, { today: new Date("2025-11-20T10:00:00Z") });
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const reps = await client.query<{ name: string }>(`SELECT name FROM rep WHERE kind = 'AE' ORDER BY id`);
    await client.end();
    const file = path.join(dir, "deals.csv");
    const bytes = await generateDealsCsv(file, { rows, owners: reps.rows.map((r) => r.name), accounts: 5000, until: new Date("2025-11-19T00:00:00Z") });
    console.log(`▸ Generated ${rows.toLocaleString("en")} deals, ${(bytes / 1024 / 1024).toFixed(1)} MB`);

    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", "lib/cli/import.ts", "deals", file, "--create-missing", "accounts"], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: server.url },
        stdio: ["ignore", "pipe", "inherit"],
      });
      let text = "";
      child.stdout.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        process.stdout.write(chunk);
      });
      child.on("error", reject);
      child.on("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(`the import exited with ${code}`))));
    });
    const match = /([\d,]+) rows in ([\d.]+) s \(([\d,]+) rows\/s\), peak memory (\d+) MB/.exec(output);
    if (!match) throw new Error("the import did not print its timing");
    const [seconds, peak] = [Number(match[2]), Number(match[4])];
    console.log(`\nImport benchmark: ${match[1]} deals in ${seconds} s = ${match[3]} rows/s, peak RSS ${peak} MB`);
    console.log(`  target: under ${TARGET_SECONDS} s and ${TARGET_MB} MB → ${seconds < TARGET_SECONDS && peak < TARGET_MB ? "met" : "NOT met"}`);
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:import: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
