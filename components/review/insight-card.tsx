"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { FormMessage, useActionForm } from "@/components/admin/form-parts";
import { decideReviewInsight } from "@/lib/actions/review-decide-insight";

interface Decision {
  status: "OPEN" | "ACCEPTED" | "DISMISSED";
  reason: string | null;
  comment: string | null;
}

const small = "inline-flex min-h-9 items-center rounded-lg px-3 text-sm font-medium disabled:opacity-60";

/** One insight: its sentence, its rows, and accept (a goal draft) / dismiss with a reason / comment. */
export function InsightCard({
  teamId,
  year,
  insightKey,
  code,
  message,
  href,
  decision,
  readOnly,
}: {
  teamId: number;
  year: number;
  insightKey: string;
  code: string;
  message: string;
  href: string | null;
  decision: Decision | null;
  readOnly: boolean;
}) {
  const t = useTranslations("review.insight");
  const id = useId();
  const { state, pending, formProps } = useActionForm(decideReviewInsight);
  const [mode, setMode] = useState<"none" | "dismiss" | "comment">("none");
  // A saved decision closes the reason or comment box (state derived during render, not in an effect).
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    if (state.status === "success") setMode("none");
  }
  const status = decision?.status ?? "OPEN";
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const tone = status === "ACCEPTED" ? "border-success/40" : status === "DISMISSED" ? "border-border opacity-80" : "border-accent/40";
  return (
    <article aria-labelledby={`${id}-title`} data-code={code} className={`rounded-xl border-2 bg-surface p-4 shadow-sm ${tone}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="max-w-4xl">
          <h3 id={`${id}-title`} className="text-sm font-semibold uppercase tracking-wide text-accent-soft-foreground">
            {t(`titles.${code}` as "titles.STALLED_STAGE")}
          </h3>
          <p className="mt-1 text-base leading-relaxed text-foreground">{message}</p>
        </div>
        <span className={`text-sm font-medium ${status === "ACCEPTED" ? "text-success" : "text-muted"}`}>{t(`status.${status}`)}</span>
      </div>
      {decision?.reason && status === "DISMISSED" && <p className="mt-2 text-sm text-muted">{t("dismissedBecause", { reason: decision.reason })}</p>}
      {decision?.comment && <p className="mt-2 text-sm text-foreground">{t("commentLine", { comment: decision.comment })}</p>}
      <form {...formProps} className="mt-3 space-y-3">
        <input type="hidden" name="teamId" value={teamId} />
        <input type="hidden" name="year" value={year} />
        <input type="hidden" name="insightKey" value={insightKey} />
        {mode === "dismiss" && (
          <div>
            <label htmlFor={`${id}-reason`} className="block text-sm font-medium">{t("reasonLabel")}</label>
            <input id={`${id}-reason`} name="reason" maxLength={2000} aria-invalid={errors.reason ? true : undefined} aria-describedby={errors.reason ? `${id}-reason-error` : undefined} className="mt-1 block w-full max-w-2xl rounded-lg border border-border-strong bg-surface px-3 py-2 text-sm" />
            {errors.reason && <p id={`${id}-reason-error`} className="mt-1 text-sm text-danger">{errors.reason.join(" ")}</p>}
          </div>
        )}
        {mode === "comment" && (
          <div>
            <label htmlFor={`${id}-comment`} className="block text-sm font-medium">{t("commentLabel")}</label>
            <textarea id={`${id}-comment`} name="comment" rows={2} maxLength={2000} defaultValue={decision?.comment ?? ""} className="mt-1 block w-full max-w-2xl rounded-lg border border-border-strong bg-surface px-3 py-2 text-sm" />
          </div>
        )}
        {!readOnly && (
          <div className="flex flex-wrap items-center gap-2">
            {href && (
              <Link href={href} className={`${small} border border-border-strong bg-surface text-foreground hover:bg-surface-muted`}>
                {t("showRows")}
              </Link>
            )}
            {mode === "none" && status !== "ACCEPTED" && (
              <button type="submit" name="decision" value="ACCEPT" disabled={pending} className={`${small} bg-accent text-accent-foreground hover:bg-accent-hover`}>
                {t("accept")}
              </button>
            )}
            {mode === "none" && status === "OPEN" && (
              <button type="button" onClick={() => setMode("dismiss")} className={`${small} border border-border-strong bg-surface`}>
                {t("dismiss")}
              </button>
            )}
            {mode === "dismiss" && (
              <button type="submit" name="decision" value="DISMISS" disabled={pending} className={`${small} bg-foreground text-surface`}>
                {t("confirmDismiss")}
              </button>
            )}
            {mode === "comment" && (
              <button type="submit" name="decision" value="COMMENT" disabled={pending} className={`${small} bg-foreground text-surface`}>
                {t("saveComment")}
              </button>
            )}
            {mode === "none" && status !== "OPEN" && (
              <button type="submit" name="decision" value="REOPEN" disabled={pending} className={`${small} border border-border-strong bg-surface`}>
                {t("reopen")}
              </button>
            )}
            {mode === "none" ? (
              <button type="button" onClick={() => setMode("comment")} className={`${small} text-accent underline underline-offset-4`}>
                {t("comment")}
              </button>
            ) : (
              <button type="button" onClick={() => setMode("none")} className={`${small} text-muted underline underline-offset-4`}>
                {t("cancel")}
              </button>
            )}
          </div>
        )}
        {readOnly && href && (
          <Link href={href} className="text-sm font-medium text-accent underline underline-offset-4">
            {t("showRows")}
          </Link>
        )}
        <FormMessage state={state} success={t("saved")} />
      </form>
    </article>
  );
}
