import type { User } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { OidcConfig } from "@/lib/env";

export const OIDC_PROVIDER_ID = "oidc";

export interface OidcClaims {
  sub: string;
  email?: string;
  email_verified?: boolean;
  /** Microsoft Entra ID's "email domain owner verified" optional claim; Entra sends no email_verified. */
  xms_edov?: boolean;
  name?: string;
}

type SignInUser = { id: number; name: string; email: string; active: boolean; tokenVersion: number } | null;

/** An OIDC sign-in that matched no active account (next-auth needs a non-empty id): the signIn callback turns it away (AccessDenied). */
export const NO_ACCOUNT_ID = "no-account";

/**
 * Our user for an OIDC identity: only an existing, active user whose email the provider has verified.
 * Nobody is created on the fly; an admin adds users first.
 */
export async function userForOidcClaims(claims: OidcClaims, findUser: (email: string) => Promise<SignInUser>): Promise<User> {
  const verified = claims.email_verified === true || claims.xms_edov === true;
  const email = claims.email?.trim().toLowerCase();
  const user = verified && email ? await findUser(email) : null;
  if (!user || !user.active) return { id: NO_ACCOUNT_ID, tokenVersion: -1 };
  return { id: String(user.id), name: user.name, email: user.email, tokenVersion: user.tokenVersion };
}

/** A generic OpenID Connect provider (Google, Microsoft Entra ID, Okta, Keycloak… all publish discovery). */
export function oidcProvider(config: OidcConfig, findUser: (email: string) => Promise<SignInUser>): OAuthConfig<OidcClaims> {
  return {
    id: OIDC_PROVIDER_ID,
    name: config.name,
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    profile: (claims) => userForOidcClaims(claims, findUser),
  };
}
