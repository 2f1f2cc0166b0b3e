import { describe, expect, it } from "vitest";
import { detectEncoding } from "@/lib/import/parse/detect-encoding";
import { importMessageText } from "@/lib/import/messages/import-message-text";
import { ImportFileError } from "@/lib/import/parse/import-file-error";
import { openCsv } from "@/lib/import/parse/open-csv";
import { parseAmount } from "@/lib/import/parse/parse-amount";
import { parseBoolean } from "@/lib/import/parse/parse-boolean";
import { parseCsvRecords } from "@/lib/import/parse/parse-csv-records";
import { parseDate, toInstant } from "@/lib/import/parse/parse-date";
import { sniffDelimiter } from "@/lib/import/parse/sniff-delimiter";

async function* chunksOf(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}
async function* bytesOf(bytes: Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
async function records(text: string, delimiter = ",", size = 3) {
  const out: { row: number; cells: string[] }[] = [];
  for await (const r of parseCsvRecords(chunksOf(text, size), delimiter)) out.push(r);
  return out;
}
const cp1251 = (text: string) => {
  // Windows-1251 for А–я, Ё, ё; ASCII as is.
  return Uint8Array.from([...text].map((ch) => {
    const code = ch.charCodeAt(0);
    if (code < 0x80) return code;
    if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
    if (ch === "Ё") return 0xa8;
    if (ch === "ё") return 0xb8;
    throw new Error(`no cp1251 byte for ${ch}`);
  }));
};

describe("parseCsvRecords (RFC 4180)", () => {
  it.each([
    ["plain fields", "a,b,c\n1,2,3\n", [["a", "b", "c"], ["1", "2", "3"]]],
    ["CRLF line ends", "a,b\r\n1,2\r\n", [["a", "b"], ["1", "2"]]],
    ["no newline at the end", "a,b\n1,2", [["a", "b"], ["1", "2"]]],
    ["an empty last cell", "a,b\n1,\n", [["a", "b"], ["1", ""]]],
    ["a quoted delimiter", 'a,b\n"x, y",2\n', [["a", "b"], ["x, y", "2"]]],
    ["a quoted newline", 'a,b\n"line 1\nline 2",2\n', [["a", "b"], ["line 1\nline 2", "2"]]],
    ["a quoted CRLF", 'a\r\n"1\r\n2"\r\n', [["a"], ["1\r\n2"]]],
    ["doubled quotes", 'a\n"say ""hi"""\n', [["a"], ['say "hi"']]],
    ["an empty quoted field", 'a,b\n"",x\n', [["a", "b"], ["", "x"]]],
    ["blank lines skipped", "a\n\n1\n\n", [["a"], ["1"]]],
  ])("reads %s", async (_name, text, expected) => {
    for (const size of [1, 2, 5, 1000]) {
      const got = [];
      for await (const r of parseCsvRecords(chunksOf(text, size), ",")) got.push(r.cells);
      expect(got).toEqual(expected);
    }
  });

  it("numbers rows as a spreadsheet does, counting blank lines and records not lines", async () => {
    expect((await records('h\n"a\nb"\n\nc\n')).map((r) => r.row)).toEqual([1, 2, 4]);
  });

  it("reads semicolons and tabs", async () => {
    expect((await records("a;b\n1;2\n", ";")).map((r) => r.cells)).toEqual([["a", "b"], ["1", "2"]]);
    expect((await records("a\tb\n1\t2\n", "\t")).map((r) => r.cells)).toEqual([["a", "b"], ["1", "2"]]);
  });

  it("refuses a quote left open at the end of the file", async () => {
    await expect(records('a\n"open\n')).rejects.toThrow("row 2: a quoted field is not closed before the end of the file");
  });
});

describe("sniffDelimiter", () => {
  it.each([
    ["a,b,c\n", ","],
    ["a;b;c\n", ";"],
    ["a\tb\tc\n", "\t"],
    ['"x;y",b,c\n', ","],
    ["single\n", ","],
    ["a;b,c;d\n1", ";"],
  ])("%j → %j", (text, expected) => expect(sniffDelimiter(text)).toBe(expected));
});

describe("detectEncoding", () => {
  const utf8 = new TextEncoder();
  it.each([
    ["ASCII", utf8.encode("id,name\n1,x\n"), "utf-8"],
    ["UTF-8 with BOM", Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8.encode("имя\n")]), "utf-8"],
    ["UTF-8 Cyrillic", utf8.encode("Название;Бюджет\n"), "utf-8"],
    ["Windows-1251 Cyrillic", cp1251("Название;Бюджет\nЁлка;100\n"), "windows-1251"],
  ])("%s", (_name, bytes, expected) => expect(detectEncoding(bytes, true)).toBe(expected));

  it("accepts a UTF-8 character cut at the end of the sample", () => {
    const bytes = utf8.encode("Название");
    expect(detectEncoding(bytes.subarray(0, 3), false)).toBe("utf-8");
  });

  it("refuses binary files", () => {
    expect(() => detectEncoding(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]), true)).toThrow("the file is not CSV text: it contains binary data");
  });

  it("refuses bytes that are neither UTF-8 nor Russian Windows-1251", () => {
    expect(() => detectEncoding(Uint8Array.from([0x61, 0x80, 0x81, 0x82, 0x83, 0x0a]), true)).toThrow(ImportFileError);
  });
});

