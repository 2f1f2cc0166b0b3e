import { AppError } from "@/lib/errors";
import type { Tx } from "./in-transaction";

/**
 * The KPI queries and the derived tables' triggers convert with `AT TIME ZONE`: a zone the runtime knows but the
 * database server does not (an operator's PostgreSQL with older time-zone data) would fail every query afterwards.
 */
export async function assertPostgresTimeZone(tx: Pick<Tx, "$queryRaw">, zone: string): Promise<void> {
  const rows = await tx.$queryRaw<Array<{ known: boolean }>>`SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = ${zone}) AS known`;
  if (!rows[0]?.known) throw new AppError("INVALID", { detail: `PostgreSQL does not know the time zone ${zone}` });
}
