import { csvLine } from "./csv";

// Rows fetched per round trip while streaming; the export never holds more than one batch.
const BATCH = 1000;
// An export larger than this is a job for `npm run export`, not a browser download.
export const MAX_EXPORT_ROWS = 200_000;

/** A CSV download streamed in batches: `fetch(offset, limit)` returns the next rows as cell arrays. */
export function csvStream(header: readonly string[], fetch: (offset: number, limit: number) => Promise<ReadonlyArray<ReadonlyArray<string | number | null>>>, fileName: string): Response {
  const encoder = new TextEncoder();
  let offset = 0;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      // A BOM so that spreadsheet programs read UTF-8 (Cyrillic names) correctly.
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(header)}`));
    },
    async pull(controller) {
      const rows = await fetch(offset, Math.min(BATCH, MAX_EXPORT_ROWS - offset));
      offset += rows.length;
      if (rows.length > 0) controller.enqueue(encoder.encode(rows.map((row) => csvLine(row)).join("")));
      if (rows.length < BATCH || offset >= MAX_EXPORT_ROWS) controller.close();
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
