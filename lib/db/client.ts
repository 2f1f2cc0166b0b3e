import "server-only";
import { env } from "@/lib/env";
import { createPrismaClient, type PrismaClient } from "./create-client";

// One client per server process; kept on globalThis so dev-mode hot reloads do not open new pools.
const globalForDb = globalThis as unknown as { __db?: PrismaClient };

function client(): PrismaClient {
  globalForDb.__db ??= createPrismaClient(env().DATABASE_URL, { max: env().DATABASE_POOL_SIZE });
  return globalForDb.__db;
}

/** The app's Prisma client. Only lib/data, lib/kpi and lib/import may use it (ESLint enforces this). */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const target = client();
    const value = Reflect.get(target, property);
    return typeof value === "function" ? value.bind(target) : value;
  },
});
