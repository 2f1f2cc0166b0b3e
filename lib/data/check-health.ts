import "server-only";
import { env } from "@/lib/env";
import { db } from "@/lib/db/client";
import { getMigrationState } from "@/lib/db/migrate";
import { isDatabaseUnavailable } from "@/lib/errors";

/** Why the app is not healthy, as a stable code: never the driver's message, which names hosts, ports and SQL. */
export type HealthProblem = "DATABASE_UNAVAILABLE" | "DATABASE_ERROR";

export interface Health {
  status: "ok" | "error";
  database: { reachable: boolean; latencyMs: number | null; error?: HealthProblem };
  migrations: { applied: number; pending: string[]; failed: string[] } | null;
}

function unhealthy(error: unknown): Health {
  const problem: HealthProblem = isDatabaseUnavailable(error) ? "DATABASE_UNAVAILABLE" : "DATABASE_ERROR";
  // The details are for the operator's log only.
  console.error(`Health check: ${problem}`, error);
  return { status: "error", database: { reachable: problem !== "DATABASE_UNAVAILABLE", latencyMs: null, error: problem }, migrations: null };
}

/** Database reachability and migration state, for GET /api/health (no data, so no Viewer). */
export async function checkHealth(): Promise<Health> {
  const started = performance.now();
  try {
    await db.$queryRaw`SELECT 1`;
    const latencyMs = Math.round(performance.now() - started);
    const state = await getMigrationState(env().DATABASE_URL);
    const healthy = state.pending.length === 0 && state.failed.length === 0;
    return {
      status: healthy ? "ok" : "error",
      database: { reachable: true, latencyMs },
      migrations: { applied: state.applied.length, pending: state.pending, failed: state.failed },
    };
  } catch (error) {
    return unhealthy(error);
  }
}
