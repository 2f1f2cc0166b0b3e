// `npm run bench [-- --runs N]`: the KPI engine on the large demo data set (1,000 reps, two years) in its own
// embedded server under .data/bench-kpi, reused while its parameters match; prints p50/p95 per page and the naive ratio.
import fs from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres } from "../db/embedded-postgres";
import { migrate } from "../db/migrate";
import { seedDemo } from "../../prisma/seed";
import { runKpiBench } from "./bench-kpi";

const root = path.resolve(import.meta.dirname, "../..");
// Not .data/bench: bench:import deletes that folder on every run, and this data set takes minutes to build.
const dir = path.join(root, ".data", "bench-kpi");
const PARAMS = { reps: 1000, years: 2, today: "2025-11-20T10:00:00.000Z", seed: 20240607 };

async function main(): Promise<void> {
  const runsFlag = process.argv.indexOf("--runs");
  const runs = runsFlag >= 0 ? Number(process.argv[runsFlag + 1]) : 12;
  const seedOnly = process.argv.includes("--seed-only");
  fs.mkdirSync(dir, { recursive: true });
  const marker = path.join(dir, "seeded.json");
  const seeded = fs.existsSync(marker) && fs.readFileSync(marker, "utf8") === JSON.stringify(PARAMS);
  if (!seeded) {
    fs.rmSync(path.join(dir, "postgres"), { recursive: true, force: true });
    fs.rmSync(marker, { force: true });
  }
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "postgres"), log: (line) => console.log(`▸ ${line}`) });
  try {
    await migrate(server.url);
    if (!seeded) {
      console.log(`▸ Seeding ${PARAMS.reps} reps over ${PARAMS.years} years (a few minutes; reused afterwards)`);
      const started = performance.now();
      let last = 0;
      const { counts } = await seedDemo(server.url, {
        reps: PARAMS.reps,
        years: PARAMS.years,
        seed: PARAMS.seed,
        today: new Date(PARAMS.today),
        onProgress: (done, total, label) => {
          const now = performance.now();
          if (now - last > 10_000) {
            last = now;
            console.log(`▸   ${Math.round((done / total) * 100)}% ${label}`);
          }
        },
      });
      const rows = Object.values(counts).reduce((a, b) => a + b, 0);
      console.log(`▸ Seeded ${rows.toLocaleString("en")} rows in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      fs.writeFileSync(marker, JSON.stringify(PARAMS));
    }
    if (!seedOnly) await runKpiBench(server.url, { runs, today: new Date(PARAMS.today), naive: !process.argv.includes("--no-naive") });
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
