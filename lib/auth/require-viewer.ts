import "server-only";
import { redirect } from "next/navigation";
import { getViewer } from "./get-viewer";
import type { Viewer } from "./viewer";

/** The Viewer for this request; anyone without a valid session is sent to sign in. */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  return viewer;
}
