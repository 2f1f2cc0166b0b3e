// Resolved against a fixed base, so only the path decides where a callback goes; `.invalid` can never resolve.
const BASE = new URL("http://callback.invalid");
// A callback longer than this is not one our links produce.
const MAX_CALLBACK_LENGTH = 2048;
// Browsers drop tabs and newlines from URLs ("/\t/evil.test" reads as "//evil.test") and read "\" as "/".
const UNSAFE_CHARACTERS = /[\u0000-\u001F\u007F\\]/;

/**
 * The same-origin path (with its query and fragment) a sign-in may return to, or null for anything else:
 * another origin, a protocol-relative or backslashed URL, control characters. With `origin`, an absolute URL
 * on that origin is accepted too (next-auth's redirect callback passes those).
 */
export function safeCallbackPath(raw: unknown, origin?: string): string | null {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_CALLBACK_LENGTH || UNSAFE_CHARACTERS.test(value)) return null;
  let candidate = value;
  if (!value.startsWith("/")) {
    const absolute = parseUrl(value);
    if (!absolute || !origin || absolute.origin !== parseUrl(origin)?.origin) return null;
    candidate = `${absolute.pathname}${absolute.search}${absolute.hash}`;
  }
  if (candidate.startsWith("//")) return null;
  const url = new URL(candidate, BASE);
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can collapse into a protocol-relative path ("/.//evil.test" → "//evil.test").
  if (url.origin !== BASE.origin || path.startsWith("//")) return null;
  return path;
}

// URL.parse is too new for some browsers the login form must still run in.
function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
