/** A problem with the file as a whole (not one row): the import stops and writes nothing. */
export class ImportFileError extends Error {
  override name = "ImportFileError";
}
