import "server-only";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";

export interface StoredUpload {
  id: string;
  userId: number;
  orgId: number;
  fileName: string;
  size: number;
  path: string;
  storedAt: number;
}

// Uploads the wizard has not imported yet are removed after this long.
const MAX_AGE_MS = 2 * 60 * 60 * 1000;

// One registry per server process, kept on globalThis so dev-mode reloads keep it.
const registry = ((globalThis as unknown as { __importUploads?: Map<string, StoredUpload> }).__importUploads ??= new Map());

export function uploadDirectory(): string {
  return path.join(process.env.DATA_DIR || os.tmpdir(), "import-uploads");
}

/** Streams the uploaded file to a temporary file only its uploader can use. */
export async function saveUpload(viewer: Viewer, file: File): Promise<StoredUpload> {
  await sweepUploads();
  const dir = uploadDirectory();
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  const id = randomUUID();
  const target = path.join(dir, `${id}.csv`);
  await fs.promises.writeFile(target, Readable.fromWeb(file.stream() as never), { mode: 0o600 });
  const upload: StoredUpload = { id, userId: viewer.userId, orgId: viewer.orgId, fileName: path.basename(file.name || "upload.csv"), size: file.size, path: target, storedAt: Date.now() };
  registry.set(id, upload);
  return upload;
}

/** The viewer's own upload; anyone else's, or a removed one, is NOT_FOUND. */
export function getUpload(viewer: Viewer, id: string): StoredUpload {
  const upload = registry.get(id);
  if (!upload || upload.userId !== viewer.userId || upload.orgId !== viewer.orgId || !fs.existsSync(upload.path)) throw new AppError("NOT_FOUND", { detail: `upload ${id}` });
  return upload;
}

export async function deleteUpload(id: string): Promise<void> {
  const upload = registry.get(id);
  registry.delete(id);
  if (upload) await fs.promises.rm(upload.path, { force: true });
}

async function sweepUploads(): Promise<void> {
  const now = Date.now();
  for (const upload of [...registry.values()]) if (now - upload.storedAt > MAX_AGE_MS) await deleteUpload(upload.id);
}

export function uploadStream(upload: StoredUpload): fs.ReadStream {
  return fs.createReadStream(upload.path, { highWaterMark: 256 * 1024 });
}
