import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { endSession } from "@/lib/data/end-session";
import { findUserForSignIn } from "@/lib/data/find-user-for-sign-in";
import { startSession } from "@/lib/data/start-session";
import { oidcConfig } from "@/lib/env";
import { authorizeCredentials } from "./authorize-credentials";
import { NO_ACCOUNT_ID, oidcProvider } from "./oidc-provider";
import { safeCallbackPath } from "./safe-callback-path";
import { secureCookies } from "./secure-cookies";
import { SESSION_ABSOLUTE_MS } from "./session-lifetime";

// Without NEXTAUTH_URL, next-auth derives its URLs from the (forwarded) Host header of each request,
// so the same build works on localhost and behind a reverse proxy.
if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";

// The cookie lives no longer than a session may; the idle limit is kept server-side (lib/data/get-session-user.ts).
const SESSION_MAX_AGE_SECONDS = SESSION_ABSOLUTE_MS / 1000;

const oidc = oidcConfig();

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  useSecureCookies: secureCookies,
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "credentials",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      authorize: (raw, request) => authorizeCredentials(raw, request.headers),
    }),
    ...(oidc ? [oidcProvider(oidc, findUserForSignIn)] : []),
  ],
  // Signing out revokes this browser's session server-side: a copy of the cookie stops working with it.
  events: {
    signOut: ({ token }) => endSession(token),
  },
  callbacks: {
    // An OIDC identity without an active account here is refused; the login page says so.
    signIn({ user }) {
      return user.id !== NO_ACCOUNT_ID;
    },
    async jwt({ token, user }) {
      if (user) {
        token.userId = Number(user.id);
        token.tokenVersion = user.tokenVersion;
        token.sessionId = await startSession(token.userId);
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.userId ?? 0, tokenVersion: token.tokenVersion ?? -1, sessionId: token.sessionId ?? "" };
    },
    // Only same-origin paths: a crafted callbackUrl must not send the user elsewhere.
    redirect({ url, baseUrl }) {
      return `${baseUrl}${safeCallbackPath(url, baseUrl) ?? "/"}`;
    },
  },
};
