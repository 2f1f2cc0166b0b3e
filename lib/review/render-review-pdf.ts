import "server-only";
import fs from "node:fs";

// A Chromium process holds ~200 MB while it renders: at most this many at once per app instance; others wait.
const MAX_CONCURRENT_RENDERS = 2;
const RENDER_TIMEOUT_MS = 60_000;
let running = 0;
const waiting: Array<() => void> = [];

async function slot(): Promise<() => void> {
  if (running >= MAX_CONCURRENT_RENDERS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

/** The Chromium the app renders PDFs with: PLAYWRIGHT_CHROMIUM_PATH, else Debian's; null when there is none. */
export function pdfBrowserPath(): string | null {
  const candidates = [process.env.PLAYWRIGHT_CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
  return candidates.find((candidate): candidate is string => candidate !== undefined && candidate !== "" && fs.existsSync(candidate)) ?? null;
}

/** Where this process serves HTTP, seen from the same machine (the print page is fetched through it). */
function ownOrigin(): string {
  const host = process.env.HOST && !["0.0.0.0", "::", ""].includes(process.env.HOST) ? process.env.HOST : "127.0.0.1";
  return `http://${host.includes(":") ? `[${host}]` : host}:${process.env.PORT ?? 3000}`;
}

/**
 * The print view at `path` as an A4 PDF, rendered by headless Chromium with the caller's own cookies, so the
 * document shows exactly what the caller may see (the page does its own authorization).
 */
export async function renderReviewPdf(browserPath: string, path: string, cookie: string): Promise<Uint8Array> {
  const release = await slot();
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: browserPath, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"], timeout: RENDER_TIMEOUT_MS });
  try {
    const context = await browser.newContext({ extraHTTPHeaders: { cookie } });
    const page = await context.newPage();
    const response = await page.goto(`${ownOrigin()}${path}`, { waitUntil: "networkidle", timeout: RENDER_TIMEOUT_MS });
    if (!response?.ok()) throw new Error(`print view answered ${response?.status() ?? "nothing"}`);
    await page.emulateMedia({ media: "print" });
    return await page.pdf({ format: "A4", printBackground: true, margin: { top: "14mm", bottom: "14mm", left: "12mm", right: "12mm" } });
  } finally {
    await browser.close();
    release();
  }
}
