import type { Role } from "@/lib/db/generated/enums";

/** Where a viewer starts: managers and admins on the dashboard, reps on their own KPIs. */
export function homePath(role: Role): "/dashboard" | "/my-kpis" {
  return role === "REP" ? "/my-kpis" : "/dashboard";
}
