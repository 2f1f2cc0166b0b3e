import { Prisma } from "@/lib/db/generated/client";
import { repScope } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/viewer";

function inList(column: Prisma.Sql, ids: readonly number[]): Prisma.Sql {
  return ids.length === 0 ? Prisma.sql`FALSE` : Prisma.sql`${column} IN (${Prisma.join(ids)})`;
}

/**
 * The viewer's scope over a rep table aliased `rep`, as SQL: `aggregate` is the WHERE clause for the
 * reps whose figures may be summed; `rowVisible` says which of them may be listed one by one.
 */
export function repScopeSql(viewer: Viewer, rep: { id: Prisma.Sql; orgId: Prisma.Sql; teamId: Prisma.Sql }) {
  const scope = repScope(viewer);
  const inOrg = Prisma.sql`${rep.orgId} = ${scope.orgId}`;
  let aggregate: Prisma.Sql;
  switch (scope.aggregate.kind) {
    case "org":
      aggregate = inOrg;
      break;
    case "teams":
      aggregate = Prisma.sql`${inOrg} AND ${inList(rep.teamId, scope.aggregate.teamIds)}`;
      break;
    case "teamsAndRep": {
      const own = scope.aggregate.repId === null ? [] : [scope.aggregate.repId];
      aggregate = Prisma.sql`${inOrg} AND (${inList(rep.teamId, scope.aggregate.teamIds)} OR ${inList(rep.id, own)})`;
      break;
    }
  }
  const rowVisible =
    scope.rows.kind === "all" ? Prisma.sql`TRUE` : inList(rep.id, scope.rows.repId === null ? [] : [scope.rows.repId]);
  return { aggregate, rowVisible };
}
