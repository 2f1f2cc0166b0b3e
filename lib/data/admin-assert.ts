import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";

/** Admin data functions check the role themselves too, so a caller that forgot the action policy still cannot reach them. */
export function assertAdmin(viewer: Viewer): void {
  assertViewer(viewer);
  if (viewer.role !== "ADMIN") throw new AppError("FORBIDDEN");
}
