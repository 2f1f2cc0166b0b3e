import { notFound, redirect } from "next/navigation";
import { requireViewer } from "@/lib/auth/require-viewer";

export default async function AdminHome() {
  const viewer = await requireViewer();
  if (viewer.role !== "ADMIN") notFound();
  redirect("/admin/users");
}
