import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import type { ImportKind } from "@/lib/import/kinds/import-kinds";
import { kindFields } from "@/lib/import/kinds/import-kinds";
import type { TextEncodingName } from "@/lib/import/parse/detect-encoding";
import { openCsv } from "@/lib/import/parse/open-csv";
import { IMPORT_PRESETS } from "@/lib/import/presets/import-presets";
import type { ImportMapping } from "@/lib/validation/import-mapping";
import { importPipelines, type ImportPipeline } from "./import-pipelines";
import { listSavedPresets } from "./import-presets-saved";
import { suggestMapping } from "./import-suggest-mapping";
import { noteUploadFormat, uploadStream, type StoredUpload } from "./import-uploads";

export interface ImportInspection {
  uploadId: string;
  fileName: string;
  size: number;
  encoding: TextEncodingName;
  delimiter: string;
  columns: string[];
  fields: { name: string; required: boolean; description: string }[];
  suggestion: { preset: string | null; mapping: ImportMapping };
  presets: { name: string; title: string; mapping: ImportMapping }[];
  pipelines: ImportPipeline[];
}

/** The uploaded file's header (encoding and delimiter detected) with a suggested mapping for the kind. */
export async function importInspect(viewer: Viewer, upload: StoredUpload, kind: ImportKind, encoding?: TextEncodingName): Promise<ImportInspection> {
  const stream = uploadStream(upload);
  try {
    const csv = await openCsv(stream, { encoding });
    await noteUploadFormat(upload.id, { encoding: csv.encoding, delimiter: csv.delimiter });
    return {
      uploadId: upload.id,
      fileName: upload.fileName,
      size: upload.size,
      encoding: csv.encoding,
      delimiter: csv.delimiter,
      columns: csv.header,
      fields: kindFields(kind),
      suggestion: suggestMapping(kind, csv.header),
      presets: [...IMPORT_PRESETS.filter((p) => p.kind === kind).map((p) => ({ name: p.name, title: p.title, mapping: p.mapping })), ...(await listSavedPresets(viewer, kind))],
      pipelines: await importPipelines(viewer),
    };
  } finally {
    stream.destroy();
  }
}
