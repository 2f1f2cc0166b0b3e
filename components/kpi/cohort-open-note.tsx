import Link from "next/link";
import { getTranslations } from "@/lib/i18n/get-translations";
import { periodContains, type Period } from "@/lib/kpi/period";

/**
 * Beside cohort shares (of the deals created in P, of the leads handed over in P) while P is still running: how many
 * of the cohort's deals are still open, so the shares will still rise as those deals finish. The count comes from
 * lib/kpi and links to those deals.
 */
export async function CohortOpenNote(props: {
  period: Period;
  periodLabel: string;
  kind: "funnel" | "chain";
  open: number;
  /** Deals created in P (the funnel's denominator); unused by the chain's note. */
  created?: number;
  href: string;
  formatNumber: (value: number) => string;
}) {
  if (props.open === 0 || !periodContains(props.period, new Date())) return null;
  const t = await getTranslations("runningPeriod");
  const open = props.formatNumber(props.open);
  const link = (chunks: React.ReactNode) => (
    <Link
      className="underline decoration-border-strong underline-offset-4 hover:decoration-accent"
      href={props.href}
      aria-label={t("showOpen", { count: props.open, value: open })}
    >
      {chunks}
    </Link>
  );
  return (
    <p className="mt-2 rounded-lg border border-border bg-surface-muted/60 px-3 py-2 text-sm text-muted" data-testid={`cohort-open-${props.kind}`}>
      {t.rich(props.kind === "funnel" ? "funnelOpen" : "chainOpen", {
        period: props.periodLabel,
        count: props.open,
        createdCount: props.created ?? 0,
        openText: open,
        open: link,
      })}
    </p>
  );
}
