import "server-only";
import { db } from "@/lib/db/client";
import { createKpiCache } from "./kpi-cache";
import { kpiCacheBounds } from "./kpi-cache-size";

// One cache per server process, kept on globalThis like the client so dev-mode hot reloads share it.
const globalForKpi = globalThis as unknown as { __kpiDb?: ReturnType<typeof createKpiCache> };

/** What the app's KPI getters query: the app's client behind the data-versioned result cache. */
export const kpiDb = (globalForKpi.__kpiDb ??= createKpiCache(db, kpiCacheBounds()));
