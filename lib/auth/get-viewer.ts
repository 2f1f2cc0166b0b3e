import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { z } from "zod";
import { getSessionUser } from "@/lib/data/get-session-user";
import { getLocale } from "@/lib/i18n/get-locale";
import { authOptions } from "./options";
import { toViewerFields } from "./viewer-fields";
import { mintViewer, type Viewer } from "./viewer";

const sessionClaims = z.object({ userId: z.number().int().positive(), tokenVersion: z.number().int().min(0), sessionId: z.uuid() });

/**
 * The Viewer for this request, or null when there is no session, it was signed out or has expired (idle or
 * absolute lifetime), the user is gone or inactive, or the session predates a sign-out-everywhere (its token
 * version is stale). Checked against the database on every request, so each of these takes effect at once.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const claims = sessionClaims.safeParse(await getServerSession(authOptions));
  if (!claims.success) return null;
  const user = await getSessionUser(claims.data.userId, claims.data.sessionId);
  if (!user || !user.active || user.tokenVersion !== claims.data.tokenVersion) return null;
  return mintViewer(toViewerFields(user, await getLocale()));
});
