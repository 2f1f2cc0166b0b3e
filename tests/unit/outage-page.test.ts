import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { withOutagePage } from "@/lib/http/outage-page";

// How Next answers: a failed render (500) written three ways, a page that works, an API route and an RSC request.
function next(request: IncomingMessage, response: ServerResponse) {
  const path = request.url ?? "/";
  if (path.startsWith("/fails-at-once")) {
    response.statusCode = 500;
    response.setHeader("Content-Type", "text/html; charset=utf-8");
    response.setHeader("X-Frame-Options", "DENY");
    response.end("<html><body>Next's own error page</body></html>");
  } else if (path.startsWith("/fails-streamed")) {
    response.writeHead(500, { "Content-Type": "text/html; charset=utf-8" });
    response.write("<html><body>Next's own");
    setTimeout(() => response.end(" error page</body></html>"), 5);
  } else if (path.startsWith("/fails-piped")) {
    // Next's pipeToNodeResponse: flushHeaders on the first chunk, write, then end.
    response.statusCode = 500;
    response.flushHeaders();
    response.write("<html><body>Next's own error page</body></html>", () => response.end());
  } else if (path.startsWith("/api/")) {
    response.statusCode = 500;
    response.end("{}");
  } else if (path.startsWith("/works")) {
    response.end("<html><body>the roster</body></html>");
  } else {
    response.statusCode = 500;
    response.end("RSC payload");
  }
}

const probe = vi.fn(async () => true);
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer(withOutagePage(next, probe));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let clock = 0;
beforeEach(() => {
  probe.mockReset();
  probe.mockResolvedValue(true);
  // The wrapper reuses one probe for two seconds; each test starts past that.
  clock += 10_000;
  vi.spyOn(Date, "now").mockReturnValue(clock);
});

describe("withOutagePage", () => {
  it.each(["/fails-at-once", "/fails-streamed", "/fails-piped"])("answers a page that failed (%s) while the database is down with the translated 503 page", async (path) => {
    const response = await fetch(`${base}${path}?team=4`);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("30");
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("<h1>Data temporarily unavailable</h1>");
    expect(html).toContain("Trying again in 30 s");
    expect(html).toContain(`<a href="${path}?team=4">Try now</a>`);
    expect(html).not.toContain("Next's own");
    // The countdown script runs under a CSP that names its nonce, and nothing else may run.
    const nonce = /<script nonce="([^"]+)">/.exec(html)?.[1];
    expect(response.headers.get("content-security-policy")).toContain(`'nonce-${nonce}'`);
  });

  it("keeps the security headers of the failed response and drops the rest", async () => {
    const response = await fetch(`${base}/fails-at-once`);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });

  it.each([
    ["the language switch's cookie", { cookie: "theme=dark; NEXT_LOCALE=ru" }],
    ["the browser's languages", { "accept-language": "ru-RU,ru;q=0.9,en;q=0.5" }],
  ])("speaks Russian by %s", async (_how, headers: Record<string, string>) => {
    const html = await (await fetch(`${base}/fails-at-once`, { headers })).text();
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain("<h1>Данные временно недоступны</h1>");
    expect(html).toContain("Повторная попытка через 30 с");
  });

  it("escapes the address it links back to", async () => {
    const html = await (await fetch(`${base}/fails-at-once?q=%22%3E%3Cscript%3E`)).text();
    expect(html).not.toContain('"><script>');
  });

  it("answers HEAD with the status and no body", async () => {
    const response = await fetch(`${base}/fails-at-once`, { method: "HEAD" });
    expect(response.status).toBe(503);
    expect(await response.text()).toBe("");
  });

  it.each(["/fails-at-once", "/fails-streamed", "/fails-piped"])("passes a page's 500 (%s) on unchanged when the database answers", async (path) => {
    probe.mockResolvedValue(false);
    const response = await fetch(`${base}${path}`);
    expect(response.status).toBe(500);
    expect(await response.text()).toBe("<html><body>Next's own error page</body></html>");
  });

  it("does not ask the database about a page that worked, an API route or Next's data requests", async () => {
    expect((await fetch(`${base}/works`)).status).toBe(200);
    expect((await fetch(`${base}/api/export/deals`)).status).toBe(500);
    expect((await fetch(`${base}/roster`, { headers: { RSC: "1" } })).status).toBe(500);
    expect((await fetch(`${base}/roster`, { method: "POST", headers: { "Next-Action": "abc" } })).status).toBe(500);
    expect(probe).not.toHaveBeenCalled();
  });

  it("asks once for pages that fail together", async () => {
    await Promise.all([fetch(`${base}/fails-at-once`), fetch(`${base}/fails-streamed`), fetch(`${base}/fails-piped`)]);
    expect(probe).toHaveBeenCalledTimes(1);
  });
});
