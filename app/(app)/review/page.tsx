import { redirect } from "next/navigation";
import { requireViewer } from "@/lib/auth/require-viewer";
import { getOrganization } from "@/lib/data/get-organization";
import { defaultReviewYear } from "@/lib/review/steps";

/** The review a manager most likely wants: this year from November on, else last year's. */
export default async function ReviewIndexPage() {
  const viewer = await requireViewer();
  if (viewer.role === "REP") redirect("/my-kpis");
  const org = await getOrganization(viewer);
  const month = Number(new Intl.DateTimeFormat("en", { month: "numeric", timeZone: org.timeZone }).format(new Date()));
  redirect(`/review/${defaultReviewYear({ year: org.currentYear, month })}`);
}
