"use server";

import { setCommitmentStatus as set } from "@/lib/data/coaching/set-commitment-status";
import { setCommitmentStatusSchema } from "@/lib/validation/coaching";
import { authedAction } from "./authed-action";

// The manager of the rep's team or an admin confirms KEPT / MISSED (or reopens); audited with the checked value.
export const setCommitmentStatus = authedAction(setCommitmentStatusSchema, (viewer, input, tx) => set(viewer, input, tx), {
  roles: ["MANAGER", "ADMIN"],
  revalidate: ["/coaching", "/review", "/my-kpis"],
  fieldLabels: "coaching.fields",
});
