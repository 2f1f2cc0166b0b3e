import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { safeCallbackPath } from "@/lib/auth/safe-callback-path";
import { secureCookies } from "@/lib/auth/secure-cookies";
import { contentSecurityPolicy, createNonce } from "@/lib/http/content-security-policy";

// Only turns anonymous visitors away; who may see what is decided by requireViewer and lib/data.
const PUBLIC_PATHS = [/^\/login$/, /^\/setup$/, /^\/invite(\/|$)/, /^\/api\/auth(\/|$)/, /^\/api\/health$/];

// Every response gets a CSP with its own nonce; the request carries it too, for Next to stamp its scripts.
export async function proxy(request: NextRequest) {
  const nonce = createNonce();
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const csp = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === "development", https });
  const withCsp = <R extends Response>(response: R): R => {
    response.headers.set("Content-Security-Policy", csp);
    return response;
  };
  const pass = () => {
    const headers = new Headers(request.headers);
    headers.set("x-nonce", nonce);
    headers.set("Content-Security-Policy", csp);
    return withCsp(NextResponse.next({ request: { headers } }));
  };

  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PATHS.some((pattern) => pattern.test(pathname))) return pass();

  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET, secureCookie: secureCookies });
  if (token) return pass();

  if (pathname.startsWith("/api/")) {
    return withCsp(NextResponse.json({ error: "UNAUTHENTICATED" }, { status: 401 }));
  }
  const login = new URL("/login", request.nextUrl);
  const callbackUrl = safeCallbackPath(`${pathname}${search}`);
  if (pathname !== "/" && callbackUrl) login.searchParams.set("callbackUrl", callbackUrl);
  return withCsp(NextResponse.redirect(login));
}

export const config = {
  // Static files and images never need a session.
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|robots\\.txt|.*\\.(?:png|jpg|jpeg|svg|webp|ico|css|js|map|txt|woff2?)$).*)"],
};
