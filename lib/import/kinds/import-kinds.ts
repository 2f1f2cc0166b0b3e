import type { z } from "zod";
import { accountsRowSchema } from "./accounts";
import { activitiesRowSchema } from "./activities";
import { coachingSessionsRowSchema } from "./coaching-sessions";
import { dealsRowSchema } from "./deals";
import type { ParseContext } from "./field-parsers";
import { leadsRowSchema } from "./leads";
import { quotasRowSchema } from "./quotas";
import { repsRowSchema } from "./reps";
import { stageHistoryRowSchema } from "./stage-history";

export const IMPORT_KINDS = ["reps", "accounts", "leads", "deals", "stage-history", "activities", "quotas", "coaching-sessions"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const ROW_SCHEMAS = {
  reps: repsRowSchema,
  accounts: accountsRowSchema,
  leads: leadsRowSchema,
  deals: dealsRowSchema,
  "stage-history": stageHistoryRowSchema,
  activities: activitiesRowSchema,
  quotas: quotasRowSchema,
  "coaching-sessions": coachingSessionsRowSchema,
} satisfies Record<ImportKind, (ctx: ParseContext) => z.ZodObject>;

export type RowOf<K extends ImportKind> = z.output<ReturnType<(typeof ROW_SCHEMAS)[K]>>;

export interface FieldInfo {
  name: string;
  required: boolean;
  description: string;
}

/** The fields of a kind, in file order, with whether each is required and how it is read. */
export function kindFields(kind: ImportKind): FieldInfo[] {
  const schema = ROW_SCHEMAS[kind]({ decimal: "." });
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    required: !(field as z.ZodType).safeParse(undefined).success,
    description: (field as z.ZodType).description ?? "",
  }));
}
