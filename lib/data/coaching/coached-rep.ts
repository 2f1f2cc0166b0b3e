import { Prisma, type RepKind } from "@/lib/db/generated/client";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { repScopeSql } from "../rep-scope-sql";

export interface CoachedRep {
  id: number;
  name: string;
  kind: RepKind;
  active: boolean;
  teamId: number | null;
  teamName: string | null;
  /** The rep's own login, when they have one. */
  userId: number | null;
}

type Reader = { $queryRaw: <T>(query: Prisma.Sql) => Promise<T> };

/**
 * The rep aliased `rep` is one whose profile, sessions and commitments the viewer may see: an admin's organisation, a
 * manager's teams, a rep themselves. Reads and writes put it in their WHERE clause.
 */
export function coachedRepInScopeSql(viewer: Viewer): Prisma.Sql {
  const scope = repScopeSql(viewer, { id: Prisma.sql`rep.id`, orgId: Prisma.sql`rep.org_id`, teamId: Prisma.sql`rep.team_id` });
  return Prisma.sql`(${scope.aggregate}) AND (${scope.rowVisible})`;
}

/**
 * One rep the viewer may see, or NOT_FOUND — for a rep outside the scope exactly as for a missing id, so another
 * rep's id reveals nothing. `forUpdate` locks the rep's row for a write that depends on it.
 */
export async function findCoachedRep(reader: Reader, viewer: Viewer, repId: number, options: { forUpdate?: boolean } = {}): Promise<CoachedRep> {
  assertViewer(viewer);
  const rows = await reader.$queryRaw<CoachedRep[]>(Prisma.sql`
    SELECT rep.id, rep.name, rep.kind, rep.active, rep.team_id AS "teamId", t.name AS "teamName", rep.user_id AS "userId"
    FROM rep
    LEFT JOIN team t ON t.id = rep.team_id
    WHERE rep.id = ${repId} AND ${coachedRepInScopeSql(viewer)}
    ${options.forUpdate ? Prisma.sql`FOR UPDATE OF rep` : Prisma.empty}`);
  const rep = rows[0];
  if (!rep) throw new AppError("NOT_FOUND", { detail: `rep ${repId} is not in the scope of user ${viewer.userId}` });
  return rep;
}

/** Whether the viewer coaches: managers (their teams' reps) and admins log sessions and decide commitments. */
export function assertCoach(viewer: Viewer, repId: number): void {
  // A rep reaching a write path is told the row does not exist, like anyone outside the scope.
  if (viewer.role === "REP") throw new AppError("NOT_FOUND", { detail: `user ${viewer.userId} (a rep) cannot coach rep ${repId}` });
}
