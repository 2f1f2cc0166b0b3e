import bcrypt from "bcryptjs";
import { AppError } from "@/lib/errors";
import type { SetupInput } from "@/lib/validation/setup";
import { BCRYPT_COST } from "./admin-password";
import { assertPostgresTimeZone } from "./assert-postgres-time-zone";
import { auditRow } from "./audit-row";
import type { Tx } from "./in-transaction";
import { hashSetupToken } from "./issue-setup-token";

// Serialises setups: two different links redeemed at once must not make two organisations (pg_advisory_xact_lock key).
const SETUP_LOCK = 7_301_205;

/**
 * Redeems a setup link: creates the organisation and its first administrator, audited, and spends every setup link.
 * Refused as NOT_FOUND, with nothing written, when the link is unknown, spent or expired, or when anyone already has
 * an account. Returns the email to sign in with.
 */
export async function completeSetup(input: SetupInput, tx: Tx): Promise<{ email: string }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`;
  const link = await tx.setupToken.findFirst({
    where: { tokenHash: hashSetupToken(input.token), usedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true },
  });
  if (!link || (await tx.user.findFirst({ select: { id: true } }))) throw new AppError("NOT_FOUND", { detail: "setup link unusable" });
  await assertPostgresTimeZone(tx, input.timeZone);

  const org = await tx.organization.create({ data: { name: input.orgName, currency: input.currency, timeZone: input.timeZone } });
  const admin = await tx.user.create({
    data: { orgId: org.id, name: input.adminName, email: input.email, role: "ADMIN", active: true, passwordHash: await bcrypt.hash(input.password, BCRYPT_COST) },
  });
  await tx.setupToken.updateMany({ where: { id: link.id }, data: { usedAt: new Date() } });
  // Setting up is over: no other link may make a second organisation later.
  await tx.setupToken.deleteMany({ where: { id: { not: link.id } } });
  // No Viewer exists yet: the new administrator is the actor of both rows.
  const via = "setup link";
  await tx.auditLog.create({
    data: auditRow(org.id, admin.id, { action: "organization.create", entity: "organization", entityId: org.id, after: { name: org.name, currency: input.currency, timeZone: org.timeZone, via } }),
  });
  await tx.auditLog.create({
    data: auditRow(org.id, admin.id, { action: "user.create", entity: "user", entityId: admin.id, after: { email: admin.email, name: admin.name, role: admin.role, via } }),
  });
  return { email: admin.email };
}
