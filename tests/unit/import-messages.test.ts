// Every message the import library can produce has an English and a Russian entry that formats with the
// message's parameters; the English is the command line's wording, the Russian reads naturally.
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import {
  formatImportMessage,
  IMPORT_MESSAGE_CODES,
  importMessage,
  type ImportMessage,
  type ImportMessageCode,
  type ImportMessageParams,
  quotedList,
  type TranslateImportMessage,
} from "@/lib/import/messages/import-message";
import { importMessageText } from "@/lib/import/messages/import-message-text";
import { locales, type Locale } from "@/lib/i18n/config";
import { messagesFor } from "@/lib/i18n/messages";

// One example per code; the type makes a new code without an example a compile error.
const EXAMPLES: { [C in ImportMessageCode]: ImportMessageParams[C] } = {
  quoted: { text: "Qualify" },
  stageWithKind: { name: "Won", kind: "WON" },
  fieldWithColumn: { field: "owner", column: "Opportunity Owner" },
  fileTooLarge: { size: 100, limit: 64 },
  emptyFile: {},
  headerOnly: {},
  binaryFile: {},
  unknownEncoding: {},
  invalidText: { encoding: "utf-8", byte: 1_048_576 },
  unclosedQuote: { row: 2 },
  duplicateColumn: { column: "amount", first: 5, second: 6 },
  unknownMappingField: { field: "colour", kind: "deals", fields: ["id", "name"] },
  oneColumnHeader: { column: "id|name" },
  missingColumns: { fields: ["stage", importMessage("fieldWithColumn", { field: "owner", column: "Owner" })], columns: quotedList(["Name", "Stage"]) },
  noPipelines: {},
  invalidDefault: { field: "created", value: "soon", reason: importMessage("notDate", { value: "soon", format: "YYYY-MM-DD" }) },
  noSuchPipeline: { pipeline: "Upsell", pipelines: ["New business", "Renewals"] },
  unknownStages: { values: quotedList(["Prospecting"]), pipeline: "New business", stages: ["Qualify", importMessage("stageWithKind", { name: "Won", kind: "WON" })] },
  outsideScope: {},
  presetWrongKind: { preset: "salesforce", presetKind: "deals", kind: "leads" },
  mappingNotFound: { file: "map.json", presets: ["salesforce", "hubspot"] },
  mappingNotJson: { file: "map.json", reason: "Unexpected token" },
  mappingInvalid: { issues: "decimal: Invalid option" },
  noOrganization: {},
  noSuchOrganization: { name: "Initech", organizations: ["Acme"] },
  manyOrganizations: { count: 2 },
  invalid: {},
  required: {},
  tooLong: { max: 1000 },
  notEmail: {},
  notAmount: { value: "ten" },
  amountTooLarge: { value: "1e20" },
  negativeAmount: { amount: "-2500" },
  notDate: { value: "yesterday", format: "YYYY-MM-DD" },
  notDateOrIso: { value: "2/30/2025", format: "M/D/YYYY" },
  notWholeNumber: { value: "1.5", min: 1, max: 480 },
  notYesNo: { value: "maybe" },
  notOneOf: { value: "Upsell", values: ["NEW", "EXPANSION", "RENEWAL"] },
  duplicateId: { row: 2 },
  duplicateRow: { row: 2 },
  ambiguousRepName: { name: "Anna Lee" },
  ambiguousAccountName: { name: "Globex" },
  ambiguousRep: { name: "Anna Lee" },
  ambiguousAccount: { name: "Globex" },
  unknownRep: { name: "Carla Gomez" },
  unknownAccount: { name: "Umbrella" },
  unknownDeal: { deal: "D-9" },
  unknownLead: { lead: "L-9" },
  unknownPipeline: { pipeline: "Upsell", pipelines: ["New business"] },
  unknownStage: { stage: "Prospecting" },
  managerNotUser: { name: "Maria" },
  managerNotUserAdminOnly: { name: "Maria" },
  managerNeedsEmail: { name: "Maria" },
  managerEmailTaken: { email: "maria@example.com" },
  ambiguousManager: { name: "Maria" },
  dealNameOrId: {},
  dealCreatedMissing: {},
  repOutsideScope: {},
  recordOutsideScope: {},
  teamOutsideScope: {},
  teamManagerAdminOnly: {},
  leadWithoutRep: {},
  coachNotYou: {},
  closeDateMissing: { status: "won" },
  closeBeforeCreate: { closed: "2025-03-02", created: "2025-03-10" },
  handoverBeforeCreate: { handedOver: "2025-03-02", created: "2025-03-10" },
  periodEndNotAfterStart: { end: "2025-01-01", start: "2025-01-01" },
  undatedDeals: { count: 5, parts: [importMessage("undatedAtCloseDate", { count: 3 }), importMessage("undatedRefused", { count: 2 })] },
  undatedAtCloseDate: { count: 3 },
  undatedAtDefault: { count: 1 },
  undatedKeptStored: { count: 21 },
  undatedRefused: { count: 2 },
  createdManagers: { count: 2 },
  rowsRejected: { count: 1234 },
  importFailed: {},
  importStopped: {},
  importStoppedAfterCommit: {},
};

