import { redirect } from "next/navigation";
import { homePath } from "@/lib/auth/home-path";
import { requireViewer } from "@/lib/auth/require-viewer";

/** Managers and admins start on the dashboard, reps on their own KPIs. */
export default async function Home() {
  const viewer = await requireViewer();
  redirect(homePath(viewer.role));
}
