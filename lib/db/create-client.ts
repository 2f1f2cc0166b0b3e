import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

/**
 * Per-connection setting for the KPI queries, on any PostgreSQL (embedded or the operator's own): sorts and hashes of
 * a dashboard panel (a few hundred thousand rows for a large organisation) fit in memory instead of spilling to disk
 * at the 4 MB default.
 */
const SESSION_SETTINGS = "-c work_mem=32MB";

/** A Prisma client over node-postgres. The app uses the one in client.ts; CLIs and tests create their own. */
export function createPrismaClient(connectionString: string, options: { max?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max: options.max ?? 10, options: SESSION_SETTINGS });
  return new PrismaClient({ adapter });
}

export type { PrismaClient };
