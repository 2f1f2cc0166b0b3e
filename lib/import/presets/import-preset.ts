import type { ImportKind } from "../kinds/import-kinds";
import type { ImportMapping } from "@/lib/validation/import-mapping";

/** A built-in mapping for a CRM's standard export; its stage values name the demo's New business pipeline. */
export interface ImportPreset {
  name: string;
  title: string;
  kind: ImportKind;
  mapping: ImportMapping;
}
