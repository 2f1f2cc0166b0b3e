// Secure cookies need HTTPS: trust NEXTAUTH_URL when set, otherwise assume HTTPS only in production.
export const secureCookies: boolean = process.env.NEXTAUTH_URL
  ? process.env.NEXTAUTH_URL.startsWith("https://")
  : process.env.NODE_ENV === "production";
