import type { SessionUser } from "@/lib/data/get-session-user";
import type { Locale } from "@/lib/i18n/config";
import type { ViewerFields } from "./viewer";

/** The Viewer's teams follow the role: a manager's managed teams, a rep's own team, none for an admin. */
export function toViewerFields(user: SessionUser, locale: Locale): ViewerFields {
  const teamIds =
    user.role === "MANAGER" ? user.managedTeamIds : user.role === "REP" && user.repTeamId !== null ? [user.repTeamId] : [];
  return {
    userId: user.id,
    orgId: user.orgId,
    role: user.role,
    repId: user.repId,
    teamIds,
    name: user.name,
    email: user.email,
    locale,
  };
}
