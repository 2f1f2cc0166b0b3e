import Link from "next/link";
import { getTranslations } from "@/lib/i18n/get-translations";

/** From the review's action plan to the next year's pipeline plan of the same team. */
export async function PipelinePlanLink({ teamId, year }: { teamId: number; year: number }) {
  const t = await getTranslations("plan");
  return (
    <p className="rounded-xl border border-border bg-surface px-4 py-3 text-sm shadow-sm print:hidden">
      <Link href={`/plan/${year + 1}/pipeline?team=${teamId}`} className="font-medium text-accent underline underline-offset-4">
        {t("fromReview", { year: year + 1 })}
      </Link>
    </p>
  );
}
