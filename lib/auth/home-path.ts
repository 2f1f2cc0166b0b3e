import type { Role } from "@/lib/db/generated/enums";
import { safeCallbackPath } from "./safe-callback-path";

/** Where a viewer starts: managers and admins on the dashboard, reps on their own KPIs. */
export function homePath(role: Role): "/dashboard" | "/my-kpis" {
  return role === "REP" ? "/my-kpis" : "/dashboard";
}

// Every role may see the roster, so a sign-in without a usable callback lands there.
const SIGN_IN_LANDING = "/roster";

/** Where a sign-in returns to: the callback when it is a safe same-origin path, else the roster. */
export function signInLanding(callbackUrl: unknown): string {
  return safeCallbackPath(callbackUrl) ?? SIGN_IN_LANDING;
}
