import { z } from "zod";
import { IMPORT_KINDS } from "@/lib/import/kinds/import-kinds";
import { TEXT_ENCODINGS } from "@/lib/import/parse/detect-encoding";

// The largest size an int4 column holds; the import's own, far smaller, limit is checked with its own message.
const MAX_INT4 = 2_147_483_647;

/** POST /api/import/upload: a file about to be sent in chunks, by its name and size. */
export const importUploadStartSchema = z.object({
  fileName: z.string().trim().min(1).max(255).regex(/^[^\u0000-\u001F]*$/),
  size: z.number().int().min(0).max(MAX_INT4),
});

/** PUT /api/import/upload/[id]/chunks/[seq]: which chunk the raw body is. */
export const importUploadChunkSchema = z.object({
  id: z.uuid(),
  seq: z.coerce.number().int().min(0).max(MAX_INT4),
});

/** POST /api/import/upload/[id]: every chunk sent; read the header as this kind (and, if chosen, this encoding). */
export const importUploadFinishSchema = z.object({
  id: z.uuid(),
  kind: z.enum(IMPORT_KINDS),
  encoding: z.enum(TEXT_ENCODINGS).optional().catch(undefined),
});
