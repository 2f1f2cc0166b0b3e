import { type CsvRecord, parseCsvRecords } from "./parse-csv-records";
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
}

export interface OpenCsvOptions {
  /** Skip detection (the user chose). */
  encoding?: TextEncodingName;
  /** Called with the bytes read so far, for progress. */
  onBytes?: (bytes: number) => void;
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
      options.onBytes?.(bytesRead);
      if (decoded) yield decoded;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  }

  const firstText = new TextDecoder(encoding).decode(sample.subarray(0, SAMPLE_BYTES), { stream: true }).replace(/^\uFEFF/, "");
  if (firstText.trim() === "") throw new ImportFileError(importMessage("emptyFile"));
  const delimiter = sniffDelimiter(firstText);
  const records = parseCsvRecords(text(), delimiter);
  const first = await records.next();
  if (first.done) throw new ImportFileError(importMessage("emptyFile"));
  return { encoding, delimiter, header: first.value.cells.map((cell) => cell.trim()), records };
}
