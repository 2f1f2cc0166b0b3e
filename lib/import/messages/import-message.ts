// Every message the import library produces — a file it refuses, a row it rejects, the verdict on a run — is a
// code and its parameters, not text: the wizard shows it in the viewer's language, the rejected-rows CSV in the
// requester's, the command line in English, all from the `import.errors` entries of messages/<locale>.json.
// Nothing here imports a catalogue, so the browser can format with the translator it already has.

/** A parameter: text and numbers as they are, a nested message (a quoted value…), or a list of either. */
export type ImportParam = string | number | ImportMessage | readonly (string | ImportMessage)[];

/** Each code's parameters; the catalogue entry `import.errors.<code>` uses exactly these names. */
export interface ImportMessageParams {
  // Parts of other messages.
  quoted: { text: string };
  stageWithKind: { name: string; kind: string };
  fieldWithColumn: { field: string; column: string };
  // The file as a whole: nothing is imported.
  fileTooLarge: { size: number; limit: number };
  emptyFile: Record<string, never>;
  headerOnly: Record<string, never>;
  binaryFile: Record<string, never>;
  unknownEncoding: Record<string, never>;
  invalidText: { encoding: string; byte: number };
  unclosedQuote: { row: number };
  duplicateColumn: { column: string; first: number; second: number };
  unknownMappingField: { field: string; kind: string; fields: string[] };
  oneColumnHeader: { column: string };
  missingColumns: { fields: (string | ImportMessage)[]; columns: ImportMessage[] };
  noPipelines: Record<string, never>;
  invalidDefault: { field: string; value: string; reason: ImportMessage };
  noSuchPipeline: { pipeline: string; pipelines: string[] };
  unknownStages: { values: ImportMessage[]; pipeline: string; stages: (string | ImportMessage)[] };
  outsideScope: Record<string, never>;
  // The command line's mapping and organisation.
  presetWrongKind: { preset: string; presetKind: string; kind: string };
  mappingNotFound: { file: string; presets: string[] };
  mappingNotJson: { file: string; reason: string };
  mappingInvalid: { issues: string };
  noOrganization: Record<string, never>;
  noSuchOrganization: { name: string; organizations: string[] };
  manyOrganizations: { count: number };
  // One row: the cell cannot be read.
  invalid: Record<string, never>;
  required: Record<string, never>;
  tooLong: { max: number };
  notEmail: Record<string, never>;
  notAmount: { value: string };
  amountTooLarge: { value: string };
  negativeAmount: { amount: string };
  notDate: { value: string; format: string };
  notDateOrIso: { value: string; format: string };
  notWholeNumber: { value: string; min: number; max: number };
  notYesNo: { value: string };
  notOneOf: { value: string; values: string[] };
  // One row: it does not fit the data already there or the rest of the file.
  duplicateId: { row: number };
  duplicateRow: { row: number };
  ambiguousRepName: { name: string };
  ambiguousAccountName: { name: string };
  ambiguousRep: { name: string };
  ambiguousAccount: { name: string };
  unknownRep: { name: string };
  unknownAccount: { name: string };
  unknownDeal: { deal: string };
  unknownLead: { lead: string };
  unknownPipeline: { pipeline: string; pipelines: string[] };
  unknownStage: { stage: string };
  managerNotUser: { name: string };
  managerNotUserAdminOnly: { name: string };
  managerNeedsEmail: { name: string };
  managerEmailTaken: { email: string };
  ambiguousManager: { name: string };
  dealNameOrId: Record<string, never>;
  dealCreatedMissing: Record<string, never>;
  // One row of a manager's file: it would create or change something outside their teams (named by nothing but the row).
  repOutsideScope: Record<string, never>;
  recordOutsideScope: Record<string, never>;
  teamOutsideScope: Record<string, never>;
  teamManagerAdminOnly: Record<string, never>;
  leadWithoutRep: Record<string, never>;
  coachNotYou: Record<string, never>;
  closeDateMissing: { status: "won" | "lost" };
  closeBeforeCreate: { closed: string; created: string };
  handoverBeforeCreate: { handedOver: string; created: string };
  periodEndNotAfterStart: { end: string; start: string };
  // What a run did beyond its counts.
  undatedDeals: { count: number; parts: ImportMessage[] };
  undatedAtCloseDate: { count: number };
  undatedAtDefault: { count: number };
  undatedKeptStored: { count: number };
  undatedRefused: { count: number };
  createdManagers: { count: number };
  // The verdict on a run, and on a wizard's import job that did not get one.
  rowsRejected: { count: number };
  importFailed: Record<string, never>;
  importStopped: Record<string, never>;
  importStoppedAfterCommit: Record<string, never>;
}

