// Hostile input, generated: every server action and every route handler gets random and malformed input (wrong
// types, huge strings, unicode, NUL, SQL and HTML fragments, prototype-pollution keys, repeated fields) from
// fast-check. An action answers a typed error (never the generic "failed", never a throw other than Next's
// redirect), an INVALID answer names its fields, and a refused call writes nothing. A route never answers 500, and
// every body over its cap is answered 413. The lists are enumerated from lib/actions and app/api at test time: a new
// action or route without fuzz coverage fails. A failure prints fast-check's seed and path; replay with
// FUZZ_SEED=<seed>. FUZZ_RUNS raises the runs per action (default keeps the file within about two minutes in CI).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { seedAuthorizationFixture, type Fixture } from "./authorization-fixture";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

const holder = vi.hoisted(() => ({ client: undefined as unknown as PrismaClient, viewer: null as Viewer | null }));
vi.mock("server-only", () => ({}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined, set: () => {}, getAll: () => [] }), headers: async () => new Headers() }));
vi.mock("@/lib/i18n/get-locale", () => ({ getLocale: async () => "en" }));
vi.mock("@/lib/auth/get-viewer", () => ({ getViewer: async () => holder.viewer }));
vi.mock("@/lib/db/client", () => ({
  db: new Proxy({}, { get: (_target, property) => Reflect.get(holder.client, property, holder.client) }),
}));
// The PDF route's input handling is fuzzed; rendering (a browser fetching this app) is not part of it.
vi.mock("@/lib/review/render-review-pdf", () => ({ pdfBrowserPath: () => null, renderReviewPdf: async () => new Uint8Array() }));

const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
const RUNS = Number(process.env.FUZZ_RUNS ?? 4);
const ROOT = path.resolve(import.meta.dirname, "../..");
const ACTIONS_DIR = path.join(ROOT, "lib/actions");
const FAILED = "Something went wrong and nothing was saved. Try again.";
const INVALID = "Some fields need your attention.";

let database: ScratchDatabase;
let db: PrismaClient;
let fx: Fixture;
let fingerprintSql = "";

beforeAll(async () => {
  database = await createMigratedDatabase();
  db = createPrismaClient(database.url);
  holder.client = db;
  process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "fuzz-"));
  process.env.NEXTAUTH_SECRET ??= "x".repeat(40);
  fx = await seedAuthorizationFixture(db);
  const tables = await db.$queryRawUnsafe<Array<{ name: string }>>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1",
  );
  // Every table's rows hashed in one round trip: a refused call must leave every one of them as it was.
  fingerprintSql = tables.map(({ name }) => `SELECT '${name}' AS name, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS hash FROM "${name}" t`).join(" UNION ALL ");
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
  if (process.env.DATA_DIR?.includes("fuzz-")) fs.rmSync(process.env.DATA_DIR, { recursive: true, force: true });
});

async function fingerprint(): Promise<Record<string, string>> {
  const rows = await db.$queryRawUnsafe<Array<{ name: string; hash: string }>>(fingerprintSql);
  return Object.fromEntries(rows.map((row) => [row.name, row.hash]));
}

// ---- the hostile values ---------------------------------------------------------------------------------------

const FRAGMENTS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "\"><svg onload=alert(1)>",
  "javascript:alert(1)",
  "' OR 1=1 --",
  "'; DROP TABLE deal; --",
  "1; SELECT pg_sleep(5)",
  "%00",
  "../../etc/passwd",
  "__proto__",
  "constructor",
  "{\"__proto__\":{\"admin\":true}}",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e309",
  "-1",
  "0",
  "1.5",
  "0x10",
  "2147483647",
  "2147483648",
  "-2147483649",
  "99999999999999999999",
  "9007199254740993",
  "0001-01-01",
  "9999-12-31",
  "2025-02-30",
  "2025-01-01T00:00:00Z",
  "𝓤𝓷𝓲𝓬𝓸𝓭𝓮",
  "\u202eevil",
  "\ud800",
  "Ｚｅｒｏ\u200b",
  "🧨".repeat(300),
];
const HUGE = ["x".repeat(10_001), "é".repeat(70_000), "<b>".repeat(40_000)];

function plausibleValues(file: string, fixture: Fixture): string[] {
  const ids = [...Object.values(fixture.teams), ...Object.values(fixture.reps), ...Object.values(fixture.deals), ...Object.values(fixture.users), fixture.orgId].map(String);
  const enums = [...validationSources(file).matchAll(/"([A-Z][A-Z_]{2,})"/g)].map((m) => m[1]!);
  return [...new Set([...ids, ...enums, "2025", "2026", "en", "ru", "on", "1"])];
}

