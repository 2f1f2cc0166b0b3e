"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition, type FormEvent } from "react";
import { startMeeting } from "@/lib/actions/meeting-start";
import { WALK_ORDERS } from "@/lib/validation/meeting";
import { buttonClass, radioCardClass } from "./styles";

/** Starts this week's meeting of one team in the chosen walk order, then opens it. */
export function StartMeetingForm({ teamId, teamName, resume }: { teamId: number; teamName: string; resume: boolean }) {
  const t = useTranslations("meeting.start");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await startMeeting({ status: "idle" }, formData);
      if (result.status === "success" && result.data) router.push(`/meeting/${result.data.meetingId}`);
      else setError(result.message ?? t("failed"));
    });
  }
  return (
    <form onSubmit={onSubmit} className="mt-4 space-y-4" aria-label={t("formLabel", { team: teamName })}>
      <input type="hidden" name="teamId" value={teamId} />
      {!resume && (
        <fieldset>
          <legend className="font-semibold">{t("order")}</legend>
          <div className="mt-2 flex flex-wrap gap-3">
            {WALK_ORDERS.map((order, index) => (
              <label key={order} className={radioCardClass}>
                <input type="radio" name="walkOrder" value={order} defaultChecked={index === 0} className="size-6 accent-[#2e31a8]" />
                <span>{t(`orders.${order}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {resume && <input type="hidden" name="walkOrder" value="FLAGGED" />}
      <button type="submit" disabled={pending} className={buttonClass("primary")}>
        {pending ? t("starting") : resume ? t("resume") : t("start")}
      </button>
      {error && (
        <p role="alert" className="font-semibold text-[#8a1f16]">
          {error}
        </p>
      )}
    </form>
  );
}
