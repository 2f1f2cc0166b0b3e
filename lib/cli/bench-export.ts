// `npm run bench:export -- <deals|leads> [--offset] [--batch N] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out file.csv]`: times the dashboard's
// deals or leads CSV export for the organisation's admin over a period (default: the whole data), on the database of
// `npm run export` (DATA_DIR or DATABASE_URL), and prints rows, bytes, seconds and the process's peak RSS.
// --out keeps the file (to compare two versions byte for byte). --offset reads the batches the way the export did before keyset pagination (OFFSET, and the page's total each
// time), for comparison. Runs with `--conditions=react-server` so the server-only data layer loads outside Next.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { openCliDatabase } from "../import/cli-database";

const USAGE = "usage: npm run bench:export -- <deals|leads> [--offset] [--batch N] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out file.csv]";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const kind = process.argv[2];
  if (kind !== "deals" && kind !== "leads") throw new Error(USAGE);
  const offsetMode = process.argv.includes("--offset");
  const database = await openCliDatabase((line) => console.error(`▸ ${line}`));
  process.env.DATABASE_URL = database.url;
  // The app's environment check wants a secret; the bench signs nothing with it.
  process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("hex");
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows: users } = await client.query<{ id: number; org_id: number; tz: string; first: string; last: string }>(`
      SELECT u.id, u.org_id, o.time_zone AS tz,
             to_char(least((SELECT min(created_at) FROM deal WHERE org_id = o.id), (SELECT min(created_at) FROM lead WHERE org_id = o.id)) AT TIME ZONE o.time_zone, 'YYYY-MM-DD') AS first,
             to_char(now() AT TIME ZONE o.time_zone, 'YYYY-MM-DD') AS last
      FROM app_user u JOIN organization o ON o.id = u.org_id WHERE u.role = 'ADMIN' ORDER BY u.id LIMIT 1`);
    const admin = users[0];
    if (!admin) throw new Error("no admin: seed the database first (npm run seed)");
    const { mintViewer } = await import("../auth/viewer");
    const { periodOf } = await import("../kpi/period");
    const { csvStream } = await import("../report/csv-stream");
    const { listDrillDeals } = await import("../data/drill-deals");
    const { listDrillLeads } = await import("../data/drill-leads");
    const { DRILL_EXPORT_BATCH, DEAL_CSV_HEADER, dealCsvCells, LEAD_CSV_HEADER, leadCsvCells } = await import("../export/drill-csv");
    const { parseDealDrill, parseLeadDrill } = await import("../validation/dashboard-drill");
    const { db } = await import("../db/client");
    const viewer = mintViewer({ userId: admin.id, orgId: admin.org_id, role: "ADMIN", repId: null, teamIds: [], name: "bench", email: "bench@example.test", locale: "en" });
    const period = periodOf({ kind: "custom", from: option("--from") ?? admin.first, to: option("--to") ?? admin.last }, admin.tz);
    const batch = Number(option("--batch") ?? DRILL_EXPORT_BATCH);
    if (!Number.isInteger(batch) || batch < 1 || batch > 100_000) throw new Error("--batch must be a whole number from 1 to 100000");
    let after: { key: string | null; id: number } | undefined;
    const started = performance.now();
    const response =
      kind === "deals"
        ? await csvStream(
            DEAL_CSV_HEADER,
            async (offset, limit) => {
              const filter = parseDealDrill({ basis: "created" });
              const { rows } = offsetMode
                ? await listDrillDeals(viewer, { period, filter, offset, limit })
                : await listDrillDeals(viewer, { period, filter, limit, after, withoutTotal: true });
              const last = rows.at(-1);
              if (last) after = { key: last.sortKey, id: last.id };
              return rows.map((d) => dealCsvCells(d, admin.tz));
            },
            "deals.csv",
            { batch },
          )
        : await csvStream(
            LEAD_CSV_HEADER,
            async (offset, limit) => {
              const filter = parseLeadDrill({ basis: "created" });
              const { rows } = offsetMode
                ? await listDrillLeads(viewer, { period, filter, offset, limit })
                : await listDrillLeads(viewer, { period, filter, limit, after, withoutTotal: true });
              const last = rows.at(-1);
              if (last) after = { key: last.sortKey, id: last.id };
              return rows.map((l) => leadCsvCells(l, admin.tz));
            },
            "leads.csv",
            { batch },
          );
    let bytes = 0;
    let lines = 0;
    const outFile = option("--out");
    const out = outFile ? fs.openSync(outFile, "w") : undefined;
    const reader = response.body!.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      bytes += chunk.value.length;
      if (out !== undefined) fs.writeSync(out, chunk.value);
      for (const b of chunk.value) if (b === 10) lines++;
    }
    if (out !== undefined) fs.closeSync(out);
    const seconds = (performance.now() - started) / 1000;
    const rss = process.resourceUsage().maxRSS / 1024;
    console.log(
      `${kind} (${offsetMode ? "offset" : "keyset"}, batches of ${batch}), ${period.startDate} – ${period.endDate}: ${(lines - 1).toLocaleString("en")} rows, ` +
        `${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s (${Math.round((lines - 1) / seconds).toLocaleString("en")} rows/s), peak RSS ${rss.toFixed(0)} MB`,
    );
    await db.$disconnect();
  } finally {
    await client.end().catch(() => undefined);
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:export: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
