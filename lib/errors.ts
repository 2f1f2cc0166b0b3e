import type { Messages } from "@/lib/i18n/messages";

export const APP_ERROR_CODES = ["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "INVALID", "RATE_LIMITED"] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/** A key of the `appErrors` catalogue namespace: what the user is told. */
export type AppErrorMessageKey = keyof Messages["appErrors"];

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID: 422,
  RATE_LIMITED: 429,
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

  constructor(code: AppErrorCode, options: { messageKey?: AppErrorMessageKey; values?: Record<string, string | number>; detail?: string } = {}) {
    // The detail is for logs only; users see the translated messageKey.
    super(options.detail ?? code);
    this.code = code;
    this.messageKey = options.messageKey ?? code;
    this.values = options.values ?? {};
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
