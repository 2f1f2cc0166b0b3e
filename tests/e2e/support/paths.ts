import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../../..");
/** The e2e server's own data: its database cluster and its session secret. */
export const DATA_DIR = path.join(ROOT, ".data/e2e");
/** Written by serve.ts while the server runs: how the tests reach the database the app serves. */
export const DATABASE_URL_FILE = path.join(DATA_DIR, "database-url");
/** The authorization fixture's ids, written by the global setup for the specs. */
export const FIXTURE_FILE = path.join(DATA_DIR, "matrix-fixture.json");
