import "server-only";

/**
 * Screens one user may follow meetings on at once, per app instance: a projector, a laptop and a spare tab. Counted in
 * this process only; behind a load balancer the bound is this many per instance, still bounded (each stream also
 * closes after MEETING_STREAM_MAX_MS), so it degrades safely.
 */
export const MEETING_STREAMS_PER_USER = 4;

const open = new Map<number, number>();

/** A slot for one more stream of this user, with the function that gives it back; null when all are taken. */
export function claimMeetingStreamSlot(userId: number): (() => void) | null {
  const count = open.get(userId) ?? 0;
  if (count >= MEETING_STREAMS_PER_USER) return null;
  open.set(userId, count + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (open.get(userId) ?? 1) - 1;
    if (left <= 0) open.delete(userId);
    else open.set(userId, left);
  };
}
