import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { mintViewer, type Viewer, type ViewerFields } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";

const mocks = vi.hoisted(() => ({
  viewer: null as Viewer | null,
  viewerError: null as Error | null,
  revalidatePath: vi.fn(),
  transactions: 0,
}));
vi.mock("server-only", () => ({}));
vi.mock("next/cache", () => ({ revalidatePath: mocks.revalidatePath }));
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
    return work({ fake: "tx" });
  },
}));

const { authedAction, actionPolicyOf, formDataToObject } = await import("@/lib/actions/authed-action");

const base: ViewerFields = { userId: 1, orgId: 1, role: "REP", repId: 5, teamIds: [2], name: "Rita Rep", email: "r@x.test", locale: "en" };
const rep = mintViewer(base);
const manager = mintViewer({ ...base, userId: 2, role: "MANAGER", repId: null, locale: "ru" });

const schema = z.object({ name: z.string().trim().min(2).max(20), teamId: z.coerce.number().int().positive() });
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
};
const idle = { status: "idle" } as const;

// node-postgres's refusal, as the driver adapter passes it on: it names the server's address.
const refused = () => Object.assign(new Error("connect ECONNREFUSED 10.0.0.5:5432"), { code: "ECONNREFUSED", syscall: "connect", address: "10.0.0.5", port: 5432 });

describe("authedAction", () => {
  const handler = vi.fn(async () => {});
  const action = authedAction(schema, handler, { roles: ["MANAGER"], revalidate: ["/teams"] });

  beforeEach(() => {
    handler.mockReset();
    mocks.revalidatePath.mockReset();
    mocks.transactions = 0;
    mocks.viewerError = null;
  });

  it("refuses an anonymous caller without running the handler or opening a transaction", async () => {
    mocks.viewer = null;
    const state = await action(idle, form({ name: "Alpha", teamId: "3" }));
    expect(state).toEqual({ status: "error", message: "Your session has ended. Sign in again to continue." });
    expect(handler).not.toHaveBeenCalled();
    expect(mocks.transactions).toBe(0);
  });

  it("returns translated field errors that name the field, and does not run the handler", async () => {
    mocks.viewer = manager;
    const state = await action(idle, form({ name: "A", teamId: "x" }));
    expect(state.status).toBe("error");
    expect(state.fieldErrors).toEqual({
      name: ["Поле «Имя»: не меньше 2 символов."],
      teamId: ["Поле «Команда» должно быть числом."],
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("says a missing field is required, in English for an English viewer", async () => {
    mocks.viewer = mintViewer({ ...base, role: "MANAGER" });
    const state = await action(idle, form({ teamId: "3" }));
    expect(state.fieldErrors).toEqual({ name: ["Name is required."] });
  });

  it("refuses a role the policy does not allow, after validation, without running the handler", async () => {
    mocks.viewer = rep;
    const state = await action(idle, form({ name: "Alpha", teamId: "3" }));
    expect(state).toEqual({ status: "error", message: "You do not have permission to do this." });
    expect(handler).not.toHaveBeenCalled();
    expect(mocks.transactions).toBe(0);
  });

  it("runs the handler in a transaction with the viewer and the parsed input, then revalidates", async () => {
    mocks.viewer = manager;
    handler.mockResolvedValueOnce(undefined);
    const state = await action(idle, form({ name: "  Alpha ", teamId: "3", extra: "dropped" }));
    expect(handler).toHaveBeenCalledWith(manager, { name: "Alpha", teamId: 3 }, { fake: "tx" });
    expect(mocks.transactions).toBe(1);
    expect(mocks.revalidatePath).toHaveBeenCalledWith("/teams");
    expect(state).toMatchObject({ status: "success", message: "Сохранено." });
  });

  it("answers NOT_FOUND with the same message whether the row is missing or out of scope", async () => {
    mocks.viewer = mintViewer({ ...base, role: "MANAGER" });
    handler.mockRejectedValueOnce(new AppError("NOT_FOUND", { detail: "team 3 is in another organisation" }));
    const state = await action(idle, form({ name: "Alpha", teamId: "3" }));
    expect(state).toEqual({ status: "error", message: "This item does not exist or you do not have access to it." });
    expect(JSON.stringify(state)).not.toContain("another organisation");
    expect(mocks.revalidatePath).not.toHaveBeenCalled();
  });

  it("hides an unexpected error behind a generic message and does not revalidate", async () => {
    mocks.viewer = manager;
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    handler.mockRejectedValueOnce(new Error("duplicate key value violates unique constraint"));
    const state = await action(idle, form({ name: "Alpha", teamId: "3" }));
    expect(state).toEqual({ status: "error", message: "Что-то пошло не так, ничего не сохранено. Попробуйте снова." });
    expect(mocks.revalidatePath).not.toHaveBeenCalled();
    log.mockRestore();
  });

  it("says the data is unavailable and nothing was saved when the database is unreachable, naming nothing internal", async () => {
    mocks.viewer = manager;
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    handler.mockRejectedValueOnce(refused());
    const state = await action(idle, form({ name: "Alpha", teamId: "3" }));
    log.mockRestore();
    expect(state).toEqual({ status: "error", message: "Данные временно недоступны. Ничего не изменено; попробуйте снова через минуту.", retryable: true });
    expect(JSON.stringify(state)).not.toMatch(/10\.0\.0\.5|5432|ECONNREFUSED/);
    expect(mocks.revalidatePath).not.toHaveBeenCalled();
  });

  it("answers the same, in the request's language, when reading the session already fails", async () => {
    mocks.viewerError = refused();
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const state = await action(idle, form({ name: "Alpha", teamId: "3" }));
    log.mockRestore();
    expect(state).toEqual({ status: "error", message: "The data is temporarily unavailable. Nothing was changed; try again in a minute.", retryable: true });
    expect(handler).not.toHaveBeenCalled();
  });

  it("passes a rate-limit message with its numbers", async () => {
    mocks.viewer = mintViewer({ ...base, role: "MANAGER" });
    handler.mockRejectedValueOnce(new AppError("RATE_LIMITED", { values: { minutes: 7 } }));
    expect((await action(idle, form({ name: "Alpha", teamId: "3" }))).message).toBe("Too many attempts. Try again in 7 minutes.");
  });

  it("is marked, with its policy, so tests can enumerate wrapped actions", () => {
    expect(actionPolicyOf(action)).toEqual({ roles: ["MANAGER"], revalidate: ["/teams"] });
    expect(actionPolicyOf(async () => {})).toBeUndefined();
  });
});

describe("formDataToObject", () => {
  it("keeps repeated fields as arrays and drops Next's internal fields", () => {
    const data = form({ a: "1", $ACTION_ID_abc: "" });
    data.append("tag", "x");
    data.append("tag", "y");
    expect(formDataToObject(data)).toEqual({ a: "1", tag: ["x", "y"] });
  });
});
