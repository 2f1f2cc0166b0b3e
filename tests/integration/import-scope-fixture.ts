// The authorization fixture (two teams, their managers and reps, a second organisation) with what the import-scope
// tests need on top: accounts, leads and more deals on both teams, every name of team Y's carrying its marker so
// a leak into any response shows up. Imports run through the same data functions the wizard's routes call.
import { databaseFingerprint, type Fixture, MARKERS, seedAuthorizationFixture } from "./authorization-fixture";
import type { PrismaClient } from "@/lib/db/create-client";
import type { Viewer } from "@/lib/auth/viewer";
import type { ImportKind } from "@/lib/import/kinds/import-kinds";
import { importMappingSchema } from "@/lib/validation/import-mapping";

export interface ScopeFixture extends Fixture {
  pipelineId: number;
  accounts: { x: number; y: number; shared: number; unused: number };
  leads: { x: number; y: number; handedToX: number };
  /** More deals of team Y (25), for a file naming many of them. */
  teamYDeals: number[];
}

/** Rows of other scopes are named by their export id, so the file itself carries no marker. */
export const ref = (id: number) => `app-${id}`;

export async function seedImportScopeFixture(db: PrismaClient): Promise<ScopeFixture> {
  const fx = await seedAuthorizationFixture(db);
  const pipeline = await db.pipeline.findFirstOrThrow({ where: { orgId: fx.orgId }, select: { id: true } });
  await db.stage.createMany({
    data: [
      { pipelineId: pipeline.id, name: "Proposal", position: 2 },
      { pipelineId: pipeline.id, name: "Won", position: 3, kind: "WON" },
      { pipelineId: pipeline.id, name: "Lost", position: 4, kind: "LOST" },
    ],
  });
  const account = (name: string) => db.account.create({ data: { orgId: fx.orgId, name } }).then((row) => row.id);
  const accounts = {
    x: await account("Xenon GmbH"),
    y: await account(`${MARKERS.teamY} Account`),
    shared: await account("Shared Industries"),
    unused: await account("Nobody's Account"),
  };
  await db.deal.update({ where: { id: fx.deals.a }, data: { accountId: accounts.x } });
  await db.deal.update({ where: { id: fx.deals.b }, data: { accountId: accounts.shared } });
  await db.deal.update({ where: { id: fx.deals.y }, data: { accountId: accounts.y } });
  const lead = (name: string, sdrId: number | null, aeId: number | null, accountId: number | null) =>
    db.lead.create({ data: { orgId: fx.orgId, name, source: "INBOUND", createdAt: new Date("2025-01-10T09:00:00Z"), sdrId, aeId, accountId } }).then((row) => row.id);
  const leads = {
    x: await lead("Lead of team X", fx.reps.a, null, accounts.x),
    y: await lead(`${MARKERS.teamY}-LEAD`, fx.reps.y, null, accounts.shared),
    // Team Y's SDR handed it to team X's AE: X may point a deal at it, not change it.
    handedToX: await lead(`${MARKERS.teamY}-HANDED-LEAD`, fx.reps.y, fx.reps.a, null),
  };
  const stage = await db.stage.findFirstOrThrow({ where: { pipelineId: pipeline.id, name: "Discovery" }, select: { id: true } });
  const teamYDeals: number[] = [];
  for (let i = 1; i <= 25; i++) {
    const deal = await db.deal.create({
      data: { orgId: fx.orgId, pipelineId: pipeline.id, stageId: stage.id, ownerId: fx.reps.y, name: `${MARKERS.teamY}-DEAL-${i}`, amount: "500", createdAt: new Date("2025-02-03T10:00:00Z") },
    });
    teamYDeals.push(deal.id);
  }
  return { ...fx, pipelineId: pipeline.id, accounts, leads, teamYDeals };
}

/** Every table but the import wizard's own bookkeeping (uploads, and the FAILED import_run a refused file leaves). */
export async function dataFingerprint(db: PrismaClient): Promise<Record<string, string>> {
  const all = await databaseFingerprint(db);
  for (const table of ["import_run", "import_upload", "import_upload_chunk"]) delete all[table];
  return all;
}

export interface ImportCall {
  viewer: Viewer;
  kind: ImportKind;
  csv: string;
  createMissing?: ("reps" | "accounts")[];
  skipInvalid?: boolean;
  dryRun?: boolean;
}

/** Stores the file as the viewer's upload and imports it as the wizard's job does (lib/data/import-run-file). */
export async function importAs(call: ImportCall) {
  const { saveUpload } = await import("@/lib/data/import-uploads");
  const { importRunFile } = await import("@/lib/data/import-run-file");
  const upload = await saveUpload(call.viewer, new File([call.csv], `${call.kind}.csv`, { type: "text/csv" }));
  const input = {
    uploadId: upload.id,
    kind: call.kind,
    mapping: importMappingSchema.parse({}),
    pipeline: undefined,
    encoding: undefined,
    skipInvalid: call.skipInvalid ?? false,
    createMissing: call.createMissing ?? [],
  };
  return importRunFile(call.viewer, upload, input, { dryRun: call.dryRun ?? false });
}
