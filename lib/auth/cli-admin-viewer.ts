import type { PrismaClient } from "@/lib/db/generated/client";
import { toViewerFields } from "./viewer-fields";
import { mintViewer, type Viewer } from "./viewer";

/**
 * The Viewer of an organisation's first active administrator, for command-line tools that act "as the
 * admin" (npm run report). The organisation is found by name, or must be the only one.
 */
export async function cliAdminViewer(client: PrismaClient, orgName?: string): Promise<Viewer> {
  const orgs = await client.organization.findMany({ where: orgName === undefined ? {} : { name: orgName }, select: { id: true, name: true } });
  if (orgs.length === 0) throw new Error(orgName === undefined ? "No organisation yet: run npm run seed" : `No organisation named "${orgName}"`);
  if (orgs.length > 1) throw new Error(`Several organisations (${orgs.map((o) => o.name).join(", ")}): pick one with --org "<name>"`);
  const orgId = (orgs[0] as { id: number }).id;
  const admin = await client.user.findFirst({ where: { orgId, role: "ADMIN", active: true }, orderBy: { id: "asc" }, select: { id: true, name: true, email: true } });
  if (!admin) throw new Error("The organisation has no active administrator");
  return mintViewer(toViewerFields({ ...admin, orgId, role: "ADMIN", active: true, tokenVersion: 0, repId: null, repTeamId: null, managedTeamIds: [] }, "en"));
}
