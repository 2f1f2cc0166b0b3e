import "server-only";
import { db } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { assertAdmin } from "./admin-assert";

/** The organisation's teams, for the admin's selects. */
export async function listTeamOptions(viewer: Viewer): Promise<Array<{ id: number; name: string; kind: "SDR" | "AE" }>> {
  assertAdmin(viewer);
  return db.team.findMany({ where: { orgId: viewer.orgId }, select: { id: true, name: true, kind: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
}
