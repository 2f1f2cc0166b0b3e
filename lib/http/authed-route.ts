import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { formDataToObject, translatorFor, type ActionPolicy } from "@/lib/actions/authed-action";
import { getViewer } from "@/lib/auth/get-viewer";
import type { Role, Viewer } from "@/lib/auth/viewer";
import { inTransaction, type Tx } from "@/lib/data/in-transaction";
import { appErrorMessagePath, appErrorOf, HTTP_STATUS, type AppErrorCode, type AppErrorMessageKey } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/validation/field-errors";
import { BodyTooLargeError, readBoundedBody, ROUTE_BODY_LIMIT_BYTES } from "./read-body";
import { RETRY_AFTER_SECONDS } from "./retry-after";

/** The JSON body of every refused request: a stable code for programs, a translated message for people. */
export interface RouteError {
  error: AppErrorCode | "TOO_LARGE" | "INTERNAL";
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
  if (type.includes("application/json")) {
    const body: unknown = JSON.parse(new TextDecoder().decode(await readBoundedBody(request, ROUTE_BODY_LIMIT_BYTES)));
    // An array, a string or null is no set of fields: spreading a string would make "0", "1"… fields.
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw new SyntaxError("the JSON body is not an object");
    return { ...params, ...query, ...(body as Record<string, unknown>) };
  }
  if (type.includes("form")) {
    const bytes = await readBoundedBody(request, ROUTE_BODY_LIMIT_BYTES);
    return { ...params, ...query, ...formDataToObject(await new Response(bytes, { headers: { "content-type": type } }).formData()) };
  }
  return { ...params, ...query };
}

// Methods that only read: a cross-site link to them can do no harm, and links and downloads send no Origin.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a state-changing request comes from a page of this app, as Next checks its server actions: the browser's
 * Origin must name the host the request was sent to (the proxy's X-Forwarded-Host first). A request without Origin
 * is refused too: browsers always send it with a POST, so only scripts outside a browser omit it.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const forwarded = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const host = forwarded || request.headers.get("host") || new URL(request.url).host;
  return originHost.toLowerCase() === host.toLowerCase();
}

/** 413 with a message naming the cap, for a body over its route's limit (read with readBoundedBody). */
export async function tooLarge(viewer: Viewer | null, limit: number): Promise<Response> {
  const t = await translatorFor(viewer);
  const message = limit >= 1024 * 1024
    ? t("requestLimits.tooLargeMb", { amount: Math.floor(limit / (1024 * 1024)) })
    : t("requestLimits.tooLargeKb", { amount: Math.floor(limit / 1024) });
  return Response.json({ error: "TOO_LARGE", message } satisfies RouteError, { status: 413, headers: NO_STORE });
}

/**
 * authedAction for route handlers: same-origin check for writes → session → zod → role policy → handler in one
 * transaction. Refusals are JSON with 401/403/404/409/413/422/429, and 503 while the database is unreachable; the
 * handler returns a Response or a value sent as JSON. Build any streamed body inside the handler: the transaction
 * ends when it returns.
 */
export function authedRoute<S extends z.ZodType>(
  schema: S,
  handler: (viewer: Viewer, input: z.output<S>, tx: Tx, request: Request) => Promise<unknown>,
  policy: { roles?: readonly Role[] } = {},
): Route {
  const route = async (request: Request, context?: RouteContext): Promise<Response> => {
    let viewer: Viewer | null = null;
    const refuse = async (code: AppErrorCode, key: AppErrorMessageKey = code, extra: Partial<RouteError> = {}, values?: Record<string, string | number>) => {
      const t = await translatorFor(viewer);
      const headers = code === "UNAVAILABLE" ? { ...NO_STORE, "Retry-After": String(RETRY_AFTER_SECONDS) } : NO_STORE;
      return Response.json({ error: code, message: t(appErrorMessagePath(key), values), ...extra } satisfies RouteError, { status: HTTP_STATUS[code], headers });
    };
    // Before the session is read: a forged cross-site request costs no database round trip.
    if (!SAFE_METHODS.has(request.method) && !isSameOrigin(request)) return refuse("FORBIDDEN");

    try {
      viewer = await getViewer();
      if (!viewer) return await refuse("UNAUTHENTICATED");
      // The role is known before the body is read: a caller who may not use the route never uploads into it.
      if (policy.roles && !policy.roles.includes(viewer.role)) return await refuse("FORBIDDEN");

      let raw: Record<string, unknown>;
      try {
        raw = await readInput(request, context);
      } catch (error) {
        if (error instanceof BodyTooLargeError) return await tooLarge(viewer, error.limit);
        return await refuse("INVALID");
      }
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return await refuse("INVALID", "INVALID", { fieldErrors: fieldErrorsOf(parsed.error, raw, await translatorFor(viewer)) });

      const signedIn = viewer;
      const result = await inTransaction((tx) => handler(signedIn, parsed.data, tx, request));
      return result instanceof Response ? result : Response.json(result ?? null, { headers: NO_STORE });
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof BodyTooLargeError) return tooLarge(viewer, error.limit);
      const known = appErrorOf(error);
      if (known) {
        if (known.code === "UNAVAILABLE") console.error(`${request.method} ${new URL(request.url).pathname} failed: the database is unreachable`);
        return refuse(known.code, known.messageKey, {}, known.values);
      }
      console.error(`${request.method} ${new URL(request.url).pathname} failed`, error);
      const t = await translatorFor(viewer);
      return Response.json({ error: "INTERNAL", message: t("appErrors.failed") } satisfies RouteError, { status: 500, headers: NO_STORE });
    }
  };
  return Object.defineProperty(route, AUTHED_ROUTE, { value: Object.freeze({ roles: policy.roles }) }) as Route;
}
