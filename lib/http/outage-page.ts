// The page a browser gets while the database is unreachable. Next cannot answer a page with 503 (a failed render
// is a 500), so the launcher's HTTP server holds a page's 500, asks the database, and answers this page instead.
import type { IncomingMessage, ServerResponse } from "node:http";
import { createTranslator } from "next-intl";
import { LOCALE_COOKIE } from "@/lib/i18n/config";
import { messagesFor } from "@/lib/i18n/messages";
import { negotiateLocale } from "@/lib/i18n/negotiate-locale";
import { contentSecurityPolicy, createNonce } from "./content-security-policy";
import { RETRY_AFTER_SECONDS } from "./retry-after";

// One probe answers every page that fails within this window, so an outage under load opens few connections.
const PROBE_REUSE_MS = 2_000;
// Headers of next.config.ts that still apply to the outage page; the rest described the failed render.
const KEPT_HEADERS = new Set(["x-frame-options", "x-content-type-options", "referrer-policy", "permissions-policy", "cross-origin-opener-policy", "strict-transport-security"]);

type RequestHandler = (request: IncomingMessage, response: ServerResponse) => unknown;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function cookie(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return undefined;
}

/** The translated 503 page: what happened, a countdown to the next try and a button to try now (a plain link without JS). */
export function outagePageHtml({ locale, path, nonce }: { locale: "en" | "ru"; path: string; nonce: string }): string {
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "unavailable" });
  const title = escapeHtml(t("title"));
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<noscript><meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}"></noscript>
<title>${title}</title>
<style>
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f5f6f8;color:#151821;font-family:ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
main{max-width:32rem;margin:1.5rem;padding:2rem;border:1px solid #dde1e7;border-radius:1rem;background:#fff;text-align:center}
.code{margin:0;font-size:.875rem;font-weight:600;color:#3a3ec9}
h1{margin:.5rem 0 0;font-size:1.5rem;letter-spacing:-.01em}
p{font-size:.875rem;line-height:1.6;color:#515a6a}
a{display:inline-flex;align-items:center;min-height:2.5rem;margin-top:.5rem;padding:0 1rem;border-radius:.5rem;background:#3a3ec9;color:#fff;font-size:.875rem;font-weight:600;text-decoration:none}
a:hover{background:#2e31a8}
a:focus-visible{outline:3px solid #3a3ec9;outline-offset:2px}
</style>
</head>
<body>
<main id="main">
<p class="code">503</p>
<h1>${title}</h1>
<p>${escapeHtml(t("body"))}</p>
<p id="countdown" data-template="${escapeHtml(t.raw("retryIn") as string)}">${escapeHtml(t("retryIn", { seconds: RETRY_AFTER_SECONDS }))}</p>
<a href="${escapeHtml(path)}">${escapeHtml(t("retryNow"))}</a>
</main>
<script nonce="${nonce}">(function(){var el=document.getElementById("countdown"),left=${RETRY_AFTER_SECONDS};function tick(){el.textContent=el.dataset.template.replace("{seconds}",String(left));if(left--<=0)location.reload();else setTimeout(tick,1000)}tick()})();</script>
</body>
</html>
`;
}

// A browser loading a document: not Next's data requests (RSC, prefetch, server actions), its assets, or the API,
// whose route handlers answer 503 JSON themselves.
function isPageRequest(request: IncomingMessage): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const { rsc, "next-action": action, "next-router-prefetch": prefetch } = request.headers;
  if (rsc || action || prefetch) return false;
  const path = request.url ?? "/";
  return !path.startsWith("/_next/") && !path.startsWith("/api/");
}

// Node's own response methods, called past the wrappers below.
type Method<R> = (this: ServerResponse, ...args: unknown[]) => R;

function sendOutagePage(request: IncomingMessage, response: ServerResponse, writeHead: Method<ServerResponse>, end: Method<ServerResponse>): void {
  for (const name of response.getHeaderNames()) if (!KEPT_HEADERS.has(name)) response.removeHeader(name);
  const nonce = createNonce();
  const https = request.headers["x-forwarded-proto"] === "https";
  const locale = negotiateLocale(cookie(request, LOCALE_COOKIE), request.headers["accept-language"]);
  const html = outagePageHtml({ locale, path: request.url ?? "/", nonce });
  writeHead.call(response, 503, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": contentSecurityPolicy({ nonce, dev: false, https }),
    "Cache-Control": "no-store",
    "Retry-After": String(RETRY_AFTER_SECONDS),
  });
  end.call(response, request.method === "HEAD" ? undefined : html);
}

type Chunk = { chunk: unknown; encoding?: BufferEncoding };

/**
 * Holds a page's 500 until `isDatabaseDown` answers: the outage page (503) while the database is unreachable,
 * else the 500 exactly as Next wrote it. Other statuses pass straight through.
 */
function holdServerError(request: IncomingMessage, response: ServerResponse, isDatabaseDown: () => Promise<boolean>): void {
  const writeHead = response.writeHead as Method<ServerResponse>;
  const flushHeaders = response.flushHeaders as Method<void>;
  const write = response.write as Method<boolean>;
  const end = response.end as Method<ServerResponse>;
  let held: { head: unknown[] | null; chunks: Chunk[] } | null = null;
  let settled = false;
  const holding = (status: number) => {
    if (!settled && !held && !response.headersSent && status === 500) held = { head: null, chunks: [] };
    return !settled && held !== null;
  };

  async function settle(callback?: () => void) {
    const { head, chunks } = held!;
    settled = true;
    const down = await isDatabaseDown().catch(() => false);
    if (down) sendOutagePage(request, response, writeHead, end);
    else {
      if (head) writeHead.apply(response, head);
      for (const { chunk, encoding } of chunks) write.call(response, chunk, encoding);
      end.call(response);
    }
    if (callback) response.once("finish", callback);
  }

  response.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (!holding(args[0] as number)) return writeHead.apply(this, args);
    held!.head = args;
    return this;
  } as ServerResponse["writeHead"];
  response.flushHeaders = function (this: ServerResponse) {
    if (!holding(this.statusCode)) flushHeaders.call(this);
  };
  response.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    if (!holding(this.statusCode)) return write.apply(this, [chunk, ...rest]);
    held!.chunks.push({ chunk, encoding: typeof rest[0] === "string" ? (rest[0] as BufferEncoding) : undefined });
    const callback = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
    if (callback) process.nextTick(callback);
    return true;
  } as ServerResponse["write"];
  response.end = function (this: ServerResponse, ...args: unknown[]) {
    if (!holding(this.statusCode)) return end.apply(this, args);
    const callback = args.find((arg) => typeof arg === "function") as (() => void) | undefined;
    if (args[0] !== undefined && typeof args[0] !== "function") held!.chunks.push({ chunk: args[0], encoding: typeof args[1] === "string" ? (args[1] as BufferEncoding) : undefined });
    void settle(callback);
    return this;
  } as ServerResponse["end"];
}

/**
 * Wraps Next's request handler: a page that fails with 500 while `isDatabaseDown()` says the database is
 * unreachable is answered with the translated outage page and 503 + Retry-After. Costs nothing while pages succeed.
 */
export function withOutagePage(handle: RequestHandler, isDatabaseDown: () => Promise<boolean>): RequestHandler {
  let probe: { at: number; down: Promise<boolean> } | undefined;
  const probeOnce = () => {
    if (!probe || Date.now() - probe.at > PROBE_REUSE_MS) probe = { at: Date.now(), down: isDatabaseDown() };
    return probe.down;
  };
  return (request, response) => {
    if (isPageRequest(request)) holdServerError(request, response, probeOnce);
    return handle(request, response);
  };
}
