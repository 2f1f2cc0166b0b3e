import "server-only";
import { db } from "@/lib/db/client";

/** Whether anyone has an account here: without one the sign-in page explains how to create the first administrator. */
export async function instanceHasUsers(): Promise<boolean> {
  return (await db.user.findFirst({ select: { id: true } })) !== null;
}
