import "server-only";
import { unstable_rethrow } from "next/navigation";
import { createTranslator } from "next-intl";
import type { z } from "zod";
import { formDataToObject, type ActionPolicy } from "@/lib/actions/authed-action";
import { getViewer } from "@/lib/auth/get-viewer";
import type { Role, Viewer } from "@/lib/auth/viewer";
import { inTransaction, type Tx } from "@/lib/data/in-transaction";
import { AppError, HTTP_STATUS, type AppErrorCode, type AppErrorMessageKey } from "@/lib/errors";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";
import { fieldErrorsOf } from "@/lib/validation/field-errors";

/** The JSON body of every refused request: a stable code for programs, a translated message for people. */
export interface RouteError {
  error: AppErrorCode | "INTERNAL";
  message: string;
  fieldErrors?: Record<string, string[]>;
}

type RouteContext = { params?: Promise<unknown> } | undefined;
export type Route = ((request: Request, context?: RouteContext) => Promise<Response>) & {
  readonly [AUTHED_ROUTE]: Pick<ActionPolicy, "roles">;
};

export const AUTHED_ROUTE: unique symbol = Symbol.for("year-end-review.authedRoute") as never;

export function routePolicyOf(value: unknown): Pick<ActionPolicy, "roles"> | undefined {
  return typeof value === "function" ? (value as Partial<Route>)[AUTHED_ROUTE] : undefined;
}

const NO_STORE = { "Cache-Control": "private, no-store" };

// Route params, then the query string, then (for writes) a JSON or form body: later sources win.
async function readInput(request: Request, context: RouteContext): Promise<Record<string, unknown>> {
  const params = ((await context?.params) ?? {}) as Record<string, unknown>;
  const query: Record<string, unknown> = {};
  const url = new URL(request.url);
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0] : values;
  }
  if (request.method === "GET" || request.method === "HEAD") return { ...params, ...query };
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/json")) return { ...params, ...query, ...((await request.json()) as Record<string, unknown>) };
  if (type.includes("form")) return { ...params, ...query, ...formDataToObject(await request.formData()) };
  return { ...params, ...query };
}

/**
 * authedAction for route handlers: session → zod → role policy → handler in one transaction. Refusals are
 * JSON with 401/403/404/409/422/429; the handler returns a Response or a value sent as JSON. Build any
 * streamed body inside the handler: the transaction ends when it returns.
 */
export function authedRoute<S extends z.ZodType>(
  schema: S,
  handler: (viewer: Viewer, input: z.output<S>, tx: Tx, request: Request) => Promise<unknown>,
  policy: { roles?: readonly Role[] } = {},
): Route {
  const route = async (request: Request, context?: RouteContext): Promise<Response> => {
    const viewer = await getViewer();
    const locale = viewer?.locale ?? (await getLocale());
    const t = createTranslator({ locale, messages: messagesFor(locale) });
    const refuse = (code: AppErrorCode, key: AppErrorMessageKey = code, extra: Partial<RouteError> = {}, values?: Record<string, string | number>) =>
      Response.json({ error: code, message: t(`appErrors.${key}`, values), ...extra } satisfies RouteError, { status: HTTP_STATUS[code], headers: NO_STORE });
    if (!viewer) return refuse("UNAUTHENTICATED");
    // The role is known before the body is read: a caller who may not use the route never uploads into it.
    if (policy.roles && !policy.roles.includes(viewer.role)) return refuse("FORBIDDEN");

    let raw: Record<string, unknown>;
    try {
      raw = await readInput(request, context);
    } catch {
      return refuse("INVALID");
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return refuse("INVALID", "INVALID", { fieldErrors: fieldErrorsOf(parsed.error, raw, t) });

    try {
      const result = await inTransaction((tx) => handler(viewer, parsed.data, tx, request));
      return result instanceof Response ? result : Response.json(result ?? null, { headers: NO_STORE });
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof AppError) return refuse(error.code, error.messageKey, {}, error.values);
      console.error(`${request.method} ${new URL(request.url).pathname} failed`, error);
      return Response.json({ error: "INTERNAL", message: t("appErrors.failed") } satisfies RouteError, { status: 500, headers: NO_STORE });
    }
  };
  return Object.defineProperty(route, AUTHED_ROUTE, { value: Object.freeze({ roles: policy.roles }) }) as Route;
}
