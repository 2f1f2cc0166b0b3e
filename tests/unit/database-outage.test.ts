// What sign-in, the health check and the CSV exports answer while PostgreSQL is unreachable: a clear, translated
// or coded reason, never the driver's message with the server's address.
import { beforeEach, describe, expect, it, vi } from "vitest";

const mocks = vi.hoisted(() => ({ queryRaw: vi.fn(), beginLoginAttempt: vi.fn() }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/db/client", () => ({ db: { $queryRaw: mocks.queryRaw } }));
vi.mock("@/lib/data/login-attempts", () => ({ beginLoginAttempt: mocks.beginLoginAttempt, recordLoginSuccess: async () => {} }));
vi.mock("@/lib/data/find-user-for-sign-in", () => ({ findUserForSignIn: async () => null }));

const { authorizeCredentials } = await import("@/lib/auth/authorize-credentials");
const { parseSignInError } = await import("@/lib/auth/sign-in-error");
const { GET: health } = await import("@/app/api/health/route");
const { csvStream } = await import("@/lib/report/csv-stream");

const INTERNAL = /10\.0\.0\.5|5432|reach database|ECONNREFUSED|prisma/i;
// Prisma 7's error for a query while the server is down; its message starts with a blank line.
const unreachable = () =>
  Object.assign(new Error("\nInvalid `prisma.$queryRaw()` invocation:\n\n\nRaw query failed. Code: `N/A`. Message: `Can't reach database server at 10.0.0.5:5432`"), {
    name: "PrismaClientKnownRequestError",
    code: "P2010",
    meta: { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "DatabaseNotReachable", host: "10.0.0.5", port: 5432 } } },
  });

beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation(() => {});
});

describe("sign-in while the database is unreachable", () => {
  it("throws the Unavailable code next-auth puts in the URL, which the form reads as 'unavailable', not the driver's message", async () => {
    mocks.beginLoginAttempt.mockRejectedValueOnce(unreachable());
    const failure = await authorizeCredentials({ email: "ada@example.com", password: "secret-password" }, {}).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe("Unavailable");
    expect(parseSignInError((failure as Error).message)).toEqual({ kind: "unavailable" });
    // Once the database answers, a wrong password is a wrong password again.
    mocks.beginLoginAttempt.mockResolvedValueOnce({ allowed: true, attemptId: 1 });
    expect(await authorizeCredentials({ email: "ada@example.com", password: "secret-password" }, {})).toBeNull();
  });
});

describe("GET /api/health while the database is unreachable", () => {
  it("answers 503 with a stable reason and nothing internal", async () => {
    mocks.queryRaw.mockRejectedValueOnce(unreachable());
    const response = await health();
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ status: "error", database: { reachable: false, latencyMs: null, error: "DATABASE_UNAVAILABLE" }, migrations: null });
    expect(text).not.toMatch(INTERNAL);
  });

  it("names another database failure DATABASE_ERROR, still without its message", async () => {
    mocks.queryRaw.mockRejectedValueOnce(new Error('relation "secret_table" does not exist'));
    const response = await health();
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text).database.error).toBe("DATABASE_ERROR");
    expect(text).not.toContain("secret_table");
  });
});

describe("csvStream", () => {
  const rows = (from: number, count: number) => Array.from({ length: count }, (_, i) => [from + i, `deal ${from + i}`]);

  it("reads the first batch before the response starts: a failure there is an error, not a file cut after its header", async () => {
    await expect(csvStream(["id", "deal"], async () => Promise.reject(unreachable()), "deals.csv")).rejects.toMatchObject({ code: "P2010" });

    // Every batch arrives after the header; a later failure errors the body rather than ending it as if complete.
    const response = await csvStream(["id", "deal"], async (offset, limit) => rows(offset, Math.min(limit, 2500 - offset)), "deals.csv");
    // A TextDecoder that keeps the byte-order mark, which spreadsheets need and Response.text() drops.
    const lines = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer()).split("\r\n");
    expect(lines[0]).toBe("\uFEFFid,deal");
    expect(lines.at(-2)).toBe("2499,deal 2499");
    expect(lines).toHaveLength(2502);
    const cut = await csvStream(["id", "deal"], async (offset) => (offset === 0 ? rows(0, 1000) : Promise.reject(unreachable())), "deals.csv");
    await expect(cut.text()).rejects.toBeDefined();
  });
});