/** The lib/validation modules an action imports, as text: its field names and enum values come from there. */
function validationSources(file: string): string {
  const source = fs.readFileSync(path.join(ACTIONS_DIR, file), "utf8");
  const modules = [...source.matchAll(/from "@\/lib\/validation\/([\w-]+)"/g)].map((m) => m[1]!);
  return [source, ...modules.map((name) => fs.readFileSync(path.join(ROOT, "lib/validation", `${name}.ts`), "utf8"))].join("\n");
}

function fieldNames(file: string): string[] {
  const found = [...validationSources(file).matchAll(/^\s+(\w+):\s*(?:z\b|[\w.]+(?:Field|Id|Schema|Year|Date|Text)\b|[a-z]\w*[,(])/gm)].map((m) => m[1]!);
  return [...new Set([...found, "id", "name"])];
}

const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 80 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE) },
  { weight: 2, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 10 })).map(([a, b]) => a + b) },
);

const POLLUTION_KEYS = ["__proto__", "constructor", "prototype", "constructor.prototype", "__proto__[admin]", "$ACTION_ID_x", ""];

/** A form: some of the action's fields (plausible or hostile values, sometimes repeated), plus hostile keys. */
function formArbitrary(fields: string[], plausible: string[]) {
  const value = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...plausible) }, { weight: 4, arbitrary: hostileString });
  const entry = fc.tuple(fc.constantFrom(...fields), fc.array(value, { minLength: 1, maxLength: 3 }));
  const extra = fc.tuple(fc.oneof(fc.constantFrom(...POLLUTION_KEYS), fc.string({ maxLength: 12 })), fc.array(hostileString, { minLength: 1, maxLength: 2 }));
  return fc.tuple(fc.array(entry, { maxLength: fields.length + 2 }), fc.array(extra, { maxLength: 3 })).map(([own, foreign]) => [...own, ...foreign]);
}

function toFormData(entries: Array<[string, string[]]>): FormData {
  const data = new FormData();
  for (const [key, values] of entries) for (const value of values) data.append(key, value);
  return data;
}

/** Next's own control flow (redirect, notFound): thrown on purpose, handled by the framework. */
function isNextSignal(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK"));
}

// ---- server actions ---------------------------------------------------------------------------------------------

type AnyAction = (prev: unknown, formData: FormData) => Promise<unknown>;
const actionFiles = fs.readdirSync(ACTIONS_DIR).filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && file !== "authed-action.ts");

/**
 * Every exported action and the viewer it is fuzzed as: the one who may run it, so input reaches validation and
 * the handler. An action missing here fails the registry test below.
 */
const FUZZED_AS: Record<string, "admin" | "managerX" | "repA" | "anonymous"> = {
  "accept-invite.ts#acceptInvite": "anonymous",
  "admin-create-team.ts#createTeam": "admin",
  "admin-create-user.ts#createUser": "admin",
  "admin-move-rep.ts#moveRep": "admin",
  "admin-reissue-invite.ts#reissueInvite": "admin",
  "admin-set-password.ts#setUserPassword": "admin",
  "admin-set-user-active.ts#setUserActive": "admin",
  "admin-update-organization-settings.ts#saveOrganizationSettings": "admin",
  "admin-update-team.ts#updateTeam": "admin",
  "admin-update-user.ts#updateUser": "admin",
  "coaching-acknowledge-commitment.ts#acknowledgeCommitment": "repA",
  "coaching-create-session.ts#createCoachingSession": "managerX",
  "coaching-set-commitment-status.ts#setCommitmentStatus": "managerX",
  "complete-setup.ts#completeSetup": "anonymous",
  "deal-answer-criterion.ts#answerDealCriterion": "repA",
  "deal-update-next-step.ts#updateDealNextStep": "repA",
  "goal-delete.ts#deleteGoal": "managerX",
  "goal-save.ts#saveGoal": "managerX",
  "meeting-answer-criterion.ts#answerMeetingCriterion": "managerX",
  "meeting-decide.ts#decideMeetingDeal": "managerX",
  "meeting-finish.ts#finishMeeting": "managerX",
  "meeting-go-to-deal.ts#goToMeetingDeal": "managerX",
  "meeting-set-forecast.ts#setMeetingForecast": "managerX",
  "meeting-start.ts#startMeeting": "managerX",
  "pipeline-add-criterion.ts#addCriterion": "admin",
  "pipeline-add-stage.ts#addStage": "admin",
  "pipeline-create.ts#createPipeline": "admin",
  "pipeline-delete.ts#deletePipeline": "admin",
  "pipeline-merge-stage.ts#mergeStage": "admin",
  "pipeline-move-criterion.ts#moveCriterion": "admin",
  "pipeline-move-stage.ts#moveStage": "admin",
  "pipeline-move.ts#movePipeline": "admin",
  "pipeline-remove-criterion.ts#removeCriterion": "admin",
  "pipeline-remove-stage.ts#removeStage": "admin",
  "pipeline-rename.ts#renamePipeline": "admin",
  "pipeline-restore-criterion.ts#restoreCriterion": "admin",
  "pipeline-update-criterion.ts#updateCriterion": "admin",
  "pipeline-update-stage.ts#updateStage": "admin",
  "plan-save-pipeline.ts#savePipelinePlan": "managerX",
  "review-decide-insight.ts#decideReviewInsight": "managerX",
  "review-save-answer.ts#saveReviewAnswer": "managerX",
  "review-set-section-done.ts#setReviewSectionDone": "managerX",
  "review-set-status.ts#setReviewStatus": "managerX",
  "review-track-kpi.ts#trackReviewKpi": "managerX",
  "set-locale.ts#setLocale": "repA",
  "sign-out-everywhere.ts#signOutEverywhere": "repA",
};

