// Security as the browser sees it: headers with a working nonce CSP (no violations), session cookie flags,
// the sign-in limit's message, and "Sign out everywhere" ending another browser's session.
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { demoLogins } from "../../prisma/seed";
import { signIn } from "./support/browser";

const logins = demoLogins();
// A rep no other spec signs in as: signing out everywhere must not end another test's session.
const rep = logins.filter((login) => login.role === "REP").at(-1)!;

function collectCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /content security policy|refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
  });
  page.on("pageerror", (error) => violations.push(error.message));
  return violations;
}

test("every page answers with the security headers and a fresh CSP nonce", async ({ request }) => {
  const nonces = new Set<string>();
  for (const path of ["/login", "/roster", "/api/health"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"], path).toContain("camera=()");
    const csp = headers["content-security-policy"] ?? "";
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).toContain("object-src 'none'");
    expect(csp, path).not.toContain("unsafe-eval");
    // Served over plain http here: no HSTS, no upgrade of subresources.
    expect(headers["strict-transport-security"], path).toBeUndefined();
    expect(csp, path).not.toContain("upgrade-insecure-requests");
    nonces.add(/'nonce-([^']+)'/.exec(csp)?.[1] ?? "");
  }
  expect(nonces.size).toBe(3);
});

test("HSTS is sent when the reverse proxy says the request came over https", async ({ request }) => {
  const response = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(response.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
  expect(response.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
});

test("the pages run under the CSP without a single violation, and the session cookie is locked down", async ({ page, context }) => {
  const violations = collectCspViolations(page);
  await signIn(page, rep.email);
  await page.waitForURL(/\/my-kpis/);
  await page.goto("/roster");
  await expect(page.getByRole("main")).toContainText(rep.name);
  await page.locator("header summary").click();
  await expect(page.getByRole("button", { name: /sign out everywhere/i })).toBeVisible();
  await page.goto("/login");
  await page.waitForURL(/\/my-kpis/);
  expect(violations).toEqual([]);

  const session = (await context.cookies()).find((cookie) => cookie.name.endsWith("next-auth.session-token"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  // Secure exactly when the app is served over https (NEXTAUTH_URL); this run is plain http on localhost.
  expect(session?.secure).toBe(test.info().project.use.baseURL!.startsWith("https://"));
});

test("after 10 failed attempts the sign-in form says how long to wait", async ({ browser }) => {
  // A fresh address and an unknown account, so this limit touches no other test.
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": `198.51.100.${randomBytes(1)[0]}` } });
  const page = await context.newPage();
  await page.goto("/login");
  const email = `nobody-${randomBytes(4).toString("hex")}@example.test`;
  const alert = page.getByRole("alert").filter({ hasText: /\S/ });
  for (let attempt = 1; attempt <= 11; attempt++) {
    await page.getByLabel(/email/i).fill(email);
    await page.getByLabel(/password/i).fill(`guess-${attempt}`);
    await page.getByRole("button", { name: /sign in/i }).click();
    await expect(page.getByRole("button", { name: /sign in/i })).toBeEnabled();
    await expect(alert).toBeVisible();
    if (attempt <= 10) await expect(alert).toHaveText("The email or password is incorrect.");
  }
  await expect(alert).toHaveText(/Too many sign-in attempts\. Try again in 1[45] minutes\./);
  await context.close();
});

test("the user menu closes on a click outside it and on Escape", async ({ page }) => {
  await signIn(page, rep.email);
  const signOutEverywhere = page.getByRole("button", { name: /sign out everywhere/i });
  await page.locator("header summary").click();
  await expect(signOutEverywhere).toBeVisible();
  await page.locator("main").click({ position: { x: 5, y: 5 } });
  await expect(signOutEverywhere).toBeHidden();

  await page.locator("header summary").click();
  await expect(signOutEverywhere).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(signOutEverywhere).toBeHidden();
});

test("'Sign out everywhere' ends the session in another browser at its next request", async ({ browser }) => {
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  const [onLaptop, onPhone] = [await laptop.newPage(), await phone.newPage()];
  await signIn(onLaptop, rep.email);
  await signIn(onPhone, rep.email);

  await onLaptop.locator("header summary").click();
  await onLaptop.getByRole("button", { name: /sign out everywhere/i }).click();
  await onLaptop.waitForURL(/\/login/);

  await onPhone.goto("/roster");
  await expect(onPhone).toHaveURL(/\/login/);
  await expect(onPhone.getByRole("button", { name: /sign in/i })).toBeVisible();

  // Signing in again works: the new session carries the new token version.
  await signIn(onPhone, rep.email);
  await laptop.close();
  await phone.close();
});

test("a signed-in visit to /login with a crafted callback stays on this site, and a newline in it is no error", async ({ page, baseURL }) => {
  await signIn(page, rep.email);
  const origin = new URL(baseURL!).origin;
  for (const callback of ["/%09/evil.test", "/%0A/x", "//evil.test", "/%5Cevil.test", "/.//evil.test", "https://evil.test/"]) {
    const response = await page.request.get(`/login?callbackUrl=${callback}`, { maxRedirects: 0 });
    expect(response.status(), callback).toBe(307);
    const location = response.headers()["location"] ?? "";
    expect(location, callback).not.toMatch(/[\t\n\r\\]|^\/\//);
    expect(new URL(location, baseURL).origin, callback).toBe(origin);
  }
  // A path of this site is still where the sign-in returns to.
  const kept = await page.request.get(`/login?callbackUrl=${encodeURIComponent("/dashboard?year=2024")}`, { maxRedirects: 0 });
  expect(new URL(kept.headers()["location"] ?? "", baseURL).href).toBe(`${origin}/dashboard?year=2024`);
});

test("signing out ends the session for a copy of its cookie too", async ({ browser }) => {
  const laptop = await browser.newContext();
  const page = await laptop.newPage();
  await signIn(page, rep.email);
  const copied = await laptop.cookies();
  await page.getByRole("button", { name: /^sign out$/i }).click();
  await page.waitForURL(/\/login/);

  const elsewhere = await browser.newContext();
  await elsewhere.addCookies(copied);
  const stolen = await elsewhere.newPage();
  await stolen.goto("/roster");
  await expect(stolen).toHaveURL(/\/login/);
  expect((await stolen.request.get("/api/import/jobs/00000000-0000-4000-8000-000000000000")).status()).toBe(401);
  await laptop.close();
  await elsewhere.close();
});
