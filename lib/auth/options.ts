import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { findUserForSignIn } from "@/lib/data/find-user-for-sign-in";
import { oidcConfig } from "@/lib/env";
import { authorizeCredentials } from "./authorize-credentials";
import { NO_ACCOUNT_ID, oidcProvider } from "./oidc-provider";
import { secureCookies } from "./secure-cookies";

// Without NEXTAUTH_URL, next-auth derives its URLs from the (forwarded) Host header of each request,
// so the same build works on localhost and behind a reverse proxy.
if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";

const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

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
  callbacks: {
    // An OIDC identity without an active account here is refused; the login page says so.
    signIn({ user }) {
      return user.id !== NO_ACCOUNT_ID;
    },
    jwt({ token, user }) {
      if (user) {
        token.userId = Number(user.id);
        token.tokenVersion = user.tokenVersion;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.userId ?? 0, tokenVersion: token.tokenVersion ?? -1 };
    },
    // Only same-origin paths: a crafted callbackUrl must not send the user elsewhere.
    redirect({ url, baseUrl }) {
      if (url.startsWith("/") && !url.startsWith("//")) return `${baseUrl}${url}`;
      return new URL(url).origin === baseUrl ? url : baseUrl;
    },
  },
};
