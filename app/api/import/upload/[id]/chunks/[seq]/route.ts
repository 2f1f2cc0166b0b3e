import { authedRoute } from "@/lib/http/authed-route";
import { readBoundedBody } from "@/lib/http/read-body";
import { saveUploadChunk, UPLOAD_CHUNK_BYTES } from "@/lib/data/import-uploads";
import { importUploadChunkSchema } from "@/lib/validation/import-upload";

// One chunk of an upload as the raw body (application/octet-stream); saveUploadChunk checks its exact length;
// a body over the chunk size is answered 413 as soon as it passes it.
export const PUT = authedRoute(
  importUploadChunkSchema,
  async (viewer, input, _tx, request) => {
    await saveUploadChunk(viewer, input.id, input.seq, await readBoundedBody(request, UPLOAD_CHUNK_BYTES));
    return { seq: input.seq };
  },
  { roles: ["ADMIN", "MANAGER"] },
);
