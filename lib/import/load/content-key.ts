import { createHash } from "node:crypto";
import { normalizeName } from "./normalize-name";

/** A deterministic id for a row the file gives none: a hash of the fields that identify it. */
export function contentKey(parts: readonly (string | undefined)[]): string {
  return `h:${createHash("sha1")
    .update(parts.map((p) => normalizeName(p ?? "")).join("\u0000"))
    .digest("hex")
    .slice(0, 20)}`;
}
