"use client";

import { useTranslations } from "next-intl";
import { useOptimistic, useTransition } from "react";
import { trackReviewKpi } from "@/lib/actions/review-track-kpi";

export interface TrackableKpi {
  metric: string;
  label: string;
  depth: "surface" | "deep";
  current: string;
  previous: string;
  tracked: boolean;
  /** A goal already made of it (not a draft): unticking would not remove it. */
  locked: boolean;
}

/** Surface and deep KPIs side by side; each ticked one becomes a goal draft in the action plan. */
export function KpiTracker({ teamId, year, kpis, readOnly, previousLabel }: { teamId: number; year: number; kpis: TrackableKpi[]; readOnly: boolean; previousLabel: string }) {
  const t = useTranslations("review.kpis");
  const [pending, startTransition] = useTransition();
  const [optimistic, setOptimistic] = useOptimistic(kpis, (state, change: { metric: string; tracked: boolean }) =>
    state.map((kpi) => (kpi.metric === change.metric ? { ...kpi, tracked: change.tracked } : kpi)),
  );
  function toggle(metric: string, tracked: boolean) {
    startTransition(async () => {
      setOptimistic({ metric, tracked });
      const form = new FormData();
      form.set("teamId", String(teamId));
      form.set("year", String(year));
      form.set("metric", metric);
      form.set("tracked", String(tracked));
      await trackReviewKpi({ status: "idle" }, form);
    });
  }
  return (
    <fieldset className="space-y-4" aria-busy={pending}>
      <legend className="text-sm text-muted">{t("legend")}</legend>
      {(["surface", "deep"] as const).map((depth) => (
        <div key={depth}>
          <h3 className="text-sm font-semibold uppercase tracking-wide text-muted">{t(depth)}</h3>
          <ul className="mt-2 grid gap-2 md:grid-cols-2">
            {optimistic
              .filter((kpi) => kpi.depth === depth)
              .map((kpi) => (
                <li key={kpi.metric}>
                  <label className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg border border-border bg-surface px-3 py-2 text-sm has-[:checked]:border-accent has-[:checked]:bg-accent-soft">
                    <input
                      type="checkbox"
                      className="size-4 accent-[var(--accent)]"
                      checked={kpi.tracked}
                      disabled={readOnly || kpi.locked}
                      onChange={(event) => toggle(kpi.metric, event.target.checked)}
                    />
                    <span className="flex-1 font-medium text-foreground">{kpi.label}</span>
                    <span className="tabular-nums text-foreground">{kpi.current}</span>
                    <span className="w-28 text-right text-xs tabular-nums text-muted">
                      {previousLabel}: {kpi.previous}
                    </span>
                  </label>
                </li>
              ))}
          </ul>
        </div>
      ))}
    </fieldset>
  );
}
