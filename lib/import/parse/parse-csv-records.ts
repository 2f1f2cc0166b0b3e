// The import's CSV reader: csv-parse's streaming parser (RFC 4180: quoted fields may hold delimiters, newlines and
// "" quotes), fed one text chunk at a time so that records come out as the caller asks for them and the file is
// never held whole. Malformed quotes are taken literally (relax_quotes), as spreadsheets save and reopen them.
import { parse, type CsvError, type Info } from "csv-parse";
import { ImportFileError } from "./import-file-error";
import { importMessage } from "../messages/import-message";

export interface CsvRecord {
  /** The spreadsheet row number: the header is row 1. */
  row: number;
  cells: string[];
}

/** Where the reader is: how many characters of the current text chunk the records yielded so far took. */
export interface CsvCursor {
  offset: number;
}

interface ParsedRecord {
  record: string[];
  info: Info;
}

export async function* parseCsvRecords(chunks: AsyncIterable<string>, delimiter: string, cursor: CsvCursor = { offset: 0 }): AsyncGenerator<CsvRecord> {
  const parser = parse({
    delimiter,
    // Every line is a record, a blank one too, so that row numbers count it as a spreadsheet does; blank records are dropped below.
    skip_empty_lines: false,
    relax_column_count: true,
    relax_quotes: true,
    info: true,
  });
  let failure: unknown;
  parser.on("error", (error: unknown) => {
    failure ??= error;
  });
  let row = 0;
  // The current chunk: where it starts in the parser's byte count (csv-parse counts UTF-8 bytes) and its size.
  let chunkStart = 0;
  let chunkBytes = 0;
  let chunkChars = 0;
  let ended = false;

  const failed = (): never => {
    const code = (failure as Partial<CsvError>).code;
    if (code === "CSV_QUOTE_NOT_CLOSED") throw new ImportFileError(importMessage("unclosedQuote", { row: row + 1 }));
    throw failure;
  };
  // Hands the parser a chunk (or the end) and yields its records as they come: a transform stream holds back its
  // write's completion while its output is unread, so the output is read until the write completes.
  async function* feed(write: (done: (error?: Error | null) => void) => void): AsyncGenerator<CsvRecord> {
    let complete = false;
    write((error) => {
      failure ??= error ?? undefined;
      complete = true;
    });
    for (;;) {
      yield* drain();
      if (failure) failed();
      if (complete) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    yield* drain();
  }
  function* drain(): Generator<CsvRecord> {
    for (let next = parser.read() as ParsedRecord | null; next !== null; next = parser.read() as ParsedRecord | null) {
      row++;
      if (ended) cursor.offset = Number.MAX_SAFE_INTEGER;
      else if (chunkBytes > 0) cursor.offset = Math.max(0, Math.round((chunkChars * (next.info.bytes - chunkStart)) / chunkBytes));
      const cells = next.record;
      if (!(cells.length === 1 && cells[0] === "")) yield { row, cells };
    }
  }

  try {
    for await (const chunk of chunks) {
      if (chunk === "") continue;
      chunkStart += chunkBytes;
      chunkBytes = Buffer.byteLength(chunk);
      chunkChars = chunk.length;
      cursor.offset = 0;
      yield* feed((done) => parser.write(chunk, done));
    }
    ended = true;
    // The last record ends the last chunk.
    yield* feed((done) => parser.end(done));
  } finally {
    parser.destroy();
  }
}