describe("fuzzed server actions", async () => {
  const cases: Array<{ key: string; file: string; action: AnyAction }> = [];
  for (const file of actionFiles) {
    const exports = (await import(path.join(ACTIONS_DIR, file))) as Record<string, AnyAction>;
    for (const [name, action] of Object.entries(exports)) cases.push({ key: `${file}#${name}`, file, action });
  }

  it("fuzzes every exported action, and lists no action that is gone", () => {
    expect(cases.map((c) => c.key).sort()).toEqual(Object.keys(FUZZED_AS).sort());
  });

  for (const { key, file, action } of cases) {
    it(`${key}: hostile forms get a typed answer, field errors when invalid, and no write when refused`, { timeout: 120_000 }, async () => {
      const who = FUZZED_AS[key];
      if (!who) return; // the registry test above fails for it
      const fields = fieldNames(file);
      const plausible = plausibleValues(file, fx);
      const logged = vi.spyOn(console, "error").mockImplementation(() => {});
      try {
        await fc.assert(
          fc.asyncProperty(formArbitrary(fields, plausible), async (entries) => {
            holder.viewer = who === "anonymous" ? null : fx.viewers[who];
            logged.mockClear();
            const before = await fingerprint();
            let result: { status?: string; message?: string; fieldErrors?: Record<string, string[]> } | undefined;
            try {
              const form = toFormData(entries);
              result = (action.length >= 2 ? await action({ status: "idle" }, form) : await (action as unknown as (f: FormData) => Promise<unknown>)(form)) as typeof result;
            } catch (error) {
              if (!isNextSignal(error)) throw error;
              return;
            }
            const unexpected = logged.mock.calls.filter((call) => String(call[0]).includes("failed") && !String(call[0]).includes("unreachable"));
            expect(unexpected, `${key} logged an unexpected error`).toEqual([]);
            if (result === undefined || result.status === "success") return;
            expect(result.message, `${key} answered the generic failure`).not.toBe(FAILED);
            if (result.message === INVALID) expect(Object.keys(result.fieldErrors ?? {}).length, `${key}: INVALID without field errors`).toBeGreaterThan(0);
            expect(await fingerprint(), `${key} wrote although it refused`).toEqual(before);
          }),
          { seed: SEED, numRuns: RUNS, endOnFailure: true },
        );
      } finally {
        logged.mockRestore();
      }
    });
  }
});

// ---- route handlers --------------------------------------------------------------------------------------------

type Handler = (request: Request, context?: { params?: Promise<unknown> }) => Promise<Response>;
const API_DIR = path.join(ROOT, "app/api");

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [path.relative(API_DIR, full)] : [];
  });
}

