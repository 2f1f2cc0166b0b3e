"use client";

import { useTranslations } from "next-intl";
import { updateUser } from "@/lib/actions/admin-update-user";
import { Field, FormMessage, SubmitButton, inputClass, useActionForm } from "./form-parts";

const ROLES = ["REP", "MANAGER", "ADMIN"] as const;

export function UserRoleForm({
  user,
  teams,
}: {
  user: { id: number; role: (typeof ROLES)[number]; teamId: number | null; isViewer: boolean };
  teams: Array<{ id: number; name: string }>;
}) {
  const t = useTranslations("admin");
  const tRoles = useTranslations("roles");
  const { state, pending, formProps } = useActionForm(updateUser);
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  return (
    <form {...formProps} className="space-y-4">
      <input type="hidden" name="userId" value={user.id} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="user-role" label={t("users.role")} errors={errors.role}>
          {(aria) => (
            <select {...aria} name="role" defaultValue={user.role} className={inputClass}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {tRoles(role)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="user-team" label={t("users.team")} hint={t("users.teamHint")} errors={errors.teamId}>
          {(aria) => (
            <select {...aria} name="teamId" defaultValue={user.teamId ?? ""} className={inputClass}>
              <option value="">{t("noTeam")}</option>
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <SubmitButton pending={pending} pendingLabel={t("saving")}>
        {t("save")}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
