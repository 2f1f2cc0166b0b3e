import "server-only";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { Readable } from "node:stream";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { checkFileSize } from "@/lib/import/check-file-size";

// Uploads live in the database, not on one server's disk, so whichever app instance behind a load balancer
// serves the next wizard step can read them. The bytes are stored in chunks: no step holds a whole file, and the
// browser sends them one request per chunk, far below the 10 MB Next buffers of a request that passes proxy.ts.

export interface StoredUpload {
  id: string;
  userId: number;
  orgId: number;
  fileName: string;
  size: number;
  createdAt: Date;
}

export const UPLOAD_CHUNK_BYTES = 1024 * 1024;
// Uploads the wizard has not imported expire after a day; the next upload anywhere deletes them.
export const UPLOAD_MAX_AGE_MS = 24 * 60 * 60 * 1000;

const UPLOAD_FIELDS = { id: true, userId: true, orgId: true, fileName: true, size: true, createdAt: true } as const;

/**
 * Starts an upload of `size` bytes for its uploader only; its chunks follow (saveUploadChunk). A file over the
 * import limit is refused here, before any byte is sent, with the import library's own message.
 */
export async function createUpload(viewer: Viewer, file: { fileName: string; size: number }): Promise<StoredUpload> {
  checkFileSize(file.size);
  await expireUploads();
  return db.importUpload.create({
    data: { id: randomUUID(), orgId: viewer.orgId, userId: viewer.userId, fileName: path.basename(file.fileName) || "upload.csv", size: file.size },
    select: UPLOAD_FIELDS,
  });
}

/** How long chunk `seq` of an upload of `size` bytes must be: 0 past its last chunk. */
export function uploadChunkBytes(size: number, seq: number): number {
  return Math.max(0, Math.min(UPLOAD_CHUNK_BYTES, size - seq * UPLOAD_CHUNK_BYTES));
}

/** Stores chunk `seq` of the viewer's upload; sending it again (a retry) replaces it. */
export async function saveUploadChunk(viewer: Viewer, id: string, seq: number, data: Uint8Array<ArrayBuffer>): Promise<void> {
  const upload = await getUpload(viewer, id);
  const expected = uploadChunkBytes(upload.size, seq);
  if (expected === 0 || data.length !== expected) {
    throw new AppError("INVALID", { detail: `upload ${id}: chunk ${seq} has ${data.length} bytes, expected ${expected}` });
  }
  await db.importUploadChunk.upsert({ where: { uploadId_seq: { uploadId: id, seq } }, create: { uploadId: id, seq, data }, update: { data } });
}

/** The viewer's upload once every chunk has arrived; until then INVALID, so no step reads a partial file. */
export async function completeUpload(viewer: Viewer, id: string): Promise<StoredUpload> {
  const upload = await getUpload(viewer, id);
  const [stored] = await db.$queryRaw<{ chunks: number; bytes: number }[]>`
    SELECT count(*)::int AS chunks, coalesce(sum(length(data)), 0)::int AS bytes FROM import_upload_chunk WHERE upload_id = ${id}::uuid`;
  const chunks = Math.ceil(upload.size / UPLOAD_CHUNK_BYTES);
  if (stored?.chunks !== chunks || stored.bytes !== upload.size) {
    throw new AppError("INVALID", { detail: `upload ${id}: ${stored?.chunks ?? 0} of ${chunks} chunks, ${stored?.bytes ?? 0} of ${upload.size} bytes` });
  }
  return upload;
}

/** Stores a whole file at once, chunk by chunk (tests set up uploads this way; the browser sends chunks itself). */
export async function saveUpload(viewer: Viewer, file: File): Promise<StoredUpload> {
  const upload = await createUpload(viewer, { fileName: file.name, size: file.size });
  try {
    let seq = 0;
    for await (const data of inChunks(Readable.fromWeb(file.stream() as never), UPLOAD_CHUNK_BYTES)) {
      await db.importUploadChunk.create({ data: { uploadId: upload.id, seq: seq++, data } });
    }
  } catch (error) {
    await deleteUpload(upload.id);
    throw error;
  }
  return upload;
}

/** The viewer's own upload; anyone else's, an expired or a removed one is NOT_FOUND. */
export async function getUpload(viewer: Viewer, id: string): Promise<StoredUpload> {
  const upload = await db.importUpload.findFirst({
    where: { id, orgId: viewer.orgId, userId: viewer.userId, createdAt: { gt: new Date(Date.now() - UPLOAD_MAX_AGE_MS) } },
    select: UPLOAD_FIELDS,
  });
  if (!upload) throw new AppError("NOT_FOUND", { detail: `upload ${id}` });
  return upload;
}

/** Remembers what inspecting the file found, for the record. */
export async function noteUploadFormat(id: string, format: { encoding: string; delimiter: string }): Promise<void> {
  await db.importUpload.updateMany({ where: { id }, data: format });
}

export async function deleteUpload(id: string): Promise<void> {
  await db.importUpload.deleteMany({ where: { id } });
}

/** Deletes uploads older than UPLOAD_MAX_AGE_MS (their chunks go with them). */
export async function expireUploads(now = new Date()): Promise<number> {
  const { count } = await db.importUpload.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - UPLOAD_MAX_AGE_MS) } } });
  return count;
}

/** The upload's bytes, read back one chunk at a time. */
export function uploadStream(upload: StoredUpload): Readable {
  return Readable.from(readChunks(upload));
}

async function* readChunks(upload: StoredUpload): AsyncGenerator<Buffer> {
  let bytes = 0;
  for (let seq = 0; ; seq++) {
    const chunk = await db.importUploadChunk.findUnique({ where: { uploadId_seq: { uploadId: upload.id, seq } }, select: { data: true } });
    if (!chunk) break;
    bytes += chunk.data.length;
    yield Buffer.from(chunk.data.buffer, chunk.data.byteOffset, chunk.data.length);
  }
  // An upload deleted or expired while being read must not pass for a shorter file.
  if (bytes !== upload.size) throw new AppError("NOT_FOUND", { detail: `upload ${upload.id}: ${bytes} of ${upload.size} bytes stored` });
}

/** Regroups a stream's pieces into buffers of exactly `size` bytes (the last one shorter). */
async function* inChunks(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  let buffer = new Uint8Array(size);
  let filled = 0;
  for await (const piece of source) {
    for (let offset = 0; offset < piece.length; ) {
      const n = Math.min(size - filled, piece.length - offset);
      buffer.set(piece.subarray(offset, offset + n), filled);
      filled += n;
      offset += n;
      if (filled === size) {
        yield buffer;
        buffer = new Uint8Array(size);
        filled = 0;
      }
    }
  }
  if (filled > 0) yield buffer.slice(0, filled);
}
