"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { createTeam } from "@/lib/actions/admin-create-team";
import { updateTeam } from "@/lib/actions/admin-update-team";
import { Field, FormMessage, SubmitButton, inputClass, useActionForm } from "./form-parts";

type Manager = { id: number; name: string };

function ManagerSelect({ id, managers, defaultValue, errors }: { id: string; managers: Manager[]; defaultValue: number | null; errors?: string[] }) {
  const t = useTranslations("admin.teams");
  return (
    <Field id={id} label={t("manager")} errors={errors}>
      {(aria) => (
        <select {...aria} name="managerId" defaultValue={defaultValue ?? ""} className={inputClass}>
          <option value="">{t("noManager")}</option>
          {managers.map((manager) => (
            <option key={manager.id} value={manager.id}>
              {manager.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CreateTeamForm({ managers }: { managers: Manager[] }) {
  const t = useTranslations("admin");
  const { state, pending, formProps } = useActionForm(createTeam, { resetOnSuccess: true });
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  return (
    <form {...formProps} className="space-y-4">
      <div className="grid gap-4 md:grid-cols-3">
        <Field id="team-new-name" label={t("teams.name")} errors={errors.name}>
          {(aria) => <input {...aria} name="name" required maxLength={80} autoComplete="off" className={inputClass} />}
        </Field>
        <Field id="team-new-kind" label={t("teams.kind")} errors={errors.kind}>
          {(aria) => (
            <select {...aria} name="kind" defaultValue="AE" className={inputClass}>
              <option value="AE">AE</option>
              <option value="SDR">SDR</option>
            </select>
          )}
        </Field>
        <ManagerSelect id="team-new-manager" managers={managers} defaultValue={null} errors={errors.managerId} />
      </div>
      <SubmitButton pending={pending} pendingLabel={t("saving")}>
        {t("teams.create")}
      </SubmitButton>
      <FormMessage state={state} success={t("teams.created")} />
    </form>
  );
}

export function EditTeamForm({ team, managers }: { team: { id: number; name: string; managerId: number | null }; managers: Manager[] }) {
  const t = useTranslations("admin");
  const id = useId();
  const { state, pending, formProps } = useActionForm(updateTeam);
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  return (
    <form {...formProps} aria-label={t("teams.editTeam", { team: team.name })} className="space-y-3">
      <input type="hidden" name="teamId" value={team.id} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${id}-name`} label={t("teams.name")} errors={errors.name}>
          {(aria) => <input {...aria} name="name" defaultValue={team.name} required maxLength={80} autoComplete="off" className={inputClass} />}
        </Field>
        <ManagerSelect id={`${id}-manager`} managers={managers} defaultValue={team.managerId} errors={errors.managerId} />
      </div>
      <SubmitButton pending={pending} pendingLabel={t("saving")} variant="secondary">
        {t("save")}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
