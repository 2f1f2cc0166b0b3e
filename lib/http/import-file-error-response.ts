import type { Viewer } from "@/lib/auth/viewer";
import { importMessageText } from "@/lib/import/messages/import-message-text";
import { ImportFileError } from "@/lib/import/parse/import-file-error";

/** A refused file as 422 with the import library's message in the viewer's language; anything else is rethrown. */
export function importFileErrorResponse(error: unknown, viewer: Viewer): Response {
  if (!(error instanceof ImportFileError)) throw error;
  return Response.json({ error: "FILE", message: importMessageText(error.importMessage, viewer.locale), importMessage: error.importMessage }, { status: 422 });
}
