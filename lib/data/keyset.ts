import { Prisma } from "@/lib/db/generated/client";

/** Where a batch of a sorted list ended: its last row's sort value (as text; null when empty) and id. */
export interface KeysetCursor {
  key: string | null;
  id: number;
}

/**
 * The rows that come after `cursor` in `ORDER BY key dir NULLS LAST, id dir`, so an export reads its next batch
 * where the previous one stopped instead of counting past an offset. `type` is the key's SQL type: the cursor's
 * text is cast back to it, so the comparison orders exactly as the ORDER BY does (numbers as numbers, enums in
 * their declared order, text in the column's collation).
 */
export function keysetAfter(key: Prisma.Sql, type: string, id: Prisma.Sql, dir: "asc" | "desc", cursor: KeysetCursor | undefined): Prisma.Sql {
  if (!cursor) return Prisma.sql`TRUE`;
  const after = Prisma.raw(dir === "asc" ? ">" : "<");
  if (cursor.key === null) return Prisma.sql`((${key}) IS NULL AND ${id} ${after} ${cursor.id})`;
  const value = Prisma.sql`(${cursor.key})::${Prisma.raw(type)}`;
  return Prisma.sql`((${key}) IS NULL OR (${key}) ${after} ${value} OR ((${key}) = ${value} AND ${id} ${after} ${cursor.id}))`;
}
