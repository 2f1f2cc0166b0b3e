"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { moveRep } from "@/lib/actions/admin-move-rep";
import { SubmitButton, useActionForm } from "./form-parts";

/** One rep's "move to" control; the select and the button both name the rep for screen readers. */
export function MoveRepForm({ rep, teamId, teams }: { rep: { id: number; name: string }; teamId: number | null; teams: Array<{ id: number; name: string }> }) {
  const t = useTranslations("admin");
  const id = useId();
  const { state, pending, formProps } = useActionForm(moveRep);
  return (
    <form {...formProps} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="repId" value={rep.id} />
      <label htmlFor={id} className="sr-only">
        {t("teams.moveTo", { name: rep.name })}
      </label>
      <select id={id} name="teamId" defaultValue={teamId ?? ""} className="min-h-8 rounded-md border border-border-strong bg-surface px-2 py-1 text-sm text-foreground">
        <option value="">{t("noTeam")}</option>
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </select>
      <SubmitButton pending={pending} pendingLabel={t("saving")} variant="secondary" className="min-h-8 px-2.5 py-1" aria-label={t("teams.moveSubmit", { name: rep.name })}>
        {t("teams.move")}
      </SubmitButton>
      <span role="status" aria-live="polite" className="text-xs">
        {state.status === "error" && <span className="text-danger">{state.message}</span>}
      </span>
    </form>
  );
}
