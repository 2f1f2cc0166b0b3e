import { authedRoute } from "@/lib/http/authed-route";
import { createUpload, UPLOAD_CHUNK_BYTES } from "@/lib/data/import-uploads";
import { importFileErrorResponse } from "@/lib/http/import-file-error-response";
import { importUploadStartSchema } from "@/lib/validation/import-upload";

// A file is sent as a start (its name and size), one PUT per chunk, then a finish: no request comes near the
// 10 MB Next buffers of a body that passes proxy.ts, and a file over the import limit is refused before it is sent.
export const POST = authedRoute(
  importUploadStartSchema,
  async (viewer, input) => {
    try {
      const upload = await createUpload(viewer, input);
      return { uploadId: upload.id, chunkBytes: UPLOAD_CHUNK_BYTES, chunks: Math.ceil(upload.size / UPLOAD_CHUNK_BYTES) };
    } catch (error) {
      return importFileErrorResponse(error, viewer);
    }
  },
  { roles: ["ADMIN", "MANAGER"] },
);
