import "server-only";
import pg from "pg";
import { env } from "@/lib/env";

/** A connection of its own for the import library, which runs its transaction outside Prisma's. */
export async function importPgClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: env().DATABASE_URL });
  await client.connect();
  return client;
}
