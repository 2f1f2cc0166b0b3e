"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import type { ActionState } from "@/lib/actions/authed-action";
import { answerMeetingCriterion } from "@/lib/actions/meeting-answer-criterion";
import { finishMeeting } from "@/lib/actions/meeting-finish";
import { goToMeetingDeal } from "@/lib/actions/meeting-go-to-deal";
import { setMeetingForecast } from "@/lib/actions/meeting-set-forecast";
import { CRITERIA_KEYS, DealPanel } from "./deal-panel";
import { DECISION_FIELD_IDS, DecisionForm } from "./decision-form";
import { bad, buttonClass, kbdClass, muted } from "./styles";
import { FORECAST_ORDER, type ForecastCategory, type WalkState } from "./types";
import { useMeetingFollow } from "./use-meeting-follow";

const FIELDS = "input, textarea, select, [contenteditable='true']";

type Act = (prev: ActionState<never>, formData: FormData) => Promise<ActionState<unknown>>;

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, String(value));
  return data;
}

/**
 * The meeting on the projector, and on every screen that follows it. Whoever runs it (the team's manager, an admin)
 * walks it by keyboard or by clicking: ←/→ previous/next deal, 1–9 criteria, D decision, N next step, O owner, F
 * forecast category, E end, ? help, Esc leave (or leave a field). Reps follow read-only. Every change is saved at
 * once; the other screens re-read the page when the meeting's version moves.
 */