describe("openCsv", () => {
  it("detects Windows-1251 and semicolons, and decodes the rows", async () => {
    const csv = await openCsv(bytesOf(cp1251("Имя;Сумма\nЁжик;100\n")));
    expect([csv.encoding, csv.delimiter, csv.header]).toEqual(["windows-1251", ";", ["Имя", "Сумма"]]);
    const rows = [];
    for await (const r of csv.records) rows.push(r.cells);
    expect(rows).toEqual([["Ёжик", "100"]]);
  });

  it("strips a UTF-8 BOM from the first header", async () => {
    const csv = await openCsv(bytesOf(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("id\tname\n1\tx\n")])));
    expect([csv.encoding, csv.delimiter, csv.header]).toEqual(["utf-8", "\t", ["id", "name"]]);
  });

  it("uses the encoding it is told", async () => {
    const csv = await openCsv(bytesOf(new TextEncoder().encode("a\n1\n")), { encoding: "windows-1251" });
    expect(csv.encoding).toBe("windows-1251");
  });

  it("places progress behind the rows read, not at the bytes read ahead of them", async () => {
    // Ten lines of 10 bytes, read as one chunk: the whole file is in memory before the first row is parsed.
    const text = ["id,name,x", ...Array.from({ length: 9 }, (_, i) => `${i},row-${i},y`)].map((line) => `${line}\n`).join("");
    const csv = await openCsv(bytesOf(new TextEncoder().encode(text), 1024));
    const positions = [];
    for await (const r of csv.records) positions.push([r.row, csv.position()]);
    expect(positions).toEqual(Array.from({ length: 9 }, (_, i) => [i + 2, (i + 2) * 10]));
  });

  it("calls an empty file empty", async () => {
    await expect(openCsv(bytesOf(new Uint8Array()))).rejects.toThrow("the file is empty");
    await expect(openCsv(bytesOf(new TextEncoder().encode("\n\n")))).rejects.toThrow("the file is empty");
  });
});

describe("parseAmount", () => {
  it.each([
    ["1234", ".", "1234"],
    ["1,234.56", ".", "1234.56"],
    ["$1,234.56", ".", "1234.56"],
    ["USD 48,000.00", ".", "48000.00"],
    ["1 234,56", ",", "1234.56"],
    ["1\u00a0234,56 ₽", ",", "1234.56"],
    ["12 500,50 руб.", ",", "12500.50"],
    ["1.234.567,8", ",", "1234567.8"],
    ["€ 99", ",", "99"],
    ["-2500", ".", "-2500"],
    ["(300.00)", ".", "-300.00"],
    ["1'000.5", ".", "1000.5"],
    ["0", ".", "0"],
  ])("%j with decimal %j → %s", (text, decimal, expected) => {
    expect(parseAmount(text, decimal as "." | ",")).toEqual({ ok: true, value: expected });
  });

  it.each([["abc"], ["1.2.3"], ["--"], ["1234567890123"]])("refuses %j", (text) => {
    expect(parseAmount(text, ".").ok).toBe(false);
  });
});

describe("parseDate", () => {
  it.each([
    ["3/14/2025", "M/D/YYYY", "2025-03-14", null],
    ["03/04/2025", "MM/DD/YYYY", "2025-03-04", null],
    ["14.03.2025", "DD.MM.YYYY", "2025-03-14", null],
    ["14.03.2025 16:20:05", "DD.MM.YYYY", "2025-03-14", (16 * 3600 + 20 * 60 + 5) * 1000],
    ["3/14/2025 4:20 PM", "M/D/YYYY", "2025-03-14", (16 * 60 + 20) * 60_000],
    ["3/14/2025 12:05 AM", "M/D/YYYY", "2025-03-14", 5 * 60_000],
    ["2025-03-14", "DD.MM.YYYY", "2025-03-14", null],
    ["2025-03-14 09:12", undefined, "2025-03-14", (9 * 60 + 12) * 60_000],
    ["14/03/25", "DD/MM/YY", "2025-03-14", null],
  ])("%j in %s", (text, format, date, timeMs) => {
    const parsed = parseDate(text, format);
    expect(parsed.ok && [parsed.value.date, parsed.value.timeMs]).toEqual([date, timeMs]);
  });

  it("reads an ISO instant with its offset exactly", () => {
    const parsed = parseDate("2025-03-14T16:20:00.123Z", undefined);
    expect(parsed.ok && toInstant(parsed.value, "Europe/Berlin").toISOString()).toBe("2025-03-14T16:20:00.123Z");
    const offset = parseDate("2025-03-14T16:20:00+03:00", undefined);
    expect(offset.ok && toInstant(offset.value, "UTC").toISOString()).toBe("2025-03-14T13:20:00.000Z");
  });

  it("reads wall-clock times in the organisation's time zone", () => {
    const parsed = parseDate("14.03.2025 10:00", "DD.MM.YYYY");
    expect(parsed.ok && toInstant(parsed.value, "Europe/Moscow").toISOString()).toBe("2025-03-14T07:00:00.000Z");
  });

  it.each([["2/30/2025", "M/D/YYYY"], ["14.03.2025", "M/D/YYYY"], ["yesterday", "DD.MM.YYYY"], ["3/14/2025 13:00 PM", "M/D/YYYY"]])("refuses %j in %s", (text, format) => {
    const parsed = parseDate(text, format);
    expect(parsed.ok).toBe(false);
  });

  it("says which format it expected", () => {
    const parsed = parseDate("2/30/2025", "M/D/YYYY");
    expect(parsed).toEqual({ ok: false, error: { code: "notDateOrIso", params: { value: "2/30/2025", format: "M/D/YYYY" } } });
    expect(!parsed.ok && importMessageText(parsed.error)).toBe('"2/30/2025" is not a date in the format M/D/YYYY or YYYY-MM-DD');
  });
});

describe("parseBoolean", () => {
  it.each([["yes", true], ["TRUE", true], ["1", true], ["да", true], ["no", false], ["0", false], ["Нет", false]])("%j → %s", (text, value) => {
    expect(parseBoolean(text)).toEqual({ ok: true, value });
  });
});
