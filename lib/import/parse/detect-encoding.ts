import { ImportFileError } from "./import-file-error";
import { importMessage } from "../messages/import-message";

export const TEXT_ENCODINGS = ["utf-8", "windows-1251"] as const;
export type TextEncodingName = (typeof TEXT_ENCODINGS)[number];

// Share of non-ASCII bytes that must be Cyrillic letters in Windows-1251 (А–я, Ё, ё) to call the file Russian Excel.
const CYRILLIC_SHARE = 0.8;

/** UTF-8 (with or without BOM) or Windows-1251, judged from the first bytes; binary files are refused. */
export function detectEncoding(sample: Uint8Array, complete: boolean): TextEncodingName {
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) throw new ImportFileError(importMessage("binaryFile"));
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) controls++;
  }
  // Text never holds more than a stray control character; images, archives and spreadsheets do.
  if (controls > 0 && controls / sample.length > 0.001) throw new ImportFileError(importMessage("binaryFile"));
  if (isUtf8(sample, complete)) return "utf-8";
  let high = 0;
  let cyrillic = 0;
  for (const byte of sample) {
    if (byte < 0x80) continue;
    high++;
    if (byte >= 0xc0 || byte === 0xa8 || byte === 0xb8) cyrillic++;
  }
  if (high > 0 && cyrillic / high >= CYRILLIC_SHARE) return "windows-1251";
  throw new ImportFileError(importMessage("unknownEncoding"));
}

function isUtf8(sample: Uint8Array, complete: boolean): boolean {
  try {
    // stream: true lets a multi-byte character cut at the end of the sample pass.
    new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}
