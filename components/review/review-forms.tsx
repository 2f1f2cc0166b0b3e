"use client";

import { useTranslations } from "next-intl";
import { FormMessage, useActionForm } from "@/components/admin/form-parts";
import { setReviewSectionDone } from "@/lib/actions/review-set-section-done";
import { setReviewStatus } from "@/lib/actions/review-set-status";

const button = "inline-flex min-h-10 items-center rounded-lg px-4 text-sm font-medium disabled:opacity-60";

/** Marks the section done (or back in progress); the stepper shows the state after the save. */
export function SectionDoneForm({ teamId, year, section, done, disabled }: { teamId: number; year: number; section: string; done: boolean; disabled: boolean }) {
  const t = useTranslations("review.section");
  const { state, pending, formProps } = useActionForm(setReviewSectionDone);
  return (
    <form {...formProps} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="section" value={section} />
      <input type="hidden" name="done" value={String(!done)} />
      <button type="submit" disabled={pending || disabled} className={`${button} ${done ? "border border-border-strong bg-surface text-foreground" : "bg-success text-white"}`}>
        {done ? t("markInProgress") : t("markDone")}
      </button>
      {/* As above: `done` is the state after the save. */}
      <FormMessage state={state} success={done ? t("markedDone") : t("markedInProgress")} />
    </form>
  );
}

/** Completes the review (read-only afterwards) or reopens it. */
export function ReviewStatusForm({ teamId, year, completed }: { teamId: number; year: number; completed: boolean }) {
  const t = useTranslations("review.summary");
  const { state, pending, formProps } = useActionForm(setReviewStatus);
  return (
    <form {...formProps} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="status" value={completed ? "DRAFT" : "COMPLETED"} />
      <button type="submit" disabled={pending} className={`${button} ${completed ? "border border-border-strong bg-surface text-foreground" : "bg-accent text-accent-foreground hover:bg-accent-hover"}`}>
        {completed ? t("reopen") : t("complete")}
      </button>
      {/* The action's response carries the re-rendered page: `completed` is already the new state here. */}
      <FormMessage state={state} success={completed ? t("completed") : t("reopened")} />
    </form>
  );
}
