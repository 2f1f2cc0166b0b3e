import { type CsvCursor, type CsvRecord, parseCsvRecords } from "./parse-csv-records";
import { detectEncoding, type TextEncodingName } from "./detect-encoding";
import { ImportFileError } from "./import-file-error";
import { importMessage } from "../messages/import-message";
import { type Delimiter, sniffDelimiter } from "./sniff-delimiter";

export interface CsvFile {
  encoding: TextEncodingName;
  delimiter: Delimiter;
  header: string[];
  /** The data records after the header, read as the caller asks for them. */
  records: AsyncGenerator<CsvRecord>;
  /**
   * The bytes of the file behind the records read so far, for progress: the file is read ahead in chunks, so this
   * counts the chunks already parsed and the share of the current one the records took, never what is only buffered.
   */
  position(): number;
}

export interface OpenCsvOptions {
  /** Skip detection (the user chose). */
  encoding?: TextEncodingName;
}

// Enough of the file to judge its encoding and see its whole header line.
const SAMPLE_BYTES = 64 * 1024;


/** Detects the encoding and delimiter, reads the header and hands back a stream of the remaining records. */
export async function openCsv(source: AsyncIterable<Uint8Array>, options: OpenCsvOptions = {}): Promise<CsvFile> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < SAMPLE_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
  }
  const sample = Buffer.concat(head);
  const encoding = options.encoding ?? detectEncoding(sample.subarray(0, SAMPLE_BYTES), ended && sample.length <= SAMPLE_BYTES);

  let bytesRead = 0;
  // The text chunk being parsed: the bytes it came from and its length; the chunks before it are fully parsed.
  let parsedBytes = 0;
  let current = { bytes: 0, chars: 0 };
  let undecodedBytes = 0;
  const cursor: CsvCursor = { offset: 0 };
  const startChunk = (text: string) => {
    parsedBytes += current.bytes;
    current = { bytes: undecodedBytes, chars: text.length };
    undecodedBytes = 0;
  };
  async function* bytes(): AsyncGenerator<Uint8Array> {
    for (const chunk of head) yield chunk;
    if (ended) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  async function* text(): AsyncGenerator<string> {
    // fatal: a byte sequence that is not valid text stops the import instead of becoming "�".
    const decoder = new TextDecoder(encoding, { fatal: true });
    for await (const chunk of bytes()) {
      let decoded: string;
      try {
        decoded = decoder.decode(chunk, { stream: true });
      } catch {
        throw new ImportFileError(importMessage("invalidText", { encoding, byte: bytesRead }));
      }
      bytesRead += chunk.length;
      undecodedBytes += chunk.length;
      if (decoded) {
        startChunk(decoded);
        yield decoded;
      }
    }
    const rest = decoder.decode();
    if (rest) {
      startChunk(rest);
      yield rest;
    }
  }

  const firstText = new TextDecoder(encoding).decode(sample.subarray(0, SAMPLE_BYTES), { stream: true }).replace(/^\uFEFF/, "");
  if (firstText.trim() === "") throw new ImportFileError(importMessage("emptyFile"));
  const delimiter = sniffDelimiter(firstText);
  const records = parseCsvRecords(text(), delimiter, cursor);
  const first = await records.next();
  if (first.done) throw new ImportFileError(importMessage("emptyFile"));
  const position = () => parsedBytes + (current.chars > 0 ? Math.round((current.bytes * Math.min(cursor.offset, current.chars)) / current.chars) : 0);
  return { encoding, delimiter, header: first.value.cells.map((cell) => cell.trim()), records, position };
}