export type ImportMessageCode = keyof ImportMessageParams;

/** A code with its parameters: JSON as it is, so it travels to the browser and into stored job results. */
export type ImportMessage = { [C in ImportMessageCode]: { code: C; params: ImportMessageParams[C] } }[ImportMessageCode];

/** Every code, for the test that each has an English and a Russian entry. */
export const IMPORT_MESSAGE_CODES = [
  "quoted",
  "stageWithKind",
  "fieldWithColumn",
  "fileTooLarge",
  "emptyFile",
  "headerOnly",
  "binaryFile",
  "unknownEncoding",
  "invalidText",
  "unclosedQuote",
  "duplicateColumn",
  "unknownMappingField",
  "oneColumnHeader",
  "missingColumns",
  "noPipelines",
  "invalidDefault",
  "noSuchPipeline",
  "unknownStages",
  "outsideScope",
  "presetWrongKind",
  "mappingNotFound",
  "mappingNotJson",
  "mappingInvalid",
  "noOrganization",
  "noSuchOrganization",
  "manyOrganizations",
  "invalid",
  "required",
  "tooLong",
  "notEmail",
  "notAmount",
  "amountTooLarge",
  "negativeAmount",
  "notDate",
  "notDateOrIso",
  "notWholeNumber",
  "notYesNo",
  "notOneOf",
  "duplicateId",
  "duplicateRow",
  "ambiguousRepName",
  "ambiguousAccountName",
  "ambiguousRep",
  "ambiguousAccount",
  "unknownRep",
  "unknownAccount",
  "unknownDeal",
  "unknownLead",
  "unknownPipeline",
  "unknownStage",
  "managerNotUser",
  "managerNotUserAdminOnly",
  "managerNeedsEmail",
  "managerEmailTaken",
  "ambiguousManager",
  "dealNameOrId",
  "dealCreatedMissing",
  "repOutsideScope",
  "recordOutsideScope",
  "teamOutsideScope",
  "teamManagerAdminOnly",
  "leadWithoutRep",
  "coachNotYou",
  "closeDateMissing",
  "closeBeforeCreate",
  "handoverBeforeCreate",
  "periodEndNotAfterStart",
  "undatedDeals",
  "undatedAtCloseDate",
  "undatedAtDefault",
  "undatedKeptStored",
  "undatedRefused",
  "createdManagers",
  "rowsRejected",
  "importFailed",
  "importStopped",
  "importStoppedAfterCommit",
] as const satisfies readonly ImportMessageCode[];

// A code added to ImportMessageParams but not to the list above fails to compile here.
const everyCodeListed: Exclude<ImportMessageCode, (typeof IMPORT_MESSAGE_CODES)[number]> extends never ? true : never = true;
void everyCodeListed;

/** Builds a message; typed so a code's parameters cannot be misspelled. */
export function importMessage<C extends ImportMessageCode>(code: C, ...params: ImportMessageParams[C] extends Record<string, never> ? [] : [ImportMessageParams[C]]): ImportMessage {
  return { code, params: params[0] ?? {} } as ImportMessage;
}

/** Values in quotes, as a list parameter (the quotes are the language's: "x" in English, «x» in Russian). */
export function quotedList(values: readonly string[]): ImportMessage[] {
  return values.map((text) => importMessage("quoted", { text }));
}

/** Looks up `import.errors.<code>` with ICU values; a translator from next-intl, for any locale. */
export type TranslateImportMessage = (code: ImportMessageCode, values: Record<string, string | number>) => string;

/** The message's text: nested messages formatted first, lists joined with commas. */
export function formatImportMessage(message: ImportMessage, translate: TranslateImportMessage): string {
  const part = (value: string | ImportMessage) => (typeof value === "string" ? value : formatImportMessage(value, translate));
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.params as Record<string, ImportParam>)) {
    if (typeof value === "string" || typeof value === "number") values[name] = value;
    else if (Array.isArray(value)) values[name] = (value as readonly (string | ImportMessage)[]).map(part).join(", ");
    else values[name] = part(value as ImportMessage);
  }
  return translate(message.code, values);
}
