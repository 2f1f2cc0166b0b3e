import "server-only";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { Readable } from "node:stream";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

// Uploads live in the database, not on one server's disk, so whichever app instance behind a load balancer
// serves the next wizard step can read them. The bytes are stored in chunks: no step holds a whole file.

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

/** Stores the uploaded file, chunk by chunk, for its uploader only. */
export async function saveUpload(viewer: Viewer, file: File): Promise<StoredUpload> {
  await expireUploads();
  const upload = await db.importUpload.create({
    data: { id: randomUUID(), orgId: viewer.orgId, userId: viewer.userId, fileName: path.basename(file.name || "upload.csv"), size: file.size },
    select: UPLOAD_FIELDS,
  });
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
