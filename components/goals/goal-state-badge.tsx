import { getTranslations } from "@/lib/i18n/get-translations";
import type { GoalProgress } from "@/lib/goals/goal-progress";

/** On track or behind at a glance: a word and a colour, never the colour alone. */
export async function GoalStateBadge({ goal, started }: { goal: GoalProgress; started: boolean }) {
  const t = await getTranslations("goals.state");
  const [key, look] =
    goal.target === null
      ? (["draft", "bg-warning-soft text-warning"] as const)
      : !started
        ? (["notStarted", "bg-surface-muted text-muted"] as const)
        : goal.onTrack === null
          ? (["noData", "bg-surface-muted text-muted"] as const)
          : goal.onTrack
            ? (["onTrack", "bg-success-soft text-success"] as const)
            : (["behind", "bg-danger-soft text-danger"] as const);
  return <span className={`inline-flex whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold ${look}`}>{t(key)}</span>;
}
