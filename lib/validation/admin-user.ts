import { z } from "zod";
import type { Role } from "@/lib/db/generated/enums";

const ROLES = ["ADMIN", "MANAGER", "REP"] as const satisfies readonly Role[];
import { emailField, idField, optionalIdField, passwordField, personNameField, booleanField } from "./admin-fields";

const roleField = z.enum(ROLES);

/** A new user: either a one-time invitation link, or a password the admin sets now. */
export const createUserSchema = z
  .object({
    name: personNameField,
    email: emailField,
    role: roleField,
    teamId: optionalIdField,
    method: z.enum(["invite", "password"]),
    password: z.string().optional(),
  })
  .superRefine((value, context) => {
    if (value.method !== "password") return;
    const parsed = passwordField.safeParse(value.password ?? "");
    for (const issue of parsed.error?.issues ?? []) context.addIssue({ ...issue, path: ["password"] } as never);
  });

export type CreateUserInput = z.infer<typeof createUserSchema>;

/** Role and team: a rep's team is where they sell; a manager's teams are set on the teams page. */
export const updateUserSchema = z.object({ userId: idField, role: roleField, teamId: optionalIdField });
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const setUserActiveSchema = z.object({ userId: idField, active: booleanField });
export type SetUserActiveInput = z.infer<typeof setUserActiveSchema>;

export const setPasswordSchema = z.object({ userId: idField, password: passwordField });
export type SetPasswordInput = z.infer<typeof setPasswordSchema>;

export const reissueInviteSchema = z.object({ userId: idField });
export type ReissueInviteInput = z.infer<typeof reissueInviteSchema>;

/** The one-time link's token as we issue it: 32 random bytes in base64url. */
export const inviteTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export const acceptInviteSchema = z
  .object({ token: inviteTokenSchema, password: passwordField, confirm: z.string() })
  .superRefine((value, context) => {
    if (value.confirm !== value.password) context.addIssue({ code: "custom", path: ["confirm"], message: "mismatch" });
  });
export type AcceptInviteInput = z.infer<typeof acceptInviteSchema>;
