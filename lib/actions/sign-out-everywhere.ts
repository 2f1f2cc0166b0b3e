"use server";

import { z } from "zod";
import { signOutEverywhere as endAllSessions } from "@/lib/data/sign-out-everywhere";
import { authedAction } from "./authed-action";

/** The user menu's "Sign out everywhere": every device's session ends at its next request. */
export const signOutEverywhere = authedAction(z.object({}), async (viewer, _input, tx) => {
  await endAllSessions(viewer, tx);
});
