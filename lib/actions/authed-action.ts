import "server-only";
import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { createTranslator } from "next-intl";
import { z } from "zod";
import { getViewer } from "@/lib/auth/get-viewer";
import type { Role, Viewer } from "@/lib/auth/viewer";
import { inTransaction, type Tx } from "@/lib/data/in-transaction";
import { appErrorMessagePath, appErrorOf, type AppErrorMessageKey } from "@/lib/errors";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";
import { fieldErrorsOf, type FieldLabels } from "@/lib/validation/field-errors";

/** What a form's `useActionState` holds. Start it as `{ status: "idle" }`. */
export interface ActionState<Data = undefined> {
  status: "idle" | "success" | "error";
  message?: string;
  fieldErrors?: Record<string, string[]>;
  data?: Data;
  /** Nothing was saved because the database could not be reached: the same request may succeed later. */
  retryable?: boolean;
}

export interface ActionPolicy {
  /** Roles allowed to run the action; omitted: any signed-in user (the handler still scopes by the Viewer). */
  roles?: readonly Role[];
  /** Paths to revalidate after the transaction commits. */
  revalidate?: readonly string[];
  /** The catalogue namespace that names the form's fields in error messages (falls back to the shared `fields`). */
  fieldLabels?: FieldLabels;
  /** How long the transaction may take, for the rare action that rebuilds derived data (default: inTransaction's). */
  timeoutMs?: number;
}

export type Action<Data = undefined> = ((prev: ActionState<Data>, formData: FormData) => Promise<ActionState<Data>>) & {
  readonly [AUTHED_ACTION]: ActionPolicy;
};

/** Marks every wrapped action, so tests can tell a wrapped export from a bare one and read its policy. */
export const AUTHED_ACTION: unique symbol = Symbol.for("year-end-review.authedAction") as never;

export function actionPolicyOf(value: unknown): ActionPolicy | undefined {
  return typeof value === "function" ? (value as Partial<Action<unknown>>)[AUTHED_ACTION] : undefined;
}

/** FormData as a plain object: repeated names become arrays; Next's own `$ACTION_…` fields are dropped. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = formData.getAll(key);
    raw[key] = values.length === 1 ? values[0] : values;
  }
  return raw;
}

// The viewer's language, or the request's when there is no viewer (signed out, or the database is unreachable).
export async function translatorFor(viewer: Viewer | null) {
  const locale = viewer?.locale ?? (await getLocale());
  return createTranslator({ locale, messages: messagesFor(locale) });
}

/**
 * The only way to write a server action: session → zod → role policy → handler in one transaction →
 * revalidate. An anonymous caller, invalid input or a wrong role never reaches the handler. An unreachable
 * database (also while reading the session) answers UNAVAILABLE: nothing was saved.
 */
export function authedAction<S extends z.ZodType, Data = undefined>(
  schema: S,
  handler: (viewer: Viewer, input: z.output<S>, tx: Tx) => Promise<{ message?: string; data?: Data } | void>,
  policy: ActionPolicy = {},
): Action<Data> {
  const action = async (_prev: ActionState<Data>, formData: FormData): Promise<ActionState<Data>> => {
    let viewer: Viewer | null = null;
    try {
      viewer = await getViewer();
      const t = await translatorFor(viewer);
      const fail = (key: AppErrorMessageKey, values?: Record<string, string | number>): ActionState<Data> => ({ status: "error", message: t(appErrorMessagePath(key), values) });
      if (!viewer) return fail("UNAUTHENTICATED");

      const raw = formDataToObject(formData);
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return { ...fail("INVALID"), fieldErrors: fieldErrorsOf(parsed.error, raw, t, policy.fieldLabels) };
      if (policy.roles && !policy.roles.includes(viewer.role)) return fail("FORBIDDEN");

      const signedIn = viewer;
      let result;
      try {
        result = await inTransaction((tx) => handler(signedIn, parsed.data, tx), { timeoutMs: policy.timeoutMs });
      } catch (error) {
        // A check that needs the database (the organisation's time zone) fails as a field error; the transaction rolled back.
        if (error instanceof z.ZodError) return { ...fail("INVALID"), fieldErrors: fieldErrorsOf(error, raw, t, policy.fieldLabels) };
        throw error;
      }
      for (const path of policy.revalidate ?? []) revalidatePath(path);
      return { status: "success", message: result?.message ?? t("appErrors.saved"), data: result?.data };
    } catch (error) {
      unstable_rethrow(error);
      const known = appErrorOf(error);
      // The input is not logged: it may hold a password.
      if (!known) console.error("Server action failed", error);
      else if (known.code === "UNAVAILABLE") console.error("Server action failed: the database is unreachable");
      const t = await translatorFor(viewer);
      if (!known) return { status: "error", message: t("appErrors.failed") };
      const message = t(appErrorMessagePath(known.messageKey), known.values);
      return {
        status: "error",
        message,
        fieldErrors: known.field === undefined ? undefined : { [known.field]: [message] },
        ...(known.code === "UNAVAILABLE" ? { retryable: true } : {}),
      };
    }
  };
  return Object.defineProperty(action, AUTHED_ACTION, { value: Object.freeze({ ...policy }) }) as Action<Data>;
}
