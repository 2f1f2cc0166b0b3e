import { authedRoute } from "@/lib/http/authed-route";
import { startImportJob } from "@/lib/data/import-jobs";
import { importRunSchema } from "@/lib/validation/import-ui-requests";

export const POST = authedRoute(importRunSchema, async (viewer, input) => ({ jobId: (await startImportJob(viewer, input)).id }), { roles: ["ADMIN", "MANAGER"] });
