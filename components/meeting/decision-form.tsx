"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState, useTransition, type FormEvent } from "react";
import { decideMeetingDeal } from "@/lib/actions/meeting-decide";
import type { MeetingDecisionKind } from "@/lib/validation/meeting";
import { bad, buttonClass, good, inputClass, kbdClass, muted, radioCardClass } from "./styles";
import { DECISION_KINDS, type WalkDeal } from "./types";

export const DECISION_FIELD_IDS = { kind: "decision-kind", nextStep: "decision-next-step", owner: "decision-owner" } as const;

const isMeetingKind = (kind: string | undefined): kind is MeetingDecisionKind => DECISION_KINDS.includes(kind as MeetingDecisionKind);

interface Values {
  kind: MeetingDecisionKind | null;
  lostReason: string;
  nextStep: string;
  ownerId: string;
  note: string;
}

function valuesOf(deal: WalkDeal): Values {
  const decision = deal.decision;
  const dealOwner = deal.owners.find((owner) => owner.isDealOwner) ?? deal.owners[0];
  return {
    kind: isMeetingKind(decision?.kind) ? decision.kind : null,
    lostReason: decision?.lostReason ?? "",
    nextStep: decision?.nextStep ?? deal.nextStep ?? "",
    ownerId: String(decision?.ownerId ?? dealOwner?.id ?? ""),
    note: decision?.note ?? "",
  };
}

/**
 * The decision on the deal on screen: kind, next step and its owner (a lost reason instead for CLOSE_LOST), saved at
 * once. The form remembers the version of the decision it started from. When another manager or tab records one
 * meanwhile: untouched, the form shows theirs; being edited, it keeps what was typed, shows theirs beside it, and the
 * save is refused once with their decision named; saving again replaces it (explicitly, never unseen).
 */
