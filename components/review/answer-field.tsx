"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useReducer, useRef } from "react";
import { saveReviewAnswer } from "@/lib/actions/review-save-answer";
import type { SaveAnswerOutcome } from "@/lib/data/review/save-review-answer";

type Theirs = Extract<SaveAnswerOutcome, { outcome: "conflict" }>["theirs"];

/** What the writer sees under the text: where their words are. */
type SaveState =
  | { kind: "idle" }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "saved"; at: string }
  | { kind: "offline"; attempts: number }
  | { kind: "conflict"; theirs: Theirs; mine: string }
  | { kind: "error"; message: string };

type Event =
  | { type: "typed" }
  | { type: "saving" }
  | { type: "saved"; at: string }
  | { type: "failed" }
  | { type: "conflict"; theirs: Theirs; mine: string }
  | { type: "refused"; message: string }
  | { type: "resolved"; at: string };

function reduce(state: SaveState, event: Event): SaveState {
  switch (event.type) {
    case "typed":
      // A conflict stays on screen until the writer chooses a version.
      return state.kind === "conflict" ? state : { kind: "dirty" };
    case "saving":
      return state.kind === "offline" ? state : { kind: "saving" };
    case "saved":
    case "resolved":
      return { kind: "saved", at: event.at };
    case "failed":
      return { kind: "offline", attempts: state.kind === "offline" ? state.attempts + 1 : 1 };
    case "conflict":
      return { kind: "conflict", theirs: event.theirs, mine: event.mine };
    case "refused":
      return { kind: "error", message: event.message };
  }
}

const DEBOUNCE_MS = 800;
// Retries back off to half a minute; after this many the writer is told plainly that nothing was saved.
const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];
const TELL_AFTER_ATTEMPTS = 3;

export interface AnswerFieldProps {
  teamId: number;
  year: number;
  section: string;
  questionKey: string;
  question: string;
  hint?: string;
  initial: { answer: string; version: number; updatedBy: string | null; updatedAt: string } | null;
  readOnly: boolean;
  maxLength: number;
}