/** Route handlers fuzzed here, with their bodies' caps. NextAuth's own handler is covered by its 413 test below. */
const ROUTES: Record<string, { methods: Array<"GET" | "POST" | "PUT">; fields: string[]; bodyLimit?: number }> = {
  "export/activities/route.ts": { methods: ["GET"], fields: ["period", "from", "to", "team", "rep", "kind", "type", "outcome", "year", "format"] },
  "export/deals/route.ts": { methods: ["GET"], fields: ["period", "from", "to", "team", "rep", "stage", "status", "year", "format", "pipeline"] },
  "export/leads/route.ts": { methods: ["GET"], fields: ["period", "from", "to", "team", "rep", "source", "status", "year", "format"] },
  "export/report/route.ts": { methods: ["GET"], fields: ["year", "team", "format"] },
  "health/route.ts": { methods: ["GET"], fields: [] },
  "import/jobs/[id]/route.ts": { methods: ["GET"], fields: ["id"] },
  "import/jobs/[id]/rejections/route.ts": { methods: ["GET"], fields: ["id", "format"] },
  "import/presets/route.ts": { methods: ["POST"], fields: ["name", "kind", "mapping"], bodyLimit: 1024 * 1024 },
  "import/preview/route.ts": { methods: ["POST"], fields: ["uploadId", "kind", "mapping", "createMissing", "skipInvalid"], bodyLimit: 1024 * 1024 },
  "import/run/route.ts": { methods: ["POST"], fields: ["uploadId", "kind", "mapping", "createMissing", "skipInvalid"], bodyLimit: 1024 * 1024 },
  "import/upload/route.ts": { methods: ["POST"], fields: ["fileName", "size"], bodyLimit: 1024 * 1024 },
  "import/upload/[id]/route.ts": { methods: ["POST"], fields: ["id", "kind"], bodyLimit: 1024 * 1024 },
  "import/upload/[id]/chunks/[seq]/route.ts": { methods: ["PUT"], fields: ["id", "seq"], bodyLimit: 1024 * 1024 },
  "meeting/[id]/events/route.ts": { methods: ["GET"], fields: ["id"] },
  "review/[year]/pdf/route.ts": { methods: ["GET"], fields: ["year", "team"] },
};
const NOT_FUZZED: Record<string, string> = {
  "auth/[...nextauth]/route.ts": "NextAuth's handler: its sign-in is tested in tests/unit/security-sign-in.test.ts; its body cap below",
};

const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(fc.oneof(fc.constantFrom(...POLLUTION_KEYS), fc.string({ maxLength: 8 })), hostileString, { maxKeys: 3 }),
);

async function drain(response: Response): Promise<string> {
  // A stream that never ends (the meeting's events) is cut after its first piece.
  const reader = response.body?.getReader();
  if (!reader) return "";
  const first = await Promise.race([reader.read(), new Promise<undefined>((resolve) => setTimeout(resolve, 2_000))]);
  await reader.cancel().catch(() => {});
  return first && !first.done ? new TextDecoder().decode(first.value) : "";
}

describe("fuzzed route handlers", () => {
  const found = routeFiles(API_DIR).sort();

  it("fuzzes every route handler in app/api, and lists none that is gone", () => {
    expect(found).toEqual([...Object.keys(ROUTES), ...Object.keys(NOT_FUZZED)].sort());
  });

  for (const [file, { methods, fields }] of Object.entries(ROUTES)) {
    const params = [...file.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!);
    for (const method of methods) {
      it(`${method} /api/${file.replace(/\/route\.ts$/, "")}: hostile query, params and body never answer 500`, { timeout: 120_000 }, async () => {
        const routeModule = (await import(path.join(API_DIR, file))) as Record<string, Handler>;
        const handler = routeModule[method]!;
        const logged = vi.spyOn(console, "error").mockImplementation(() => {});
        const plausible = [...Object.values(fx.teams), ...Object.values(fx.deals)].map(String).concat(["2025", "deals", "csv", "this-year", "custom", "00000000-0000-4000-8000-000000000000"]);
        const value = fc.oneof(fc.constantFrom(...plausible), hostileString);
        const keys = fc.constantFrom(...fields, ...POLLUTION_KEYS.filter(Boolean));
        try {
          await fc.assert(
            fc.asyncProperty(
              fc.array(fc.tuple(keys, value), { maxLength: 6 }),
              fc.record(Object.fromEntries(params.map((p) => [p, value]))),
              fc.oneof(fc.dictionary(fc.oneof(fc.constantFrom(...fields, ...POLLUTION_KEYS), fc.string({ maxLength: 8 })), jsonValue, { maxKeys: 6 }), jsonValue),
              fc.constantFrom("application/json", "application/x-www-form-urlencoded", "text/plain", "application/octet-stream"),
              fc.constantFrom("admin", "managerX", "repA"),
              async (query, routeParams, body, contentType, who) => {
                holder.viewer = fx.viewers[who];
                const url = new URL(`http://localhost/api/${file.replace(/\/route\.ts$/, "")}`);
                for (const [key, v] of query) url.searchParams.append(key, v.slice(0, 4_000));
                const text = contentType === "application/x-www-form-urlencoded" && typeof body === "object" && body !== null
                  ? new URLSearchParams(Object.entries(body).map(([k, v]) => [k, typeof v === "object" && v !== null ? JSON.stringify(v) : String(v)])).toString()
                  : JSON.stringify(body) ?? "";
                const init: RequestInit = method === "GET" ? {} : { method, headers: { Origin: "http://localhost", "Content-Type": contentType }, body: text };
                const response = await handler(new Request(url, init), { params: Promise.resolve(routeParams) });
                const sent = await drain(response);
                expect(response.status, `${method} ${url.pathname}${url.search} answered ${response.status}: ${sent.slice(0, 300)}`).not.toBe(500);
                expect(response.status).toBeLessThan(600);
                if (response.status >= 400 && response.status !== 503) expect(JSON.parse(sent), `${url.pathname}: a refusal is JSON with a code`).toHaveProperty("error");
              },
            ),
            { seed: SEED, numRuns: RUNS * 2, endOnFailure: true },
          );
        } finally {
          logged.mockRestore();
        }
      });
    }
  }
});