export function DecisionForm({ meetingId, deal, onDirtyChange, onSaved }: { meetingId: number; deal: WalkDeal; onDirtyChange: (dirty: boolean) => void; onSaved: () => void }) {
  const t = useTranslations("meeting.decision");
  const tKinds = useTranslations("meeting.kinds");
  const router = useRouter();
  const [values, setValues] = useState<Values>(() => valuesOf(deal));
  const [base, setBase] = useState(deal.decision?.version ?? 0);
  const [dirty, setDirty] = useState(false);
  const [refused, setRefused] = useState(false);
  const [acknowledged, setAcknowledged] = useState<number | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();
  const latest = deal.decision?.version ?? 0;

  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  // Someone else's decision arrived (the page was re-read): adopt it while nothing is typed here; once a save was
  // refused because of it, the next save replaces it.
  const [seen, setSeen] = useState(latest);
  if (latest !== seen) {
    setSeen(latest);
    if (!dirty) {
      setValues(valuesOf(deal));
      setBase(latest);
    } else if (refused) setAcknowledged(latest);
  }

  const change = (patch: Partial<Values>) => {
    setValues((current) => ({ ...current, ...patch }));
    setDirty(true);
    setMessage(null);
  };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    formData.set("baseVersion", String(acknowledged ?? base));
    startTransition(async () => {
      const result = await decideMeetingDeal({ status: "idle" }, formData);
      if (result.status === "success" && result.data) {
        setBase(result.data.decisionVersion);
        setDirty(false);
        setRefused(false);
        setAcknowledged(null);
        setFieldErrors({});
        setMessage({ ok: true, text: t("saved", { decision: values.kind ? tKinds(values.kind) : "" }) });
        onSaved();
      } else {
        setRefused(true);
        if (latest !== base) setAcknowledged(latest);
        setFieldErrors(result.fieldErrors ?? {});
        setMessage({ ok: false, text: result.message ?? t("failed") });
        router.refresh();
      }
    });
  }

  const theirs = dirty && latest !== base ? deal.decision : null;
  const errorOf = (name: string) => fieldErrors[name]?.[0];
  const describedBy = (name: string) => (errorOf(name) ? `${name}-error` : undefined);
  const fieldError = (name: string) =>
    errorOf(name) && (
      <p id={`${name}-error`} className={`mt-1 font-semibold ${bad}`}>
        {errorOf(name)}
      </p>
    );

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="decision-heading" className="space-y-4">
      <input type="hidden" name="meetingId" value={meetingId} />
      <input type="hidden" name="dealId" value={deal.id} />
      <h2 id="decision-heading" className="flex items-center justify-between gap-3 text-3xl font-bold">
        {t("heading")}
        <kbd className={kbdClass} aria-hidden="true">
          D
        </kbd>
      </h2>
      {deal.decision && !theirs && (
        <p className="rounded-xl border-2 border-[#075231] bg-[#e3f4eb] px-4 py-2">
          {t("recorded", { decision: tKinds(deal.decision.kind as MeetingDecisionKind), who: deal.decision.by ?? "—", time: deal.decision.at })}
        </p>
      )}
      {theirs && (
        <div role="alert" className="rounded-xl border-2 border-[#8a5300] bg-[#fff4dc] px-4 py-2">
          <p className="font-semibold">{t("theirs", { decision: tKinds(theirs.kind as MeetingDecisionKind), who: theirs.by ?? "—", time: theirs.at })}</p>
          {theirs.nextStep && <p>{t("theirsNextStep", { step: theirs.nextStep, owner: theirs.owner ?? "—" })}</p>}
          <p>{acknowledged === latest ? t("replaceHint") : t("theirsHint")}</p>
        </div>
      )}
      <fieldset aria-describedby={describedBy("decision")}>
        <legend className="sr-only">{t("kindLegend")}</legend>
        <div className="grid grid-cols-2 gap-2">
          {DECISION_KINDS.map((kind, index) => (
            <label key={kind} className={radioCardClass}>
              <input
                type="radio"
                name="decision"
                value={kind}
                id={index === 0 ? DECISION_FIELD_IDS.kind : undefined}
                checked={values.kind === kind}
                onChange={() => change({ kind })}
                className="size-6 shrink-0 accent-[#2e31a8]"
              />
              <span className="min-w-0 [overflow-wrap:anywhere]">{tKinds(kind)}</span>
            </label>
          ))}
        </div>
        {fieldError("decision")}
      </fieldset>
      {values.kind === "CLOSE_LOST" && (
        <div>
          <label htmlFor="decision-lost-reason" className="font-semibold">
            {t("lostReason")}
          </label>
          <input
            id="decision-lost-reason"
            name="lostReason"
            value={values.lostReason}
            onChange={(event) => change({ lostReason: event.target.value })}
            maxLength={200}
            aria-invalid={errorOf("lostReason") ? true : undefined}
            aria-describedby={describedBy("lostReason")}
            className={inputClass}
          />
          {fieldError("lostReason")}
        </div>
      )}
      <div>
        <label htmlFor={DECISION_FIELD_IDS.nextStep} className="flex items-center justify-between font-semibold">
          {values.kind === "CLOSE_LOST" ? t("nextStepOptional") : t("nextStep")}
          <kbd className={kbdClass} aria-hidden="true">
            N
          </kbd>
        </label>
        <input
          id={DECISION_FIELD_IDS.nextStep}
          name="nextStep"
          value={values.nextStep}
          onChange={(event) => change({ nextStep: event.target.value })}
          maxLength={500}
          aria-invalid={errorOf("nextStep") ? true : undefined}
          aria-describedby={describedBy("nextStep")}
          className={inputClass}
        />
        {fieldError("nextStep")}
      </div>
      <div>
        <label htmlFor={DECISION_FIELD_IDS.owner} className="flex items-center justify-between font-semibold">
          {t("owner")}
          <kbd className={kbdClass} aria-hidden="true">
            O
          </kbd>
        </label>
        <select
          id={DECISION_FIELD_IDS.owner}
          name="ownerId"
          value={values.ownerId}
          onChange={(event) => change({ ownerId: event.target.value })}
          aria-invalid={errorOf("ownerId") ? true : undefined}
          aria-describedby={describedBy("ownerId")}
          className={inputClass}
        >
          {deal.owners.map((owner) => (
            <option key={owner.id} value={owner.id}>
              {owner.isDealOwner ? t("dealOwner", { name: owner.name }) : owner.name}
            </option>
          ))}
        </select>
        {fieldError("ownerId")}
      </div>
      <div>
        <label htmlFor="decision-note" className="font-semibold">
          {t("note")}
        </label>
        <input id="decision-note" name="note" value={values.note} onChange={(event) => change({ note: event.target.value })} maxLength={1000} className={inputClass} />
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" disabled={pending || values.kind === null} className={buttonClass("primary")}>
          {pending ? t("saving") : deal.decision ? t("change") : t("save")}
        </button>
        {values.kind === null && <span className={muted}>{t("pickFirst")}</span>}
      </div>
      <div aria-live="polite">
        {message && <p className={`font-semibold ${message.ok ? good : bad}`}>{message.text}</p>}
      </div>
    </form>
  );
}
