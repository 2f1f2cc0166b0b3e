// The `error` next-auth puts in the sign-in URL or result, read by the login page and form.
export const RATE_LIMITED_ERROR = "RateLimited";
export const SSO_NO_ACCOUNT_ERROR = "AccessDenied";
// Sign-in could not be checked (the database is unreachable): the form says "unavailable", never the cause.
export const UNAVAILABLE_ERROR = "Unavailable";

export type SignInFailure = { kind: "credentials" } | { kind: "rateLimited"; minutes: number } | { kind: "ssoNoAccount" } | { kind: "unavailable" };

/** `RateLimited:7` → try again in 7 minutes; next-auth's own codes map to what the user can do about them. */
export function parseSignInError(error: string): SignInFailure {
  if (error === "CredentialsSignin") return { kind: "credentials" };
  if (error === SSO_NO_ACCOUNT_ERROR) return { kind: "ssoNoAccount" };
  const limited = new RegExp(`^${RATE_LIMITED_ERROR}:(\\d{1,4})$`).exec(error);
  if (limited) return { kind: "rateLimited", minutes: Number(limited[1]) };
  return { kind: "unavailable" };
}
