import type { createTranslator } from "next-intl";
import type { z } from "zod";
import type { Messages } from "@/lib/i18n/messages";

type Translator = ReturnType<typeof createTranslator<Messages>>;
type FieldErrorKey = keyof Messages["fieldErrors"];

/**
 * A check a type cannot say (a date too far ahead, a target the metric cannot take) names its own catalogue message:
 * `ctx.addIssue({ code: "custom", path, params: { messageKey: "coaching.errors.atInFuture", values } })`.
 */
export interface CustomIssueParams {
  messageKey: string;
  values?: Record<string, string | number>;
}

function customMessage(issue: z.core.$ZodIssue): CustomIssueParams | null {
  if (issue.code !== "custom") return null;
  const params = (issue as { params?: Partial<CustomIssueParams> }).params;
  return typeof params?.messageKey === "string" ? { messageKey: params.messageKey, values: params.values } : null;
}

function problem(issue: z.core.$ZodIssue, given: unknown): { key: FieldErrorKey; values?: Record<string, number> } {
  switch (issue.code) {
    case "invalid_type":
      if (given === undefined || given === "") return { key: "required" };
      return { key: issue.expected === "number" || issue.expected === "int" ? "notANumber" : "invalid" };
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? { key: "required" } : { key: "tooShort", values: { minimum: Number(issue.minimum) } };
      if (issue.origin === "array" && Number(issue.minimum) <= 1) return { key: "required" };
      return { key: "tooSmall", values: { minimum: Number(issue.minimum) } };
    case "too_big":
      return issue.origin === "string"
        ? { key: "tooLong", values: { maximum: Number(issue.maximum) } }
        : { key: "tooBig", values: { maximum: Number(issue.maximum) } };
    case "invalid_format":
      return { key: issue.format === "email" ? "email" : "invalid" };
    case "invalid_value":
      return { key: "choice" };
    default:
      return { key: "invalid" };
  }
}

/** Catalogue namespaces that hold field labels: the shared `fields`, or a feature's own. */
export type FieldLabels = "fields" | `${string}.fields`;

/**
 * Zod issues as translated messages per field, each naming the field by its catalogue label (`<labels>.<name>`, by
 * default `fields.<name>`; a nested field such as `commitments.0.dueAt` by its last name). Schema-level messages are
 * ignored on purpose: they would not be translated; a custom issue names its catalogue message (CustomIssueParams).
 */
export function fieldErrorsOf(error: z.ZodError, raw: Record<string, unknown>, t: Translator, labels: FieldLabels = "fields"): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const name = issue.path.length > 0 ? issue.path.map(String).join(".") : "form";
    const top = String(issue.path[0] ?? "");
    const last = String(issue.path.findLast((part) => typeof part === "string") ?? "");
    const labelKey = [`${labels}.${last}`, `fields.${last}`].find((key) => last && t.has(key as Parameters<Translator>[0])) as Parameters<Translator>[0] | undefined;
    const field = labelKey ? t(labelKey) : last;
    const custom = customMessage(issue);
    if (custom && t.has(custom.messageKey as Parameters<Translator>[0])) {
      (errors[name] ??= []).push(t(custom.messageKey as Parameters<Translator>[0], { field, ...custom.values }));
      continue;
    }
    const { key, values } = problem(issue, name in raw ? raw[name] : raw[top]);
    (errors[name] ??= []).push(t(`fieldErrors.${key}`, { field, ...values }));
  }
  return errors;
}