// ---- body size limits --------------------------------------------------------------------------------------------

describe("body size limits", () => {
  const MESSAGE = "The request is too large: at most 1 MB may be sent at once. Nothing was saved.";

  for (const [file, { methods, bodyLimit }] of Object.entries(ROUTES)) {
    if (!bodyLimit) continue;
    for (const method of methods) {
      it(`${method} /api/${file.replace(/\/route\.ts$/, "")} answers 413 to a body over ${bodyLimit} bytes, declared or streamed, writing nothing`, async () => {
        holder.viewer = fx.viewers.admin;
        const routeModule = (await import(path.join(API_DIR, file))) as Record<string, Handler>;
        const params = Promise.resolve({ id: "00000000-0000-4000-8000-000000000000", seq: "0" });
        const type = file.includes("chunks") ? "application/octet-stream" : "application/json";
        const big = JSON.stringify({ name: "x".repeat(bodyLimit) });
        const before = await fingerprint();
        const declared = await routeModule[method]!(new Request(`http://localhost/api/${file}`, { method, headers: { Origin: "http://localhost", "Content-Type": type }, body: big }), { params });
        expect(declared.status).toBe(413);
        expect(await declared.json()).toEqual({ error: "TOO_LARGE", message: MESSAGE });
        // No Content-Length: the body is cut off as soon as it passes the cap.
        let sent = 0;
        const stream = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent > bodyLimit * 4) return controller.close();
            sent += 64 * 1024;
            controller.enqueue(new TextEncoder().encode("x".repeat(64 * 1024)));
          },
        });
        const streamed = await routeModule[method]!(
          new Request(`http://localhost/api/${file}`, { method, headers: { Origin: "http://localhost", "Content-Type": type }, body: stream, duplex: "half" } as RequestInit),
          { params },
        );
        expect(streamed.status).toBe(413);
        expect(sent, "the stream was read past the cap").toBeLessThanOrEqual(bodyLimit + 2 * 64 * 1024);
        expect(await fingerprint()).toEqual(before);
      });
    }
  }

  it("a body at the cap is still read (the cap is not off by one)", async () => {
    holder.viewer = fx.viewers.admin;
    const routeModule = (await import(path.join(API_DIR, "import/presets/route.ts"))) as Record<string, Handler>;
    const body = JSON.stringify({ name: "" }).padEnd(1024 * 1024, " ");
    const response = await routeModule.POST!(new Request("http://localhost/api/import/presets", { method: "POST", headers: { Origin: "http://localhost", "Content-Type": "application/json" }, body }));
    expect(response.status).toBe(422);
  });

  it("the sign-in route (NextAuth) answers 413 to a body over 16 KB before NextAuth reads it", async () => {
    const routeModule = (await import(path.join(API_DIR, "auth/[...nextauth]/route.ts"))) as Record<string, Handler>;
    const response = await routeModule.POST!(
      new Request("http://localhost/api/auth/callback/credentials", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "password=" + "x".repeat(17 * 1024) }),
      { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) },
    );
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toBe("TOO_LARGE");
  });

  it("server actions are capped in next.config.ts", () => {
    const config = fs.readFileSync(path.join(ROOT, "next.config.ts"), "utf8");
    expect(config).toMatch(/serverActions:\s*\{\s*bodySizeLimit:\s*"1mb"\s*\}/);
  });
});
