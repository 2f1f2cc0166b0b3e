import "server-only";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { ImportScope } from "@/lib/import/load/import-scope";

/**
 * What `viewer` may import: an admin the whole organisation (no scope), a manager their teams' reps and the
 * records those reps own (the library checks every row against it: lib/import/load/import-scope.ts). Reps import
 * nothing: the data functions refuse them too, whatever route called them.
 */
export function importScopeFor(viewer: Viewer): ImportScope | undefined {
  assertViewer(viewer);
  switch (viewer.role) {
    case "ADMIN":
      return undefined;
    case "MANAGER":
      return { teamIds: viewer.teamIds, userId: viewer.userId };
    default:
      throw new AppError("FORBIDDEN");
  }
}