export function MeetingWalk({ state }: { state: WalkState }) {
  const t = useTranslations("meeting");
  const router = useRouter();
  const { connected } = useMeetingFollow(state.meetingId, state.version);
  const [busy, startTransition] = useTransition();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [dirty, setDirty] = useState(false);
  // While a decision is being typed, the screen stays on its deal even if the meeting moves on.
  const [shown, setShown] = useState(state);
  if (shown !== state && (!dirty || state.deal?.id === shown.deal?.id)) setShown(state);
  const moved = shown.deal?.id !== state.deal?.id;

  const headingRef = useRef<HTMLHeadingElement>(null);
  const helpRef = useRef<HTMLDialogElement>(null);
  const finishRef = useRef<HTMLDialogElement>(null);
  const announcement = shown.deal ? t("walk.announce", { position: shown.position, total: shown.total, name: shown.deal.name }) : "";

  // A new deal on screen: the focus goes to it, unless a field is being typed in.
  const shownDealId = shown.deal?.id ?? null;
  useEffect(() => {
    if (!document.activeElement?.closest(FIELDS)) headingRef.current?.focus();
  }, [shownDealId]);

  const run = useCallback(
    (action: Act, fields: Record<string, string | number>, done?: string) => {
      startTransition(async () => {
        const result = await action({ status: "idle" }, form(fields));
        setStatus(result.status === "success" ? (done ? { ok: true, text: done } : null) : { ok: false, text: result.message ?? t("walk.failed") });
        router.refresh();
      });
    },
    [router, t],
  );

  const goTo = useCallback(
    (dealId: number | null) => {
      if (dealId === null || !state.canRun) return;
      run(goToMeetingDeal as Act, { meetingId: state.meetingId, dealId });
    },
    [run, state.canRun, state.meetingId],
  );
  const toggle = useCallback(
    (index: number) => {
      const criterion = shown.deal?.criteria[index];
      if (!shown.deal || !criterion || !state.canRun) return;
      const answer = criterion.answer === true ? "no" : "yes";
      run(answerMeetingCriterion as Act, { meetingId: state.meetingId, dealId: shown.deal.id, criterionId: criterion.id, answer }, t("walk.answered", { question: criterion.question, answer: answer === "yes" ? t("deal.yes") : t("deal.no") }));
    },
    [run, shown.deal, state.canRun, state.meetingId, t],
  );
  const setForecast = useCallback(
    (category: ForecastCategory) => {
      if (!shown.deal || !state.canRun) return;
      run(setMeetingForecast as Act, { meetingId: state.meetingId, dealId: shown.deal.id, forecastCategory: category }, t("walk.forecastSet", { category: t(`forecast.${category}`) }));
    },
    [run, shown.deal, state.canRun, state.meetingId, t],
  );
  const finish = () => {
    startTransition(async () => {
      const result = await finishMeeting({ status: "idle" }, form({ meetingId: state.meetingId }));
      if (result.status === "success") router.push(`/meeting/${state.meetingId}/summary`);
      else {
        finishRef.current?.close();
        setStatus({ ok: false, text: result.message ?? t("walk.failed") });
      }
    });
  };
  // Saved: back to the deal, so the next key is a shortcut again.
  const afterDecision = () => {
    headingRef.current?.focus();
    router.refresh();
  };
  const openDialog = (dialog: HTMLDialogElement | null) => {
    if (dialog && !dialog.open) dialog.showModal();
  };

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      // The dialogs take their own keys (Esc closes them).
      if (helpRef.current?.open || finishRef.current?.open) return;
      const inField = (event.target as Element | null)?.closest?.(FIELDS) != null;
      if (event.key === "Escape") {
        event.preventDefault();
        if (inField) headingRef.current?.focus();
        else router.push("/meeting");
        return;
      }
      if (inField) return;
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      const focus = (id: string) => {
        const element = document.getElementById(id);
        if (!element) return false;
        element.focus();
        return true;
      };
      let handled = true;
      if (key === "?") openDialog(helpRef.current);
      else if (key === "ArrowLeft") goTo(state.prevDealId);
      else if (key === "ArrowRight") goTo(state.nextDealId);
      else if (!state.canRun) handled = false;
      else if (key === "d") {
        const checked = document.querySelector<HTMLInputElement>("input[name='decision']:checked");
        if (checked) checked.focus();
        else handled = focus(DECISION_FIELD_IDS.kind);
      } else if (key === "n") handled = focus(DECISION_FIELD_IDS.nextStep);
      else if (key === "o") handled = focus(DECISION_FIELD_IDS.owner);
      else if (key === "f" && shown.deal?.isOpen) {
        const next = FORECAST_ORDER[(FORECAST_ORDER.indexOf(shown.deal.forecastCategory) + 1) % FORECAST_ORDER.length]!;
        setForecast(next);
      } else if (key === "e") openDialog(finishRef.current);
      else if (/^[1-9]$/.test(key) && Number(key) <= CRITERIA_KEYS) toggle(Number(key) - 1);
      else handled = false;
      if (handled) event.preventDefault();
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [goTo, router, setForecast, shown.deal, state.canRun, state.nextDealId, state.prevDealId, toggle]);

  const deal = shown.deal;
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex flex-wrap items-center gap-x-6 gap-y-2 border-b-2 border-black px-6 py-3">
        <h1 className="font-bold">{t("walk.heading", { team: state.teamName })}</h1>
        <p className="tabular-nums">
          {state.total === 0 ? t("walk.emptyShort") : t("walk.position", { position: shown.position, total: state.total })}
          <span aria-hidden="true"> · </span>
          {t("walk.decided", { count: state.decided })}
        </p>
        <p className={connected ? muted : bad}>{connected ? t("walk.live") : t("walk.offline")}</p>
        <nav aria-label={t("walk.controls")} className="ml-auto flex flex-wrap gap-3">
          {state.canRun && (
            <>
              <button type="button" onClick={() => goTo(state.prevDealId)} disabled={busy || state.prevDealId === null} className={buttonClass("secondary")}>
                <kbd className={kbdClass} aria-hidden="true">
                  ←
                </kbd>
                {t("walk.previous")}
              </button>
              <button type="button" onClick={() => goTo(state.nextDealId)} disabled={busy || state.nextDealId === null} className={buttonClass("secondary")}>
                {t("walk.next")}
                <kbd className={kbdClass} aria-hidden="true">
                  →
                </kbd>
              </button>
            </>
          )}
          <button type="button" onClick={() => openDialog(helpRef.current)} className={buttonClass("secondary")} aria-keyshortcuts="?">
            {t("walk.help")}
          </button>
          {state.canRun && (
            <button type="button" onClick={() => openDialog(finishRef.current)} className={buttonClass("primary")} aria-keyshortcuts="E">
              {t("walk.finish")}
            </button>
          )}
          <Link href="/meeting" className={buttonClass("secondary")} aria-keyshortcuts="Escape">
            {t("walk.leave")}
          </Link>
        </nav>
      </header>

      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>

      <main id="main" className="flex-1 px-6 py-5">
        {moved && dirty && (
          <div role="status" className="mb-4 flex flex-wrap items-center gap-4 rounded-xl border-2 border-[#8a5300] bg-[#fff4dc] px-4 py-2">
            <p>{t("walk.movedOn", { position: state.position })}</p>
          </div>
        )}
        {status && (
          <p role={status.ok ? "status" : "alert"} className={`mb-4 font-semibold ${status.ok ? "text-[#075231]" : bad}`}>
            {status.text}
          </p>
        )}
        {deal ? (
          <div className={`grid gap-8 ${state.canRun ? "lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]" : ""}`}>
            <DealPanel deal={deal} canRun={state.canRun} busy={busy} headingRef={headingRef} onToggle={toggle} onForecast={setForecast} />
            {state.canRun ? (
              <section aria-label={t("decision.heading")} className="rounded-2xl border-2 border-black p-5">
                <DecisionForm key={deal.id} meetingId={state.meetingId} deal={deal} onDirtyChange={setDirty} onSaved={afterDecision} />
              </section>
            ) : (
              deal.decision && (
                <p className="rounded-xl border-2 border-[#075231] bg-[#e3f4eb] px-4 py-2">
                  {t("decision.recorded", { decision: t(`kinds.${deal.decision.kind as "HOLD"}`), who: deal.decision.by ?? "—", time: deal.decision.at })}
                  {deal.decision.nextStep && <> {t("decision.theirsNextStep", { step: deal.decision.nextStep, owner: deal.decision.owner ?? "—" })}</>}
                </p>
              )
            )}
          </div>
        ) : (
          <div>
            <h2 ref={headingRef} tabIndex={-1} className="text-4xl font-bold">
              {state.total === 0 ? t("walk.empty") : shown.hidden ? t("walk.hiddenHeading", { position: shown.position, total: state.total }) : t("walk.noDeal")}
            </h2>
            {shown.hidden && <p className="mt-3">{t("walk.hidden")}</p>}
          </div>
        )}
      </main>

      <dialog ref={helpRef} aria-labelledby="help-heading" className="m-auto max-h-[90vh] w-[min(64rem,92vw)] overflow-auto rounded-2xl border-2 border-black bg-white p-6 text-2xl text-black backdrop:bg-black/60">
        <h2 id="help-heading" className="text-3xl font-bold">
          {t("help.heading")}
        </h2>
        <table className="mt-4 w-full">
          <caption className="sr-only">{t("help.caption")}</caption>
          <thead>
            <tr className="border-b-2 border-black text-left">
              <th scope="col" className="py-2 pr-4">
                {t("help.key")}
              </th>
              <th scope="col" className="py-2">
                {t("help.action")}
              </th>
            </tr>
          </thead>
          <tbody>
            {(["arrows", "digits", "d", "n", "o", "f", "e", "help", "escape"] as const)
              .filter((key) => state.canRun || ["arrows", "help", "escape"].includes(key))
              .map((key) => (
                <tr key={key} className="border-b border-[#3d4451]">
                  <th scope="row" className="whitespace-nowrap py-2 pr-4 text-left">
                    <kbd className={kbdClass}>{t(`help.keys.${key}`)}</kbd>
                  </th>
                  <td className="py-2">{state.canRun ? t(`help.does.${key}`) : t(`help.follower.${key}`)}</td>
                </tr>
              ))}
          </tbody>
        </table>
        <form method="dialog" className="mt-6">
          <button type="submit" className={buttonClass("primary")} autoFocus>
            {t("help.close")}
          </button>
        </form>
      </dialog>

      {state.canRun && (
        <dialog ref={finishRef} aria-labelledby="finish-heading" className="m-auto w-[min(56rem,92vw)] rounded-2xl border-2 border-black bg-white p-6 text-2xl text-black backdrop:bg-black/60">
          <h2 id="finish-heading" className="text-3xl font-bold">
            {t("finish.heading")}
          </h2>
          <p className="mt-3">{t("finish.body", { decided: state.decided, total: state.total })}</p>
          <div className="mt-6 flex flex-wrap gap-4">
            <button type="button" onClick={finish} disabled={busy} className={buttonClass("primary")} autoFocus>
              {busy ? t("finish.finishing") : t("finish.confirm")}
            </button>
            <button type="button" onClick={() => finishRef.current?.close()} className={buttonClass("secondary")}>
              {t("finish.cancel")}
            </button>
          </div>
        </dialog>
      )}
    </div>
  );
}
