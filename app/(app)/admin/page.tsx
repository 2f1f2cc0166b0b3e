import { notFound, redirect } from "next/navigation";
import { requireViewer } from "@/lib/auth/require-viewer";
import { canEditStageRules } from "@/lib/data/pipelines/can-edit-stage-rules";

export default async function AdminHome() {
  const viewer = await requireViewer();
  if (viewer.role === "ADMIN") redirect("/admin/users");
  // A manager the organisation lets edit its pipelines has only that section.
  if (await canEditStageRules(viewer)) redirect("/admin/pipelines");
  notFound();
}
