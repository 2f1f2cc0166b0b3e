import type { PrismaClient } from "@/lib/db/generated/client";

/** What a KPI query needs from a Prisma client: the app passes `db`, tests and CLIs pass their own. */
export type KpiSql = Pick<PrismaClient, "$queryRaw">;

/** Money as an exact decimal string with two places ("1234.50"), in the organisation's currency. */
export type Money = string;
