import { authedRoute } from "@/lib/http/authed-route";
import { saveImportPreset } from "@/lib/data/import-presets-saved";
import { importPresetSaveSchema } from "@/lib/validation/import-ui-requests";

export const POST = authedRoute(importPresetSaveSchema, async (viewer, input, tx) => saveImportPreset(tx, viewer, input), { roles: ["ADMIN", "MANAGER"] });
