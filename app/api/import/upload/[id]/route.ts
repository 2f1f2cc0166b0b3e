import { authedRoute } from "@/lib/http/authed-route";
import { importInspect } from "@/lib/data/import-inspect";
import { completeUpload, deleteUpload } from "@/lib/data/import-uploads";
import { importUploadFinishSchema } from "@/lib/validation/import-upload";
import { importFileErrorResponse } from "@/lib/http/import-file-error-response";

// Every chunk has arrived: read the header and suggest a mapping. A file the import cannot read is deleted at once.
export const POST = authedRoute(
  importUploadFinishSchema,
  async (viewer, input) => {
    const upload = await completeUpload(viewer, input.id);
    try {
      return await importInspect(viewer, upload, input.kind, input.encoding);
    } catch (error) {
      await deleteUpload(upload.id);
      return importFileErrorResponse(error, viewer);
    }
  },
  { roles: ["ADMIN", "MANAGER"] },
);
