"use server";

import { acknowledgeCommitment as acknowledge } from "@/lib/data/coaching/acknowledge-commitment";
import { acknowledgeCommitmentSchema } from "@/lib/validation/coaching";
import { authedAction } from "./authed-action";

// Only the rep the commitment belongs to acknowledges it.
export const acknowledgeCommitment = authedAction(acknowledgeCommitmentSchema, (viewer, input, tx) => acknowledge(viewer, input, tx), {
  roles: ["REP"],
  revalidate: ["/my-kpis"],
  fieldLabels: "coaching.fields",
});
