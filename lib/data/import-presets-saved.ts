import "server-only";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import type { ImportKind } from "@/lib/import/kinds/import-kinds";
import { importMappingSchema, type ImportMapping } from "@/lib/validation/import-mapping";
import { recordAudit } from "./audit";
import type { Tx } from "./in-transaction";

export interface SavedPreset {
  name: string;
  title: string;
  mapping: ImportMapping;
}

// Saved names are told apart from the built-in ones (salesforce, hubspot…) by this prefix in the picker.
export const SAVED_PREFIX = "saved:";

/** The organisation's saved mappings for a kind; one whose JSON no longer parses is left out. */
export async function listSavedPresets(viewer: Viewer, kind: ImportKind): Promise<SavedPreset[]> {
  assertViewer(viewer);
  const rows = await db.importPreset.findMany({ where: { orgId: viewer.orgId, kind }, orderBy: { name: "asc" }, select: { name: true, mapping: true } });
  return rows.flatMap((row) => {
    const parsed = importMappingSchema.safeParse(row.mapping);
    return parsed.success ? [{ name: `${SAVED_PREFIX}${row.name}`, title: row.name, mapping: parsed.data }] : [];
  });
}

/** Saves (or replaces, by name) a mapping for the organisation, with an audit row. */
export async function saveImportPreset(tx: Tx, viewer: Viewer, input: { name: string; kind: ImportKind; mapping: ImportMapping }): Promise<SavedPreset> {
  assertViewer(viewer);
  if (viewer.role === "REP") throw new AppError("FORBIDDEN");
  const existing = await tx.importPreset.findUnique({ where: { orgId_name: { orgId: viewer.orgId, name: input.name } } });
  if (existing && existing.kind !== input.kind) throw new AppError("CONFLICT", { messageKey: "importPresetKind", detail: `preset ${input.name} is for ${existing.kind}` });
  const mapping = input.mapping as unknown as Prisma.InputJsonValue;
  const saved = await tx.importPreset.upsert({
    where: { orgId_name: { orgId: viewer.orgId, name: input.name } },
    create: { orgId: viewer.orgId, name: input.name, kind: input.kind, mapping, createdById: viewer.userId },
    update: { mapping },
  });
  await recordAudit(tx, viewer, { action: existing ? "import_preset.update" : "import_preset.create", entity: "import_preset", entityId: saved.id, before: existing ?? undefined, after: saved });
  return { name: `${SAVED_PREFIX}${saved.name}`, title: saved.name, mapping: input.mapping };
}
