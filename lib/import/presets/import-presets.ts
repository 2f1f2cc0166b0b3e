import { AMOCRM } from "./amocrm";
import { HUBSPOT } from "./hubspot";
import type { ImportPreset } from "./import-preset";
import { PIPEDRIVE } from "./pipedrive";
import { SALESFORCE } from "./salesforce";

export const IMPORT_PRESETS: readonly ImportPreset[] = [SALESFORCE, HUBSPOT, PIPEDRIVE, AMOCRM];

export function findPreset(name: string): ImportPreset | undefined {
  return IMPORT_PRESETS.find((p) => p.name === name.trim().toLowerCase());
}
