import fs from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// Chromium: PLAYWRIGHT_CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own download.
const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  // Runs after the web server is up (Playwright starts webServer first): seeds the authorization fixtures.
  globalSetup: "./tests/e2e/support/global-setup.ts",
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 720 } } }],
  webServer: {
    // The production build, on its own embedded database with the demo year; the tests reach that database too.
    command: "node --import tsx tests/e2e/support/serve.ts",
    url: `${baseURL}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
    // The tests stand in for a reverse proxy on loopback: the sign-in limit test gives each run its own address.
    env: { PORT: String(port), DATA_DIR: path.resolve(".data/e2e"), HOST: "127.0.0.1", TRUSTED_PROXIES: "127.0.0.1" },
  },
});
