import { authedRoute } from "@/lib/http/authed-route";
import { saveUploadChunk, UPLOAD_CHUNK_BYTES } from "@/lib/data/import-uploads";
import { AppError } from "@/lib/errors";
import { importUploadChunkSchema } from "@/lib/validation/import-upload";

// One chunk of an upload as the raw body (application/octet-stream); saveUploadChunk checks its exact length.
export const PUT = authedRoute(
  importUploadChunkSchema,
  async (viewer, input, _tx, request) => {
    await saveUploadChunk(viewer, input.id, input.seq, await readBody(request, UPLOAD_CHUNK_BYTES));
    return { seq: input.seq };
  },
  { roles: ["ADMIN", "MANAGER"] },
);

/** The body, refused as soon as it passes `limit` bytes, so a large one is never held in memory. */
async function readBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = () => new AppError("INVALID", { detail: `chunk body over ${limit} bytes` });
  if (Number(request.headers.get("content-length") ?? 0) > limit) throw tooLarge();
  const body = new Uint8Array(limit);
  let length = 0;
  const reader = request.body?.getReader();
  for (let piece = await reader?.read(); piece && !piece.done; piece = await reader?.read()) {
    if (length + piece.value.length > limit) {
      await reader?.cancel();
      throw tooLarge();
    }
    body.set(piece.value, length);
    length += piece.value.length;
  }
  return body.slice(0, length);
}
