import "server-only";
import { db } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { findCoachedRep, type CoachedRep } from "./coached-rep";

export type { CoachedRep };

/** The rep of a profile page: NOT_FOUND unless the viewer may see them (themselves, their team's manager, an admin). */
export function getCoachedRep(viewer: Viewer, repId: number): Promise<CoachedRep> {
  return findCoachedRep(db, viewer, repId);
}
