// `node --import tsx lib/cli/bench-probe.ts [org]`: each dashboard query alone on the bench data set, to find the slow one.
import path from "node:path";
import { startEmbeddedPostgres } from "../db/embedded-postgres";
import { createPrismaClient } from "../db/create-client";
import { cliAdminViewer } from "../auth/cli-admin-viewer";
import { periodOf } from "../kpi/period";
import { dashboardQueryList } from "./bench-kpi";

async function main(): Promise<void> {
  const server = await startEmbeddedPostgres({ dataDir: path.resolve(import.meta.dirname, "../../.data/bench-kpi/postgres") });
  const prisma = createPrismaClient(server.url);
  try {
    const viewer = await cliAdminViewer(prisma);
    const org = await prisma.organization.findUniqueOrThrow({ where: { id: viewer.orgId } });
    const team = await prisma.team.findFirstOrThrow({ where: { orgId: viewer.orgId }, orderBy: { id: "asc" } });
    const period = periodOf({ kind: "year", year: 2025 }, org.timeZone);
    const filter = process.argv.includes("org") ? {} : { teamIds: [team.id] };
    for (const [name, run] of dashboardQueryList(prisma, viewer, period, filter)) {
      await run();
      const started = performance.now();
      await run();
      console.log(`${name}: ${(performance.now() - started).toFixed(0)} ms`);
    }
  } finally {
    await prisma.$disconnect();
    await server.stop();
  }
}
void main();
