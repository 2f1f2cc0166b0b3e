// An RFC 4180 reader as a state machine over text chunks: quoted fields may hold delimiters, newlines and "" quotes.
import { ImportFileError } from "./import-file-error";
import { importMessage } from "../messages/import-message";

export interface CsvRecord {
  /** The spreadsheet row number: the header is row 1. */
  row: number;
  cells: string[];
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
  AfterCr,
}

/** Where the reader is: how many characters of the current text chunk the records yielded so far took. */
export interface CsvCursor {
  offset: number;
}

export async function* parseCsvRecords(chunks: AsyncIterable<string>, delimiter: string, cursor: CsvCursor = { offset: 0 }): AsyncGenerator<CsvRecord> {
  const delim = delimiter.charCodeAt(0);
  let state: State = State.FieldStart;
  let cells: string[] = [];
  let field = "";
  let row = 0;
  let quotedFrom = 0;

  for await (const chunk of chunks) {
    const n = chunk.length;
    let i = 0;
    cursor.offset = 0;
    while (i < n) {
      if (state === State.AfterCr) {
        if (chunk.charCodeAt(i) === LF) i++;
        state = State.FieldStart;
      } else if (state === State.FieldStart) {
        if (chunk.charCodeAt(i) === QUOTE) {
          state = State.Quoted;
          quotedFrom = row + 1;
          i++;
        } else state = State.Unquoted;
      } else if (state === State.Unquoted) {
        let j = i;
        let c = 0;
        while (j < n) {
          c = chunk.charCodeAt(j);
          if (c === delim || c === CR || c === LF) break;
          j++;
        }
        field += chunk.slice(i, j);
        i = j;
        if (j === n) break;
        i++;
        cells.push(field);
        field = "";
        state = State.FieldStart;
        if (c !== delim) {
          row++;
          cursor.offset = i;
          if (!(cells.length === 1 && cells[0] === "")) yield { row, cells };
          cells = [];
          if (c === CR) state = State.AfterCr;
        }
      } else if (state === State.Quoted) {
        const q = chunk.indexOf('"', i);
        if (q < 0) {
          field += chunk.slice(i);
          i = n;
        } else {
          field += chunk.slice(i, q);
          i = q + 1;
          state = State.QuoteInQuoted;
        }
      } else {
        const c = chunk.charCodeAt(i);
        if (c === QUOTE) {
          field += '"';
          state = State.Quoted;
          i++;
        } else if (c === delim || c === CR || c === LF) {
          // Let the unquoted branch end the field or the record.
          state = State.Unquoted;
        } else {
          // Text after a closing quote ("abc"def) is kept as Excel does.
          state = State.Unquoted;
        }
      }
    }
  }
  if (state === State.Quoted) throw new ImportFileError(importMessage("unclosedQuote", { row: quotedFrom }));
  if (cells.length > 0 || field !== "" || state === State.Unquoted || state === State.QuoteInQuoted) {
    cells.push(field);
    row++;
    // The last record ends the last chunk.
    cursor.offset = Number.MAX_SAFE_INTEGER;
    if (!(cells.length === 1 && cells[0] === "")) yield { row, cells };
  }
}
