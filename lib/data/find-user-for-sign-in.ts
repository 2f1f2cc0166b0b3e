import "server-only";
import { db } from "@/lib/db/client";

/** The sign-in lookup: runs before there is a Viewer, so it returns only what checking a password needs. */
export async function findUserForSignIn(email: string) {
  return db.user.findFirst({
    where: { email: { equals: email, mode: "insensitive" } },
    select: { id: true, name: true, email: true, passwordHash: true, active: true, tokenVersion: true },
    orderBy: { id: "asc" },
  });
}
