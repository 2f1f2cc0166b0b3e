import "server-only";
import { env } from "@/lib/env";
import { db } from "@/lib/db/client";
import { getMigrationState } from "@/lib/db/migrate";

export interface Health {
  status: "ok" | "error";
  database: { reachable: boolean; latencyMs: number | null; error?: string };
  migrations: { applied: number; pending: string[]; failed: string[] } | null;
}

/** Database reachability and migration state, for GET /api/health (no data, so no Viewer). */
export async function checkHealth(): Promise<Health> {
  const started = performance.now();
  try {
    await db.$queryRaw`SELECT 1`;
  } catch (error) {
    return { status: "error", database: { reachable: false, latencyMs: null, error: (error as Error).message.split("\n")[0] }, migrations: null };
  }
  const latencyMs = Math.round(performance.now() - started);
  const state = await getMigrationState(env().DATABASE_URL);
  const healthy = state.pending.length === 0 && state.failed.length === 0;
  return {
    status: healthy ? "ok" : "error",
    database: { reachable: true, latencyMs },
    migrations: { applied: state.applied.length, pending: state.pending, failed: state.failed },
  };
}
