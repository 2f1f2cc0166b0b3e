import { z } from "zod";
import type { RepKind } from "@/lib/db/generated/enums";

const REPKINDS = ["AE", "SDR"] as const satisfies readonly RepKind[];
import { idField, optionalIdField } from "./admin-fields";
import { safeText } from "./bounded";

const teamNameField = safeText(80, { trim: true }).min(1);

export const createTeamSchema = z.object({ name: teamNameField, kind: z.enum(REPKINDS), managerId: optionalIdField });
export type CreateTeamInput = z.infer<typeof createTeamSchema>;

export const updateTeamSchema = z.object({ teamId: idField, name: teamNameField, managerId: optionalIdField });
export type UpdateTeamInput = z.infer<typeof updateTeamSchema>;

/** Moves a rep to a team, or out of every team (teamId empty). */
export const moveRepSchema = z.object({ repId: idField, teamId: optionalIdField });
export type MoveRepInput = z.infer<typeof moveRepSchema>;
