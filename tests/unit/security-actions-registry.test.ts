import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));

const { actionPolicyOf } = await import("@/lib/actions/authed-action");

const ACTIONS_DIR = path.resolve(import.meta.dirname, "../../lib/actions");
// Actions that must work without a session, each with its reason. Everything else goes through authedAction.
const PUBLIC_ACTIONS: Record<string, string> = {
  "set-locale.ts#setLocale": "the language switch works on the sign-in page too; it only sets a cookie",
  "accept-invite.ts#acceptInvite": "the invitee has no session yet; the one-time token is the credential, spent in the same transaction",
  "complete-setup.ts#completeSetup": "nobody has an account yet; the one-time setup token is the credential, spent in the same transaction",
};

const actionFiles = fs
  .readdirSync(ACTIONS_DIR)
  .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && file !== "authed-action.ts");

describe("server actions", () => {
  it.each(actionFiles)("%s is a 'use server' module whose every export is wrapped by authedAction", async (file) => {
    const source = fs.readFileSync(path.join(ACTIONS_DIR, file), "utf8");
    expect(source.trimStart().startsWith('"use server"')).toBe(true);
    const exports = (await import(path.join(ACTIONS_DIR, file))) as Record<string, unknown>;
    expect(Object.keys(exports).length).toBeGreaterThan(0);
    for (const [name, value] of Object.entries(exports)) {
      if (PUBLIC_ACTIONS[`${file}#${name}`]) continue;
      expect(actionPolicyOf(value), `${file} exports ${name} without authedAction`).toBeDefined();
    }
  });

  it("lists only public actions that still exist", () => {
    for (const key of Object.keys(PUBLIC_ACTIONS)) expect(actionFiles).toContain(key.split("#")[0]);
  });
});
