"use client";

import { useTranslations } from "next-intl";
import { startTransition, useActionState, type FormEvent } from "react";
import { FormMessage } from "@/components/admin/form-parts";
import type { ActionState } from "@/lib/actions/authed-action";
import { answerDealCriterion } from "@/lib/actions/deal-answer-criterion";

/** Two buttons, Yes and No, each submitting its own answer; the pressed one is the current answer. */
export function CriterionAnswerForm({ dealId, criterion }: { dealId: number; criterion: { id: number; question: string; answer: boolean | null } }) {
  const t = useTranslations("deal");
  const [state, dispatch, pending] = useActionState(answerDealCriterion, { status: "idle" } as ActionState);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The clicked button carries the answer; FormData includes it only when given the submitter.
    const formData = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => dispatch(formData));
  }
  const button = (value: "yes" | "no", pressed: boolean) => {
    const look = pressed
      ? value === "yes"
        ? "border-success bg-success-soft text-success"
        : "border-danger bg-danger-soft text-danger"
      : "border-border-strong bg-surface text-foreground hover:bg-surface-muted";
    return (
      <button
        type="submit"
        name="answer"
        value={value}
        aria-pressed={pressed}
        disabled={pending}
        className={`inline-flex min-h-9 min-w-14 items-center justify-center rounded-lg border px-3 text-sm font-semibold shadow-sm transition-colors disabled:cursor-wait disabled:opacity-80 ${look}`}
      >
        {t(value)}
      </button>
    );
  };
  return (
    <form action={dispatch} onSubmit={onSubmit} className="space-y-2">
      <input type="hidden" name="dealId" value={dealId} />
      <input type="hidden" name="criterionId" value={criterion.id} />
      <div role="group" aria-label={t("answerGroup", { question: criterion.question })} className="flex gap-2">
        {button("yes", criterion.answer === true)}
        {button("no", criterion.answer === false)}
      </div>
      <FormMessage state={state} success={t("answerSaved")} />
    </form>
  );
}
