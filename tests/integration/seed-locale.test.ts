// npm run seed -- --locale ru: the same organisation with Russian texts. Both languages share one random stream, so
// every figure of the report is identical; only the words differ.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintViewer } from "@/lib/auth/viewer";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { periodOf } from "@/lib/kpi/period";
import { buildReport, type Report } from "@/lib/report/build-report";
import { type DemoLocale, seedDemo } from "@/prisma/seed";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

const TODAY = new Date("2025-03-15T12:00:00Z");
const LOCALES: DemoLocale[] = ["en", "ru"];

interface Seeded {
  database: ScratchDatabase;
  client: PrismaClient;
  counts: Record<string, number>;
  report: Report;
}
const seeded = {} as Record<DemoLocale, Seeded>;

beforeAll(async () => {
  for (const locale of LOCALES) {
    const database = await createMigratedDatabase();
    const { counts } = await seedDemo(database.url, { today: TODAY, reps: 8, years: 2, locale });
    const client = createPrismaClient(database.url);
    const user = await client.user.findFirstOrThrow({ where: { role: "ADMIN" }, select: { id: true, orgId: true } });
    const { timeZone } = await client.organization.findUniqueOrThrow({ where: { id: user.orgId }, select: { timeZone: true } });
    const admin = mintViewer({ userId: user.id, orgId: user.orgId, role: "ADMIN", repId: null, teamIds: [], name: "Admin", email: "a@example.test", locale });
    const report = await buildReport(client, admin, { period: periodOf({ kind: "year", year: 2024 }, timeZone) });
    seeded[locale] = { database, client, counts, report };
  }
}, 240_000);

afterAll(async () => {
  for (const locale of LOCALES) {
    await seeded[locale]?.client.$disconnect();
    await seeded[locale]?.database.drop();
  }
});

/**
 * The report with every text that names something (team, rep, stage, pipeline, reason, sentence) taken out. Lists are
 * ordered by name in the report, and names sort differently in Russian: each list is compared as a set of rows.
 */
function figuresOf(report: Report): unknown {
  return JSON.parse(JSON.stringify(report), (_key, value: unknown) => {
    if (typeof value === "string") return /^\d{4}-\d{2}(-\d{2})?$/.test(value) ? value : "·";
    if (Array.isArray(value)) return value.map((item) => JSON.stringify(item)).sort();
    return value;
  });
}

describe("seedDemo({ locale })", () => {
  it("writes the same rows in both languages", () => {
    expect(seeded.ru.counts).toEqual(seeded.en.counts);
  });

  it("gives identical report figures in both languages", () => {
    expect(seeded.ru.report.total).toEqual(seeded.en.report.total);
    expect(figuresOf(seeded.ru.report)).toEqual(figuresOf(seeded.en.report));
    expect(seeded.en.report.total.won).toBeGreaterThan(0);
  });

  it("names stages, pipelines, criteria and lost reasons in Russian, and keeps the demo logins' e-mails", async () => {
    const { client } = seeded.ru;
    const stages = (await client.stage.findMany({ select: { name: true } })).map((s) => s.name);
    expect(stages).toContain("Квалификация");
    expect(stages).toContain("Коммерческое предложение");
    expect(stages).not.toContain("Qualify");
    expect((await client.pipeline.findMany({ select: { name: true } })).map((p) => p.name).sort()).toEqual(["Новые продажи", "Продления"]);
    const criterion = await client.stageCriterion.findFirstOrThrow({ orderBy: { id: "asc" }, select: { question: true } });
    expect(criterion.question).toMatch(/[а-яё]/i);
    const lost = await client.deal.findMany({ where: { lostReason: { not: null } }, select: { lostReason: true }, take: 50 });
    expect(lost.length).toBeGreaterThan(0);
    for (const deal of lost) expect(deal.lostReason).toMatch(/[а-яё]/i);
    const emails = async (c: PrismaClient) => (await c.user.findMany({ select: { email: true }, orderBy: { id: "asc" } })).map((u) => u.email);
    expect(await emails(client)).toEqual(await emails(seeded.en.client));
    expect((await client.team.findMany({ select: { name: true } })).map((t) => t.name)).toContain("Команда «Север»");
  });

  it("keeps English the default", async () => {
    expect((await seeded.en.client.stage.findMany({ select: { name: true } })).map((s) => s.name)).toContain("Qualify");
  });
});
