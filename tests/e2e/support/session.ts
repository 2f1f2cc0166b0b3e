import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { expect, request, type APIRequestContext } from "@playwright/test";
import { DEMO_PASSWORD } from "../../../prisma/seed";
import { ROOT } from "./paths";

/** A request context signed in through next-auth's own credentials endpoint (no browser needed). */
export async function signedInContext(baseURL: string, email: string | null): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL });
  if (email === null) return context;
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await context.post("/api/auth/callback/credentials", { form: { csrfToken, email, password: DEMO_PASSWORD, json: "true" } });
  const session = (await (await context.get("/api/auth/session")).json()) as { user?: { email?: string } };
  expect(session.user?.email, `signing in as ${email}`).toBe(email);
  return context;
}

interface ManifestEntry {
  filename?: string;
  exportedName?: string;
  workers: Record<string, unknown>;
}

/** Server actions the production build exposes: "file.ts#export" → its id and a page that can receive it. */
export function builtActions(): Map<string, { id: string; page: string }> {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, ManifestEntry>;
  };
  const actions = new Map<string, { id: string; page: string }>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (!entry.filename?.startsWith("lib/actions/") || !entry.exportedName) continue;
    const worker = Object.keys(entry.workers).find((key) => key.endsWith("/page"));
    if (!worker) continue;
    actions.set(`${path.basename(entry.filename)}#${entry.exportedName}`, { id, page: pageUrl(worker.replace(/^app/, "").replace(/\/page$/, "")) });
  }
  return actions;
}

/** A route pattern as a URL: route groups dropped, any dynamic segment filled with a placeholder. */
export function pageUrl(pattern: string): string {
  const url = pattern
    .split("/")
    .filter((segment) => !/^\(.*\)$/.test(segment))
    .map((segment) => (/^\[.*\]$/.test(segment) ? "0" : segment))
    .join("/");
  return url === "" ? "/" : url;
}

const react = createRequire(path.join(ROOT, "package.json"))("next/dist/compiled/react-server-dom-webpack/client.edge.js") as {
  encodeReply: (value: unknown) => Promise<FormData | string>;
};

/**
 * Calls a server action the way the browser does (React's reply encoding, the Next-Action header). Returns the
 * HTTP status and the action's answer as text. useActionState actions take (prevState, formData).
 */
export async function callAction(
  context: APIRequestContext,
  baseURL: string,
  action: { id: string; page: string },
  fields: Record<string, string>,
  options: { formOnly?: boolean } = {},
): Promise<{ status: number; body: string }> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  const encoded = await react.encodeReply(options.formOnly ? [form] : [{ status: "idle" }, form]);
  const multipart = typeof encoded === "string" ? (() => { const f = new FormData(); f.set("0", encoded); return f; })() : encoded;
  const response = await context.post(action.page, {
    headers: { "Next-Action": action.id, Accept: "text/x-component", Origin: baseURL },
    multipart,
    maxRedirects: 0,
  });
  return { status: response.status(), body: await response.text() };
}
