import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { mintViewer, type Viewer } from "@/lib/auth/viewer";
import { AppError, APP_ERROR_CODES, HTTP_STATUS } from "@/lib/errors";

const mocks = vi.hoisted(() => ({ viewer: null as Viewer | null, viewerError: null as Error | null, transactions: 0 }));
vi.mock("server-only", () => ({}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/auth/get-viewer", () => ({
  getViewer: async () => {
    if (mocks.viewerError) throw mocks.viewerError;
    return mocks.viewer;
  },
}));
vi.mock("@/lib/i18n/get-locale", () => ({ getLocale: async () => "en" }));
vi.mock("@/lib/data/in-transaction", () => ({
  inTransaction: async (work: (tx: unknown) => Promise<unknown>) => {
    mocks.transactions++;
    return work({});
  },
}));

const { authedRoute, routePolicyOf } = await import("@/lib/http/authed-route");

const admin = mintViewer({ userId: 1, orgId: 1, role: "ADMIN", repId: null, teamIds: [], name: "Ada", email: "a@x.test", locale: "en" });
const rep = mintViewer({ userId: 2, orgId: 1, role: "REP", repId: 3, teamIds: [1], name: "Rita", email: "r@x.test", locale: "ru" });

const handler = vi.fn(async (_viewer: Viewer, input: { id: number; year: number }) => ({ id: input.id, year: input.year }));
const route = authedRoute(z.object({ id: z.coerce.number().int().positive(), year: z.coerce.number().int() }), handler, { roles: ["ADMIN", "MANAGER"] });
const context = (id: string) => ({ params: Promise.resolve({ id }) });
const SAME_ORIGIN = { origin: "http://app.test" };

// What Prisma 7 throws for a query while PostgreSQL is down: the message names the server's address.
const unreachable = () =>
  Object.assign(new Error("\nInvalid `prisma.$queryRaw()` invocation:\n\nRaw query failed. Message: `Can't reach database server at 10.0.0.5:5432`"), {
    name: "PrismaClientKnownRequestError",
    code: "P2010",
    meta: { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "DatabaseNotReachable", host: "10.0.0.5", port: 5432 } } },
  });

beforeEach(() => {
  handler.mockClear();
  mocks.transactions = 0;
  mocks.viewerError = null;
});

describe("authedRoute", () => {
  it("answers 401 JSON to an anonymous caller without running the handler", async () => {
    mocks.viewer = null;
    const response = await route(new Request("http://app.test/api/things/4?year=2024"), context("4"));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "UNAUTHENTICATED", message: "Your session has ended. Sign in again to continue." });
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers 422 with field errors for invalid input", async () => {
    mocks.viewer = admin;
    const response = await route(new Request("http://app.test/api/things/x?year=2024"), context("x"));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: "INVALID", fieldErrors: { id: ["id must be a number."] } });
  });

  it("answers 403 to a role the policy leaves out, in the viewer's language", async () => {
    mocks.viewer = rep;
    const response = await route(new Request("http://app.test/api/things/4?year=2024"), context("4"));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: "FORBIDDEN", message: "У вас нет прав на это действие." });
    expect(mocks.transactions).toBe(0);
  });

  it("refuses a role the policy leaves out before reading the body", async () => {
    mocks.viewer = rep;
    const body = new ReadableStream({ pull: () => { throw new Error("the body must not be read"); } });
    const request = new Request("http://app.test/api/things/x", { method: "POST", headers: SAME_ORIGIN, body, duplex: "half" } as RequestInit);
    const response = await route(request, context("x"));
    expect(response.status).toBe(403);
    expect(request.bodyUsed).toBe(false);
  });

  it("merges route params, query and JSON body, runs the handler in a transaction and sends JSON, never cached", async () => {
    mocks.viewer = admin;
    const response = await route(
      new Request("http://app.test/api/things/4?year=2023", { method: "POST", headers: { ...SAME_ORIGIN, "content-type": "application/json" }, body: JSON.stringify({ year: 2024 }) }),
      context("4"),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: 4, year: 2024 });
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(mocks.transactions).toBe(1);
  });

  it.each(APP_ERROR_CODES)("maps AppError %s to its status", async (code) => {
    mocks.viewer = admin;
    handler.mockRejectedValueOnce(new AppError(code, { values: { minutes: 3 } }));
    const response = await route(new Request("http://app.test/api/things/4?year=2024"), context("4"));
    expect(response.status).toBe(HTTP_STATUS[code]);
    expect((await response.json()).error).toBe(code);
  });

  it("answers 500 with a generic message for an unexpected error", async () => {
    mocks.viewer = admin;
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    handler.mockRejectedValueOnce(new Error("relation \"secret_table\" does not exist"));
    const response = await route(new Request("http://app.test/api/things/4?year=2024"), context("4"));
    log.mockRestore();
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).not.toContain("secret_table");
  });

  it("answers 422 to a body that is not JSON", async () => {
    mocks.viewer = admin;
    const response = await route(new Request("http://app.test/api/things/4", { method: "POST", headers: { ...SAME_ORIGIN, "content-type": "application/json" }, body: "{oops" }), context("4"));
    expect(response.status).toBe(422);
  });

  it("answers 503 JSON with a retry hint and nothing internal when the database is unreachable in the handler", async () => {
    mocks.viewer = admin;
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    handler.mockRejectedValueOnce(unreachable());
    const response = await route(new Request("http://app.test/api/things/4?year=2024"), context("4"));
    log.mockRestore();
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("30");
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: "UNAVAILABLE", message: "The data is temporarily unavailable. Nothing was changed; try again in a minute." });
    expect(text).not.toMatch(/10\.0\.0\.5|5432|prisma|reach database/i);
  });

  it("answers 503 in the request's language when reading the session already fails", async () => {
    mocks.viewerError = unreachable();
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await route(new Request("http://app.test/api/things/4?year=2024"), context("4"));
    log.mockRestore();
    expect(response.status).toBe(503);
    expect((await response.json()).error).toBe("UNAVAILABLE");
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ["from another site", { origin: "https://evil.test" }],
    ["without an Origin", {}],
    ["from an opaque origin", { origin: "null" }],
    ["from the same host on another port", { origin: "http://app.test:8080" }],
  ])("refuses a state-changing request %s with 403 JSON, before reading the session", async (_label, headers) => {
    mocks.viewerError = new Error("the session must not be read");
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const response = await route(new Request("http://app.test/api/things/4?year=2024", { method, headers }), context("4"));
      expect(response.status, method).toBe(403);
      expect((await response.json()).error).toBe("FORBIDDEN");
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it("takes the host a proxy forwarded when it compares the Origin", async () => {
    mocks.viewer = admin;
    const request = (headers: Record<string, string>) => new Request("http://127.0.0.1:3000/api/things/4?year=2024", { method: "POST", headers });
    expect((await route(request({ origin: "https://crm.example.com", "x-forwarded-host": "crm.example.com" }), context("4"))).status).toBe(200);
    expect((await route(request({ origin: "https://crm.example.com", host: "crm.example.com" }), context("4"))).status).toBe(200);
    expect((await route(request({ origin: "https://crm.example.com" }), context("4"))).status).toBe(403);
    // A read needs no Origin: links and downloads do not send one.
    expect((await route(new Request("http://app.test/api/things/4?year=2024"), context("4"))).status).toBe(200);
  });

  it("is marked with its policy", () => {
    expect(routePolicyOf(route)).toEqual({ roles: ["ADMIN", "MANAGER"] });
    expect(routePolicyOf(() => {})).toBeUndefined();
  });
});
