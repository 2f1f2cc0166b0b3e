import { z } from "zod";
import type { Role } from "@/lib/db/generated/enums";
import { boundedDate, idParam, safeText } from "./bounded";

const ROLES = ["ADMIN", "MANAGER", "REP"] as const satisfies readonly Role[];

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const blank = (value: unknown) => {
  const one = first(value);
  return typeof one === "string" && one.trim() !== "" ? one.trim() : undefined;
};
// A bad filter in the URL is ignored rather than an error page: the list shows unfiltered.
const lenient = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional()).catch(undefined);

const page = z.preprocess(blank, z.coerce.number().int().min(1).max(100_000).default(1)).catch(1);

/** `/admin/users?q=&role=&team=&status=&page=` */
export const userListQuerySchema = z.object({
  q: lenient(safeText(100)),
  role: lenient(z.enum(ROLES)),
  team: lenient(z.union([z.literal("none"), idParam])),
  status: lenient(z.enum(["active", "invited", "deactivated"])),
  page,
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

/** `/admin/audit?actor=&entity=&action=&from=&to=&page=`; dates are days in the organisation's time zone. */
export const auditQuerySchema = z.object({
  actor: lenient(idParam),
  entity: lenient(safeText(40)),
  action: lenient(safeText(60)),
  from: lenient(boundedDate),
  to: lenient(boundedDate),
  page,
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
