import type { ImportMessage } from "../messages/import-message";
import { importMessageText } from "../messages/import-message-text";

/** A problem with the file as a whole (not one row): the import stops and writes nothing. */
export class ImportFileError extends Error {
  override name = "ImportFileError";

  /** `message` is the English text (the command line, logs); `importMessage` is shown in the viewer's language. */
  constructor(readonly importMessage: ImportMessage) {
    super(importMessageText(importMessage));
  }
}
