import { describe, expect, it, vi } from "vitest";
import { oidcConfig } from "@/lib/env";
import { NO_ACCOUNT_ID, oidcProvider, userForOidcClaims } from "@/lib/auth/oidc-provider";
import { parseSignInError } from "@/lib/auth/sign-in-error";

describe("parseSignInError", () => {
  it.each([
    ["CredentialsSignin", { kind: "credentials" }],
    ["RateLimited:7", { kind: "rateLimited", minutes: 7 }],
    ["AccessDenied", { kind: "ssoNoAccount" }],
    ["RateLimited:abc", { kind: "unavailable" }],
    ["OAuthCallback", { kind: "unavailable" }],
    ["<script>", { kind: "unavailable" }],
  ])("reads %s", (code, expected) => {
    expect(parseSignInError(code)).toEqual(expected);
  });
});

describe("OIDC configuration", () => {
  it("is off when no variable is set, and blank values count as unset", () => {
    expect(oidcConfig({})).toBeNull();
    expect(oidcConfig({ OIDC_ISSUER: "", OIDC_CLIENT_ID: "", OIDC_CLIENT_SECRET: "" })).toBeNull();
  });

  it("needs all three of issuer, client id and secret", () => {
    expect(() => oidcConfig({ OIDC_ISSUER: "https://accounts.google.com", OIDC_CLIENT_ID: "id" })).toThrow(/OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/);
    expect(() => oidcConfig({ OIDC_ISSUER: "not a url", OIDC_CLIENT_ID: "id", OIDC_CLIENT_SECRET: "s" })).toThrow(/OIDC_ISSUER/);
  });

  it("builds a discovery-based provider named for the button", () => {
    const config = oidcConfig({ OIDC_ISSUER: "https://example.okta.com/", OIDC_CLIENT_ID: "id", OIDC_CLIENT_SECRET: "s", OIDC_NAME: "Okta" });
    expect(config).toEqual({ issuer: "https://example.okta.com", clientId: "id", clientSecret: "s", name: "Okta" });
    const provider = oidcProvider(config!, async () => null);
    expect(provider).toMatchObject({ id: "oidc", name: "Okta", wellKnown: "https://example.okta.com/.well-known/openid-configuration", idToken: true, checks: ["pkce", "state"] });
  });
});

describe("userForOidcClaims", () => {
  const mia = { id: 4, name: "Mia", email: "mia@acme.test", active: true, tokenVersion: 2 };
  const find = vi.fn(async (email: string) => (email === "mia@acme.test" ? mia : null));

  it("signs in an existing active user by verified email, with their token version", async () => {
    expect(await userForOidcClaims({ sub: "x", email: "Mia@Acme.test", email_verified: true }, find)).toEqual({ id: "4", name: "Mia", email: "mia@acme.test", tokenVersion: 2 });
    expect(await userForOidcClaims({ sub: "x", email: "mia@acme.test", xms_edov: true }, find)).toMatchObject({ id: "4" });
  });

  it.each([
    ["an unverified email", { sub: "x", email: "mia@acme.test", email_verified: false }],
    ["no verification claim", { sub: "x", email: "mia@acme.test" }],
    ["an unknown email", { sub: "x", email: "stranger@acme.test", email_verified: true }],
    ["no email", { sub: "x", email_verified: true }],
  ])("refuses %s", async (_case, claims) => {
    expect((await userForOidcClaims(claims, find)).id).toBe(NO_ACCOUNT_ID);
  });

  it("refuses a deactivated user", async () => {
    expect((await userForOidcClaims({ sub: "x", email: "mia@acme.test", email_verified: true }, async () => ({ ...mia, active: false }))).id).toBe(NO_ACCOUNT_ID);
  });
});
