"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { RefObject } from "react";
import { bad, good, kbdClass, muted } from "./styles";
import { FORECAST_ORDER, type ForecastCategory, type WalkDeal } from "./types";

/** Keys 1–9 reach the first nine criteria of the stage. */
export const CRITERIA_KEYS = 9;

/**
 * The deal on the projector: what it is, where it stands, its flags, the exit criteria of its stage (1–9 toggle
 * them), its next step and forecast category (F). Controls only for whoever runs the meeting; a follower reads.
 */
export function DealPanel({
  deal,
  canRun,
  busy,
  headingRef,
  onToggle,
  onForecast,
}: {
  deal: WalkDeal;
  canRun: boolean;
  busy: boolean;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onToggle: (criterionIndex: number) => void;
  onForecast: (category: ForecastCategory) => void;
}) {
  const t = useTranslations("meeting.deal");
  const tFlags = useTranslations("meeting.flags");
  const tForecast = useTranslations("meeting.forecast");
  return (
    <section aria-labelledby="deal-heading" className="space-y-5">
      <div>
        <h2 id="deal-heading" ref={headingRef} tabIndex={-1} className="text-4xl font-bold leading-tight tracking-tight">
          {deal.name}
        </h2>
        <p className="mt-1">
          {[deal.account ?? t("noAccount"), deal.owner, `${deal.pipeline} / ${deal.stage}`].join(" · ")}
        </p>
        <p className="mt-1">
          {[
            deal.amount ?? t("noAmount"),
            deal.expectedClose ? t("closes", { date: deal.expectedClose }) : t("noCloseDate"),
            deal.daysInStage === null ? deal.statusLabel : t("inStage", { days: deal.daysInStage }),
          ].join(" · ")}{" "}
          <Link href={`/deals/${deal.id}`} className="underline underline-offset-4">
            {t("open")}
          </Link>
        </p>
      </div>

      <div>
        <h3 className="sr-only">{t("flagsHeading")}</h3>
        {deal.flags.length === 0 ? (
          <p className={good}>{t("noFlags")}</p>
        ) : (
          <ul className="flex flex-wrap gap-2" aria-label={t("flagsHeading")}>
            {deal.flags.map((flag) => (
              <li key={flag} className="rounded-full border-2 border-[#8a1f16] bg-[#fdecea] px-4 py-1 font-semibold text-[#8a1f16]">
                {tFlags(flag)}
              </li>
            ))}
          </ul>
        )}
        {deal.earlierOpen > 0 && <p className={`mt-2 ${bad}`}>{t("earlierOpen", { count: deal.earlierOpen })}</p>}
      </div>

      <div>
        <h3 className="text-3xl font-bold">{t("criteriaHeading", { stage: deal.stage })}</h3>
        {deal.criteria.length === 0 ? (
          <p className={`mt-2 ${muted}`}>{t("noCriteria")}</p>
        ) : (
          <ol className="mt-2 space-y-2">
            {deal.criteria.map((criterion, index) => {
              const answer = criterion.answer === null ? t("unanswered") : criterion.answer ? t("yes") : t("no");
              const look = criterion.answer === true ? "border-[#075231] bg-[#e3f4eb]" : criterion.answer === false ? "border-[#8a1f16] bg-[#fdecea]" : "border-black bg-white";
              const key = index < CRITERIA_KEYS ? String(index + 1) : null;
              const body = (
                <>
                  {key && (
                    <kbd className={kbdClass} aria-hidden="true">
                      {key}
                    </kbd>
                  )}
                  <span className="flex-1 text-left">{criterion.question}</span>
                  <span className={`font-bold ${criterion.answer === true ? good : criterion.answer === false ? bad : muted}`}>{answer}</span>
                </>
              );
              return (
                <li key={criterion.id}>
                  {canRun ? (
                    <button
                      type="button"
                      onClick={() => onToggle(index)}
                      disabled={busy || !deal.isOpen}
                      aria-pressed={criterion.answer === true}
                      className={`flex min-h-12 w-full items-center gap-4 rounded-xl border-2 px-4 py-2 disabled:cursor-wait ${look}`}
                    >
                      {body}
                    </button>
                  ) : (
                    <div className={`flex min-h-12 items-center gap-4 rounded-xl border-2 px-4 py-2 ${look}`}>{body}</div>
                  )}
                </li>
              );
            })}
          </ol>
        )}
      </div>

      <p>
        <span className="font-semibold">{t("nextStep")}: </span>
        {deal.nextStep ?? <span className={bad}>{t("noNextStep")}</span>}
      </p>

      <div>
        <h3 id="forecast-heading" className="flex items-center gap-3 font-semibold">
          {t("forecastHeading")}
          {canRun && (
            <kbd className={kbdClass} aria-hidden="true">
              F
            </kbd>
          )}
        </h3>
        {canRun ? (
          <div role="group" aria-labelledby="forecast-heading" className="mt-2 flex flex-wrap gap-2">
            {FORECAST_ORDER.map((category) => {
              const pressed = deal.forecastCategory === category;
              return (
                <button
                  key={category}
                  type="button"
                  aria-pressed={pressed}
                  disabled={busy || !deal.isOpen}
                  onClick={() => !pressed && onForecast(category)}
                  className={`min-h-12 rounded-xl border-2 px-4 font-semibold disabled:cursor-wait ${pressed ? "border-[#2e31a8] bg-[#2e31a8] text-white" : "border-black bg-white text-black"}`}
                >
                  {tForecast(category)}
                </button>
              );
            })}
          </div>
        ) : (
          <p className="mt-1">{tForecast(deal.forecastCategory)}</p>
        )}
      </div>
    </section>
  );
}