/** One guiding question and its answer, saved as the manager types; a save over someone else's is refused and shown. */
export function AnswerField({ teamId, year, section, questionKey, question, hint, initial, readOnly, maxLength }: AnswerFieldProps) {
  const t = useTranslations("review.answer");
  const id = useId();
  const [state, dispatch] = useReducer(reduce, initial ? { kind: "saved", at: initial.updatedAt } : { kind: "idle" });
  const text = useRef(initial?.answer ?? "");
  const baseVersion = useRef(initial?.version ?? 0);
  const area = useRef<HTMLTextAreaElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef(false);
  const again = useRef(false);
  const attempts = useRef(0);
  // Timers call the latest save through this ref (a callback cannot name itself while it is being defined).
  const saveLater = useRef<() => void>(() => {});

  const save = useCallback(async () => {
    clearTimeout(timer.current);
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    dispatch({ type: "saving" });
    const form = new FormData();
    form.set("teamId", String(teamId));
    form.set("year", String(year));
    form.set("section", section);
    form.set("questionKey", questionKey);
    form.set("answer", text.current);
    form.set("baseVersion", String(baseVersion.current));
    const retryLater = () => {
      dispatch({ type: "failed" });
      const delay = RETRY_DELAYS_MS[Math.min(attempts.current, RETRY_DELAYS_MS.length - 1)]!;
      attempts.current += 1;
      timer.current = setTimeout(() => saveLater.current(), delay);
    };
    try {
      const result = await saveReviewAnswer({ status: "idle" }, form);
      if (result.retryable) {
        // The server answered but its database did not: nothing was saved, the same save will work later.
        retryLater();
        return;
      }
      attempts.current = 0;
      if (result.status === "success" && result.data?.outcome === "saved") {
        baseVersion.current = result.data.version;
        dispatch({ type: "saved", at: result.data.savedAt });
      } else if (result.status === "success" && result.data?.outcome === "conflict") {
        dispatch({ type: "conflict", theirs: result.data.theirs, mine: form.get("answer") as string });
        again.current = false;
      } else {
        dispatch({ type: "refused", message: result.message ?? t("notSaved") });
        again.current = false;
      }
    } catch {
      // The request never reached the server or its answer never came back: keep the text, try again.
      retryLater();
    } finally {
      inFlight.current = false;
      if (again.current) {
        again.current = false;
        saveLater.current();
      }
    }
  }, [teamId, year, section, questionKey, t]);

  useEffect(() => {
    saveLater.current = () => void save();
  }, [save]);

  useEffect(() => {
    const retryNow = () => {
      if (attempts.current > 0) void save();
    };
    window.addEventListener("online", retryNow);
    return () => window.removeEventListener("online", retryNow);
  }, [save]);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (state.kind === "dirty" || state.kind === "saving" || state.kind === "offline" || state.kind === "conflict") event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [state.kind]);

  useEffect(() => () => clearTimeout(timer.current), []);

  function onChange(value: string) {
    text.current = value;
    dispatch({ type: "typed" });
    if (state.kind === "conflict") return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), DEBOUNCE_MS);
  }

  function keepMine(theirs: Theirs) {
    baseVersion.current = theirs.version;
    dispatch({ type: "typed" });
    void save();
  }

  function takeTheirs(theirs: Theirs) {
    baseVersion.current = theirs.version;
    text.current = theirs.answer;
    if (area.current) area.current.value = theirs.answer;
    dispatch({ type: "resolved", at: theirs.updatedAt });
  }

  const statusId = `${id}-status`;
  const hintId = `${id}-hint`;
  return (
    <div className="space-y-2">
      <label htmlFor={`${id}-answer`} className="block text-base font-medium text-foreground">
        {question}
      </label>
      {hint && (
        <p id={hintId} className="text-sm text-muted">
          {hint}
        </p>
      )}
      <textarea
        ref={area}
        id={`${id}-answer`}
        name={questionKey}
        rows={4}
        maxLength={maxLength}
        defaultValue={initial?.answer ?? ""}
        readOnly={readOnly}
        aria-describedby={`${hint ? hintId : ""} ${statusId}`.trim()}
        onChange={(event) => onChange(event.target.value)}
        onBlur={() => {
          if (state.kind === "dirty") void save();
        }}
        className="block w-full resize-y rounded-lg border border-border-strong bg-surface px-3 py-2 text-sm leading-relaxed text-foreground shadow-sm placeholder:text-muted focus:border-accent read-only:bg-surface-muted"
        placeholder={readOnly ? undefined : t("placeholder")}
      />
      <div id={statusId} role="status" aria-live="polite" className="min-h-5 text-sm">
        <SaveStatus state={state} readOnly={readOnly} />
      </div>
      {state.kind === "offline" && state.attempts >= TELL_AFTER_ATTEMPTS && (
        <div role="alert" className="rounded-lg border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger">
          {t("notSavedOffline")}{" "}
          <button type="button" onClick={() => void save()} className="font-medium underline underline-offset-4">
            {t("retryNow")}
          </button>
        </div>
      )}
      {state.kind === "conflict" && (
        <div role="alert" className="space-y-3 rounded-lg border border-warning/50 bg-warning-soft p-4 text-sm text-foreground">
          <p className="font-medium">
            {t("conflict", { name: state.theirs.updatedBy ?? t("someoneElse") })}
          </p>
          <div className="grid gap-3 md:grid-cols-2">
            <figure>
              <figcaption className="text-xs font-medium uppercase tracking-wide text-muted">{t("theirVersion")}</figcaption>
              <blockquote className="mt-1 whitespace-pre-wrap rounded border border-border bg-surface p-2">{state.theirs.answer || t("empty")}</blockquote>
            </figure>
            <figure>
              <figcaption className="text-xs font-medium uppercase tracking-wide text-muted">{t("yourVersion")}</figcaption>
              <blockquote className="mt-1 whitespace-pre-wrap rounded border border-border bg-surface p-2">{state.mine || t("empty")}</blockquote>
            </figure>
          </div>
          <div className="flex flex-wrap gap-2">
            <button type="button" onClick={() => keepMine(state.theirs)} className="rounded-lg bg-accent px-3 py-1.5 font-medium text-accent-foreground">
              {t("keepMine")}
            </button>
            <button type="button" onClick={() => takeTheirs(state.theirs)} className="rounded-lg border border-border-strong bg-surface px-3 py-1.5 font-medium">
              {t("useTheirs")}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

function SaveStatus({ state, readOnly }: { state: SaveState; readOnly: boolean }) {
  const t = useTranslations("review.answer");
  if (readOnly) return <span className="text-muted">{t("readOnly")}</span>;
  switch (state.kind) {
    case "idle":
      return null;
    case "dirty":
      return <span className="text-muted">{t("unsaved")}</span>;
    case "saving":
      return <span className="text-muted">{t("saving")}</span>;
    case "saved":
      return <span className="text-success">{t("saved", { time: new Date(state.at) })}</span>;
    case "offline":
      return <span className="text-danger">{t("offline")}</span>;
    case "conflict":
      return <span className="text-danger">{t("conflictShort")}</span>;
    case "error":
      return <span className="text-danger">{state.message}</span>;
  }
}
