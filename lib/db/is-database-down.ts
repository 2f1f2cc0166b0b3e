import pg from "pg";
import { isDatabaseUnavailable } from "../errors";

// Long enough for a busy server to accept a connection, short enough that a held error page does not hang.
const PROBE_TIMEOUT_MS = 3_000;

/** Whether the database is unreachable right now: a fresh connection and SELECT 1 fail the way an outage does. */
export async function isDatabaseDown(connectionString: string): Promise<boolean> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: PROBE_TIMEOUT_MS, query_timeout: PROBE_TIMEOUT_MS });
  // A server that goes away mid-probe emits this; the failed query already says so.
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return false;
  } catch (error) {
    return isDatabaseUnavailable(error);
  } finally {
    await client.end().catch(() => {});
  }
}
