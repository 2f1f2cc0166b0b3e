import type { Messages } from "@/lib/i18n/messages";

export const APP_ERROR_CODES = ["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "INVALID", "RATE_LIMITED", "UNAVAILABLE"] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/** What the user is told: a key of the `appErrors` catalogue namespace, or of a feature's own errors namespace. */
export type AppErrorMessageKey = keyof Messages["appErrors"] | `pipelinesAdmin.errors.${keyof Messages["pipelinesAdmin"]["errors"] & string}`;

/** The catalogue path of a message key: under `appErrors` unless the key names its own namespace. */
export function appErrorMessagePath(key: AppErrorMessageKey) {
  return key.includes(".") ? (key as Exclude<AppErrorMessageKey, keyof Messages["appErrors"]>) : (`appErrors.${key as keyof Messages["appErrors"]}` as const);
}

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

/**
 * The one error the app throws on purpose. Data functions throw NOT_FOUND for a row outside the viewer's
 * scope exactly as for a missing one, so an id from elsewhere reveals nothing.
 */
export class AppError extends Error {
  override name = "AppError";
  readonly code: AppErrorCode;
  readonly messageKey: AppErrorMessageKey;
  readonly values: Record<string, string | number>;
  /** The form field the message is about (a name already taken): a form shows it there too. */
  readonly field: string | undefined;

  constructor(
    code: AppErrorCode,
    options: { messageKey?: AppErrorMessageKey; values?: Record<string, string | number>; field?: string; detail?: string } = {},
  ) {
    // The detail is for logs only; users see the translated messageKey.
    super(options.detail ?? code);
    this.code = code;
    this.messageKey = options.messageKey ?? code;
    this.values = options.values ?? {};
    this.field = options.field;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

// Prisma's codes for a server it cannot reach, that timed out or closed the connection, and a pool with no free connection.
const PRISMA_UNAVAILABLE = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
// What @prisma/adapter-pg reports for a refused, reset or timed-out socket and for a server out of connections.
const ADAPTER_UNAVAILABLE = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const SOCKET_UNAVAILABLE = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
// SQLSTATE: 08 connection exceptions; 57P01–57P03 the server shutting down, crashed or starting; 53300 too many connections.
const SQLSTATE_UNAVAILABLE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;
// node-postgres says these without a code when the server goes away mid-session, or does not connect or answer in time.
const DRIVER_MESSAGES = /^(Connection terminated( unexpectedly| due to connection timeout)?|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error and is not queryable)$/;

/**
 * Whether an error means the database cannot be reached right now (down, restarting, out of connections) rather
 * than that a query is wrong: the request may succeed once it is back. Looks through Prisma's wrapping to the
 * driver adapter's error and node-postgres's.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const value = queue.shift();
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    const { code, errorCode, kind, originalCode, message, meta, cause, errors } = value as Record<string, unknown>;
    // Prisma's initialization errors carry their P-code as errorCode.
    for (const candidate of [code, errorCode, originalCode]) {
      if (typeof candidate === "string" && (PRISMA_UNAVAILABLE.has(candidate) || SOCKET_UNAVAILABLE.has(candidate) || SQLSTATE_UNAVAILABLE.test(candidate))) return true;
    }
    if (typeof kind === "string" && ADAPTER_UNAVAILABLE.has(kind)) return true;
    if (typeof message === "string" && DRIVER_MESSAGES.test(message)) return true;
    queue.push(cause, (meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError, ...(Array.isArray(errors) ? errors : []));
  }
  return false;
}

/** The AppError an error stands for: itself, UNAVAILABLE for an unreachable database, or null for a bug. */
export function appErrorOf(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) return new AppError("UNAVAILABLE", { detail: "the database is unreachable" });
  return null;
}
