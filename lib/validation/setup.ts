import { z } from "zod";
import { emailField, passwordField, personNameField } from "./admin-fields";
import { currencyField, orgNameField, timeZoneField } from "./org-settings";

/** The one-time setup link's token as `npm start` issues it: 32 random bytes in base64url. */
export const setupTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/** The setup page: the organisation and its first administrator, created together. */
export const setupSchema = z
  .object({
    token: setupTokenSchema,
    orgName: orgNameField,
    currency: currencyField,
    timeZone: timeZoneField,
    adminName: personNameField,
    email: emailField,
    password: passwordField,
    confirm: z.string().max(200),
  })
  .superRefine((value, context) => {
    if (value.confirm !== value.password) context.addIssue({ code: "custom", path: ["confirm"], message: "mismatch" });
  });
export type SetupInput = z.infer<typeof setupSchema>;