const example = (code: ImportMessageCode) => ({ code, params: EXAMPLES[code] }) as ImportMessage;

/** A translator that throws on a missing entry or parameter instead of printing the key. */
function strictTranslator(locale: Locale): TranslateImportMessage {
  const t = createTranslator({
    locale,
    messages: messagesFor(locale),
    namespace: "import.errors",
    onError: (error) => {
      throw error;
    },
  });
  return (code, values) => t(code, values);
}

describe("import messages", () => {
  it.each(locales)("every code the library produces has an entry in messages/%s.json, and no entry is left over", (locale) => {
    const entries = Object.keys(messagesFor(locale).import.errors).sort();
    expect(entries).toEqual([...IMPORT_MESSAGE_CODES].sort());
  });

  it.each(locales)("every code formats in %s with its parameters, none left unfilled", (locale) => {
    const translate = strictTranslator(locale);
    for (const code of IMPORT_MESSAGE_CODES) {
      const text = formatImportMessage(example(code), translate);
      expect(text, code).not.toMatch(/[{}]|import\.errors/);
      expect(text.trim(), code).not.toBe("");
    }
  });

  it("the Russian entries are Russian, apart from the parts that are names, codes or values", () => {
    const latinOnly = IMPORT_MESSAGE_CODES.filter((code) => !/[а-яё]/i.test(importMessageText(example(code), "ru")));
    expect(latinOnly).toEqual(["quoted", "stageWithKind", "fieldWithColumn", "mappingInvalid"]);
  });

  it("keeps the command line's English wording", () => {
    const stages = importMessage("unknownStages", {
      values: quotedList(["Prospecting", "Verbal yes"]),
      pipeline: "New business",
      stages: ["Qualify", importMessage("stageWithKind", { name: "Won", kind: "WON" })],
    });
    expect(importMessageText(stages)).toBe('unknown stage values "Prospecting", "Verbal yes"; map them in values.stage onto the stages of "New business": Qualify, Won (WON)');
    expect(importMessageText(example("rowsRejected"))).toBe("1,234 row(s) rejected, nothing imported (use --skip-invalid to import the valid rows)");
    expect(importMessageText(example("fileTooLarge"))).toBe("the file is 100.0 MB; the limit is 64 MB: split it into smaller files");
    expect(importMessageText(example("manyOrganizations"))).toBe('the database holds 2 organisations; choose one with --org "<name>"');
    expect(importMessageText(example("missingColumns"))).toBe('no column for the required field(s) stage, owner ("Owner"); the file\'s columns are "Name", "Stage"');
    expect(importMessageText(example("closeDateMissing"))).toBe("a won deal needs the date it closed");
    expect(importMessageText(example("undatedDeals"))).toBe(
      "5 deals had no creation date: 3 set to their close date (a sales cycle of 0 days), 2 open ones rejected (give their date in the file or in defaults.created)",
    );
  });

  it("says the same in Russian, with Russian quotes, plurals and numbers", () => {
    const stages = importMessage("unknownStages", {
      values: quotedList(["Prospecting", "Verbal yes"]),
      pipeline: "New business",
      stages: ["Qualify", importMessage("stageWithKind", { name: "Won", kind: "WON" })],
    });
    expect(importMessageText(stages, "ru")).toBe("неизвестные этапы «Prospecting», «Verbal yes»; сопоставьте их в values.stage с этапами воронки «New business»: Qualify, Won (WON)");
    expect(importMessageText(example("rowsRejected"), "ru")).toBe(
      `отклонены ${(1234).toLocaleString("ru")} строки, ничего не импортировано (чтобы импортировать верные строки, включите «Пропускать ошибочные строки»)`,
    );
    expect(importMessageText(importMessage("rowsRejected", { count: 1 }), "ru")).toMatch(/^отклонена 1 строка,/);
    expect(importMessageText(importMessage("rowsRejected", { count: 3 }), "ru")).toMatch(/^отклонены 3 строки,/);
    expect(importMessageText(importMessage("rowsRejected", { count: 5 }), "ru")).toMatch(/^отклонено 5 строк,/);
    expect(importMessageText(example("fileTooLarge"), "ru")).toBe("размер файла 100,0 МБ, а предел — 64 МБ: разделите его на файлы поменьше");
    expect(importMessageText(example("closeDateMissing"), "ru")).toBe("у выигранной сделки должна быть дата закрытия");
    expect(importMessageText(importMessage("closeDateMissing", { status: "lost" }), "ru")).toBe("у проигранной сделки должна быть дата закрытия");
    expect(importMessageText(example("undatedDeals"), "ru")).toBe(
      "у 5 сделок не было даты создания: 3 получили дату закрытия (цикл сделки — 0 дней), 2 открытые отклонены (укажите их дату в файле или в defaults.created)",
    );
    expect(importMessageText(importMessage("createdManagers", { count: 1 }), "ru")).toMatch(/^создан 1 руководитель без пароля/);
  });
});
