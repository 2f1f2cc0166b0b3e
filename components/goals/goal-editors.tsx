import { NextIntlClientProvider } from "next-intl";
import type { Viewer } from "@/lib/auth/viewer";
import { goalFormOptions } from "@/lib/goals/goal-form-options";
import { getTranslations } from "@/lib/i18n/get-translations";
import { messagesFor } from "@/lib/i18n/messages";
import { METRICS, isMetricKey } from "@/lib/review/metric-catalogue";
import { DeleteGoalForm, GoalForm, type GoalFormValues } from "./goal-form";

export interface EditableGoal {
  id: number;
  title: string;
  metric: string;
  /** On the metric's scale (a rate as a fraction), as stored. */
  target: number | null;
  ownerId: number | null;
  dueAt: string;
  horizon: "SHORT_TERM" | "LONG_TERM";
  section: string | null;
  draft: boolean;
}

/** A target as the form shows it: a rate in percent, two decimals at most. */
function typedTarget(metric: string, target: number | null): string {
  if (target === null) return "";
  const value = isMetricKey(metric) && METRICS[metric].unit === "rate" ? target * 100 : target;
  return String(Math.round(value * 100) / 100);
}

/**
 * The editors of a team's plan: each goal (drafts first named as such) behind a disclosure, and a form to add one.
 * The review's Action plan step and `/plan/[year]` render the same editors over the same rows.
 */
export async function GoalEditors({ viewer, teamId, year, goals, timeZone }: { viewer: Viewer; teamId: number; year: number; goals: EditableGoal[]; timeZone: string }) {
  const [options, t] = await Promise.all([goalFormOptions(viewer, { teamId, year }), getTranslations("goals")]);
  const messages = messagesFor(viewer.locale);
  return (
    <NextIntlClientProvider locale={viewer.locale} messages={{ goals: messages.goals }} formats={{}} now={new Date()} timeZone={timeZone}>
      <div className="space-y-3">
        {goals.map((goal) => {
          const values: GoalFormValues = { id: goal.id, title: goal.title, metric: goal.metric, target: typedTarget(goal.metric, goal.target), ownerId: goal.ownerId, dueAt: goal.dueAt, horizon: goal.horizon, section: goal.section };
          return (
            <details key={goal.id} className="rounded-lg border border-border bg-surface px-4 py-3" open={false}>
              <summary className="cursor-pointer text-sm font-medium text-foreground">
                {t("form.editGoal", { title: goal.title })}
                {goal.draft && <span className="ml-2 rounded bg-warning-soft px-1.5 py-0.5 text-xs font-medium text-warning">{t("state.draft")}</span>}
              </summary>
              <div className="mt-4 space-y-4">
                <GoalForm options={options} goal={values} />
                <DeleteGoalForm teamId={teamId} year={year} goalId={goal.id} title={goal.title} />
              </div>
            </details>
          );
        })}
        <section aria-labelledby={`goal-add-${teamId}`} className="rounded-lg border border-border bg-surface p-4">
          <h3 id={`goal-add-${teamId}`} className="mb-3 text-base font-semibold text-foreground">{t("form.add")}</h3>
          <GoalForm options={options} />
        </section>
      </div>
    </NextIntlClientProvider>
  );
}
