import type { Role } from "@/lib/db/generated/enums";
import { safeCallbackPath } from "./safe-callback-path";

/** Where a viewer starts: managers and admins on the dashboard, reps on their own KPIs. */
export function homePath(role: Role): "/dashboard" | "/my-kpis" {
  return role === "REP" ? "/my-kpis" : "/dashboard";
}

// The root sends each role to its own start page (homePath): reps to My KPIs, managers to the dashboard.
const SIGN_IN_LANDING = "/";

/** Where a sign-in returns to: the callback when it is a safe same-origin path, else the viewer's home. */
export function signInLanding(callbackUrl: unknown): string {
  return safeCallbackPath(callbackUrl) ?? SIGN_IN_LANDING;
}
