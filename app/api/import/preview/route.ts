import { authedRoute } from "@/lib/http/authed-route";
import { importPreview } from "@/lib/data/import-preview";
import { getUpload } from "@/lib/data/import-uploads";
import { importRunSchema } from "@/lib/validation/import-ui-requests";

export const POST = authedRoute(importRunSchema, async (viewer, input) => importPreview(viewer, await getUpload(viewer, input.uploadId), input), { roles: ["ADMIN", "MANAGER"] });
