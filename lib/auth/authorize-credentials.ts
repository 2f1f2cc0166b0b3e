import "server-only";
import bcrypt from "bcryptjs";
import type { User } from "next-auth";
import { findUserForSignIn } from "@/lib/data/find-user-for-sign-in";
import { beginLoginAttempt, recordLoginSuccess } from "@/lib/data/login-attempts";
import { isDatabaseUnavailable } from "@/lib/errors";
import { credentialsSchema } from "@/lib/validation/credentials";
import { clientIp } from "./client-ip";
import { RATE_LIMITED_ERROR, UNAVAILABLE_ERROR } from "./sign-in-error";

// Compared against when the user is unknown, so every failure takes the same time.
const DUMMY_HASH = "$2b$10$hZnFRtVPqUsBMiAvUV6Oo./kRjyNePXW8GiQ63jI2uyDgO4l2cTfS";

/**
 * The credentials check: null, with one message for the user, whether the email is unknown, the password
 * wrong or the account deactivated; throws `RateLimited:<minutes>` past the attempt limit. Never logs the password.
 */
async function checkCredentials(raw: unknown, headers: Record<string, string | string[] | undefined> | undefined): Promise<User | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;

  const gate = await beginLoginAttempt({ email, ip: clientIp(headers) });
  if (!gate.allowed) throw new Error(`${RATE_LIMITED_ERROR}:${gate.retryAfterMinutes}`);

  const user = await findUserForSignIn(email);
  const matches = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.passwordHash || !user.active || !matches) return null;
  await recordLoginSuccess(gate.attemptId);
  return { id: String(user.id), name: user.name, email: user.email, tokenVersion: user.tokenVersion };
}

/** checkCredentials, answering `Unavailable` while the database is unreachable. */
export async function authorizeCredentials(raw: unknown, headers: Record<string, string | string[] | undefined> | undefined): Promise<User | null> {
  try {
    return await checkCredentials(raw, headers);
  } catch (error) {
    // next-auth puts a thrown message into the sign-in URL: the driver's would name the database host and port.
    if (!isDatabaseUnavailable(error)) throw error;
    console.error("Sign-in failed: the database is unreachable");
    throw new Error(UNAVAILABLE_ERROR);
  }
}
