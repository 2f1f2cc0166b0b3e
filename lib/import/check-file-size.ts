import { ImportFileError } from "./parse/import-file-error";
import { importMessage } from "./messages/import-message";

// Far above a year of any team's CRM export (200,000 deals is about 30 MB), low enough for a browser upload.
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export function checkFileSize(bytes: number): void {
  if (bytes > MAX_FILE_BYTES) {
    throw new ImportFileError(importMessage("fileTooLarge", { size: Math.round((bytes / 1024 / 1024) * 10) / 10, limit: MAX_FILE_BYTES / 1024 / 1024 }));
  }
}
