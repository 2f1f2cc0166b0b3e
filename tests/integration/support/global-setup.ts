// One throwaway PostgreSQL server for the whole integration run; each test file makes its own databases.
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../../lib/db/embedded-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const root = path.resolve(import.meta.dirname, "../../../.data/test-runs");
  const dataDir = path.join(root, `pg-${process.pid}-${Date.now()}`, "postgres");
  const server = await startEmbeddedPostgres({ dataDir, database: "postgres" });
  project.provide("pgAdminUrl", server.adminUrl);
  return async () => {
    await server.stop();
    // The cluster may have been placed outside .data (a project under a private home, as root).
    fs.rmSync(server.dataDir, { recursive: true, force: true });
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  };
}
