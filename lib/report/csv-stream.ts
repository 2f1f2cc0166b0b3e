import { csvLine } from "./csv";

// Rows fetched per round trip while streaming; the export never holds more than one batch.
export const CSV_BATCH = 1000;
// An export larger than this is a job for `npm run export`, not a browser download.
export const MAX_EXPORT_ROWS = 200_000;

type Rows = ReadonlyArray<ReadonlyArray<string | number | null>>;

/**
 * A CSV download streamed in batches: `fetch(offset, limit)` returns the next rows as cell arrays. The first batch is
 * read before the response starts, so a query that fails answers an error, not a 200 file cut after its header; a
 * later batch that fails aborts the connection, so the browser reports a failed download rather than a short file.
 */
export async function csvStream(
  header: readonly string[],
  fetch: (offset: number, limit: number) => Promise<Rows>,
  fileName: string,
  { batch: BATCH = CSV_BATCH }: { batch?: number } = {},
): Promise<Response> {
  const encoder = new TextEncoder();
  const lines = (rows: Rows) => rows.map((row) => csvLine(row)).join("");
  const first = await fetch(0, Math.min(BATCH, MAX_EXPORT_ROWS));
  let offset = first.length;
  const complete = (batch: Rows) => batch.length < BATCH || offset >= MAX_EXPORT_ROWS;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      // A BOM so that spreadsheet programs read UTF-8 (Cyrillic names) correctly.
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(header)}${lines(first)}`));
      if (complete(first)) controller.close();
    },
    async pull(controller) {
      const rows = await fetch(offset, Math.min(BATCH, MAX_EXPORT_ROWS - offset));
      offset += rows.length;
      if (rows.length > 0) controller.enqueue(encoder.encode(lines(rows)));
      if (complete(rows)) controller.close();
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
