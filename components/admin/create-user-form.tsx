"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { createUser } from "@/lib/actions/admin-create-user";
import { Field, FormMessage, SubmitButton, inputClass, useActionForm } from "./form-parts";
import { InviteLink } from "./invite-link";

const ROLES = ["REP", "MANAGER", "ADMIN"] as const;

export function CreateUserForm({ teams, minPassword }: { teams: Array<{ id: number; name: string }>; minPassword: number }) {
  const t = useTranslations("admin");
  const tRoles = useTranslations("roles");
  const { state, pending, formProps } = useActionForm(createUser, { resetOnSuccess: true });
  const [method, setMethod] = useState<"invite" | "password">("invite");
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const created = state.status === "success" ? state.data : undefined;

  return (
    <form {...formProps} className="space-y-4">
      <div className="grid gap-4 md:grid-cols-2">
        <Field id="new-name" label={t("users.name")} errors={errors.name}>
          {(aria) => <input {...aria} name="name" autoComplete="off" required className={inputClass} />}
        </Field>
        <Field id="new-email" label={t("users.email")} errors={errors.email}>
          {(aria) => <input {...aria} name="email" type="email" autoComplete="off" required className={inputClass} />}
        </Field>
        <Field id="new-role" label={t("users.role")} errors={errors.role}>
          {(aria) => (
            <select {...aria} name="role" defaultValue="REP" className={inputClass}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {tRoles(role)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="new-team" label={t("users.team")} hint={t("users.teamHint")} errors={errors.teamId}>
          {(aria) => (
            <select {...aria} name="teamId" defaultValue="" className={inputClass}>
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
      <fieldset>
        <legend className="text-sm font-medium text-foreground">{t("users.method")}</legend>
        <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
          {(["invite", "password"] as const).map((value) => (
            <label key={value} className="inline-flex items-center gap-2 text-sm text-foreground">
              <input type="radio" name="method" value={value} checked={method === value} onChange={() => setMethod(value)} className="size-4 accent-accent" />
              {value === "invite" ? t("users.methodInvite") : t("users.methodPassword")}
            </label>
          ))}
        </div>
      </fieldset>
      {method === "password" && (
        <Field id="new-password" label={t("user.password")} hint={t("users.passwordHint", { minimum: minPassword })} errors={errors.password} className="md:w-1/2">
          {(aria) => <input {...aria} name="password" type="password" autoComplete="new-password" required minLength={minPassword} className={inputClass} />}
        </Field>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingLabel={t("users.creating")}>{t("users.create")}</SubmitButton>
      </div>
      <FormMessage
        state={state}
        success={
          created ? (
            created.inviteToken ? (
              <InviteLink token={created.inviteToken} expiresAt={created.inviteExpiresAt} />
            ) : (
              <p>{t("users.createdActive")}</p>
            )
          ) : undefined
        }
      />
    </form>
  );
}
